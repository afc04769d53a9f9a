"""A scripted month of complaints about one product, told in contract events (June 2025, GB, FCA DISP).

Twelve complaints, one every six hours from Monday 2 June 2025 09:00 UTC, priorities and channels in turn:
- 0–8 get a first response 10 h after receipt, are resolved after (i+1) days and closed an hour later;
  outcomes in turn upheld / partially upheld / not upheld, root causes courier / pricing / courier;
- 4 is reopened two days after closing and resolved again a day later;
- 0 gets a GBP 25 refund offered, accepted and paid; 0 and 1 rate 5 and 2;
- 9–11 stay open; 10's service first-response deadline is breached.
"""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from uuid import NAMESPACE_URL, uuid5

from complaint_contracts import (
    ComplaintClosed,
    ComplaintReceived,
    ComplaintReopened,
    ComplaintResolved,
    ComplaintRouted,
    CustomerContact,
    Deadline,
    DeadlineBreached,
    FeedbackReceived,
    InformationRequested,
    Money,
    NotificationSent,
    RedressPaid,
    Remedy,
    ResolutionDecisionReceived,
    ResolutionProposed,
)
from complaint_contracts.base import Event

T0 = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
JUNE, JULY = datetime(2025, 6, 1, tzinfo=UTC), datetime(2025, 7, 1, tzinfo=UTC)
COUNT = 12
PRIORITIES = ("low", "medium", "high", "critical")
CHANNELS = ("web", "email", "phone")
OUTCOMES = ("upheld", "partially_upheld", "not_upheld")
CAUSES = ("courier", "pricing", "courier")
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def _id(cid: str, step: str):
    return uuid5(NAMESPACE_URL, f"/analytics-it/{cid}/{step}")


def complaint_events(cid: str, i: int, product: str) -> list[Event]:
    """The story of the i-th complaint."""
    start = T0 + i * 6 * HOUR
    deadlines = [Deadline(name="final_response", clock="regulatory", due_at=start + timedelta(weeks=8), basis="DISP"),
                 Deadline(name="first_response", clock="service", due_at=start + 24 * HOUR, basis="SLA")]
    events: list[Event] = [
        ComplaintReceived(id=_id(cid, "received"), time=start, complaint_id=cid, tracking_number="CMP-7K3Q-9XWA-F",
                          received_at=start, channel=CHANNELS[i % 3], jurisdiction="GB", product=product,
                          customer=CustomerContact(name="Alesia Kuzmich", email="alesia@example.org"),
                          title="Refund not received", description="The refund never arrived"),
        ComplaintRouted(id=_id(cid, "routed"), time=start + HOUR / 2, complaint_id=cid, department="support",
                        team="support-1", rules_version="it", kind="complaint", category="billing",
                        priority=PRIORITIES[i % 4], regime="uk_fca_disp", deadlines=deadlines),
        NotificationSent(id=_id(cid, "ack"), time=start + HOUR + i * timedelta(minutes=1), complaint_id=cid,
                         notification_id=f"n-{cid}", template="acknowledgement", channel="email",
                         recipient_kind="customer", trigger_event_id=str(_id(cid, "received"))),
    ]
    if i >= 9:
        if i == 10:
            events.append(DeadlineBreached(id=_id(cid, "breach"), time=start + 24 * HOUR, complaint_id=cid,
                                           deadline="first_response", clock="service", due_at=start + 24 * HOUR))
        return events
    done = start + (i + 1) * DAY
    events += [
        InformationRequested(id=_id(cid, "info"), time=start + 10 * HOUR, complaint_id=cid, request_id="r-1",
                             question="Which card was charged?", by="emp-1"),
        ComplaintResolved(id=_id(cid, "resolved"), time=done, complaint_id=cid, outcome=OUTCOMES[i % 3],
                          final_response="Our answer.", root_cause=CAUSES[i % 3], by="emp-1"),
        ComplaintClosed(id=_id(cid, "closed"), time=done + HOUR, complaint_id=cid, reason="resolved", by="emp-1"),
    ]
    if i == 4:
        events += [
            ComplaintReopened(id=_id(cid, "reopened"), time=done + 2 * DAY, complaint_id=cid, reason="bounced",
                              by="emp-1"),
            ComplaintResolved(id=_id(cid, "resolved-2"), time=done + 3 * DAY, complaint_id=cid, outcome="upheld",
                              final_response="Second answer.", root_cause="pricing", by="emp-1"),
        ]
    if i == 0:
        refund = Money(amount=Decimal("25.00"), currency="GBP")
        events += [
            ResolutionProposed(id=_id(cid, "proposed"), time=start + 20 * HOUR, complaint_id=cid, proposal_id="p-1",
                               summary="Refund", remedies=[Remedy(kind="refund", amount=refund)], by="emp-1"),
            ResolutionDecisionReceived(id=_id(cid, "decided"), time=start + 21 * HOUR, complaint_id=cid,
                                       proposal_id="p-1", decision="accepted"),
            RedressPaid(id=_id(cid, "paid"), time=done + 2 * HOUR, complaint_id=cid, proposal_id="p-1",
                        kind="refund", amount=refund, payment_reference="PAY-1", by="emp-1"),
        ]
    if i in (0, 1):
        events.append(FeedbackReceived(id=_id(cid, "feedback"), time=done + 5 * HOUR, complaint_id=cid,
                                       satisfaction=(5, 2)[i], comment="Thanks"))
    return events


def lifecycle(token: str) -> tuple[str, dict[str, list[Event]]]:
    """The product name and each complaint's events, ids unique to `token`."""
    product = f"kpi-{token}"
    return product, {f"c-{token}-{i:02}": complaint_events(f"c-{token}-{i:02}", i, product) for i in range(COUNT)}
