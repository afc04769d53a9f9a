"""A scripted month of complaints about one product, told in contract events (June 2025, GB, FCA DISP).

Twelve complaints, one every six hours from Monday 2 June 2025 09:00 UTC, priorities and channels in turn:
- 0–8 get a first response 10 h after receipt, are resolved after (i+1) days and closed an hour later;
  outcomes in turn upheld / partially upheld / not upheld, root causes courier / pricing / courier;
- 4 is reopened two days after closing and resolved again a day later;
- 0 gets a GBP 25 refund offered, accepted and paid; 0 and 1 rate 5 and 2;
- 9–11 stay open; 10's service first-response deadline is breached.
"""

from datetime import UTC, datetime, timedelta

from complaint_contracts.base import Event

from tests.unit.analytics.builders import (
    acknowledged,
    breached,
    closed,
    deadline,
    decided,
    feedback,
    info_requested,
    paid,
    proposed,
    received,
    reopened,
    resolved,
    routed,
)

T0 = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
JUNE, JULY = datetime(2025, 6, 1, tzinfo=UTC), datetime(2025, 7, 1, tzinfo=UTC)
COUNT = 12
PRIORITIES = ("low", "medium", "high", "critical")
CHANNELS = ("web", "email", "phone")
OUTCOMES = ("upheld", "partially_upheld", "not_upheld")
CAUSES = ("courier", "pricing", "courier")
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def complaint_events(cid: str, i: int, product: str) -> list[Event]:
    """The story of the i-th complaint."""
    start = T0 + i * 6 * HOUR
    deadlines = (deadline("final_response", "regulatory", start + timedelta(weeks=8)),
                 deadline("first_response", "service", start + 24 * HOUR))
    events: list[Event] = [
        received(cid, start, channel=CHANNELS[i % 3], product=product),
        routed(cid, start + HOUR / 2, priority=PRIORITIES[i % 4], department="support", deadlines=deadlines),
        acknowledged(cid, start + HOUR + i * timedelta(minutes=1)),
    ]
    if i >= 9:
        if i == 10:
            events.append(breached(cid, start + 24 * HOUR, deadline="first_response", clock="service"))
        return events
    done = start + (i + 1) * DAY
    events += [
        info_requested(cid, start + 10 * HOUR),
        resolved(cid, done, outcome=OUTCOMES[i % 3], root_cause=CAUSES[i % 3]),
        closed(cid, done + HOUR),
    ]
    if i == 4:
        events += [
            reopened(cid, done + 2 * DAY),
            resolved(cid, done + 3 * DAY, outcome="upheld", root_cause="pricing", step="resolved-2"),
        ]
    if i == 0:
        events += [proposed(cid, start + 20 * HOUR, amount="25.00"), decided(cid, start + 21 * HOUR),
                   paid(cid, done + 2 * HOUR, amount="25.00")]
    if i in (0, 1):
        events.append(feedback(cid, done + 5 * HOUR, score=(5, 2)[i], comment="Thanks"))
    return events


def lifecycle(token: str) -> tuple[str, dict[str, list[Event]]]:
    """The product name and each complaint's events, ids unique to `token`."""
    product = f"kpi-{token}"
    return product, {f"c-{token}-{i:02}": complaint_events(f"c-{token}-{i:02}", i, product) for i in range(COUNT)}
