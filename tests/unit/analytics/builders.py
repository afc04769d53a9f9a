"""Builders of events and facts for the analytics tests (unit and integration): one complaint's story in events."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from uuid import NAMESPACE_URL, uuid5

from analytics.domain.facts import ComplaintFact
from complaint_contracts import (
    ComplaintClosed,
    ComplaintReceived,
    ComplaintReopened,
    ComplaintRerouted,
    ComplaintResolved,
    ComplaintRouted,
    CorrectiveActionRaised,
    CustomerContact,
    Deadline,
    DeadlineBreached,
    FeedbackReceived,
    InformationRequested,
    Money,
    NotificationSent,
    PersonalDataErased,
    RedressPaid,
    Remedy,
    ResolutionDecisionReceived,
    ResolutionProposed,
)
from complaint_contracts.resolution import AssessmentCorrected, FieldCorrection, RegulatoryReportFiled
from complaint_contracts.routing import TriageExplanation

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _id(complaint_id: str, step: str):
    return uuid5(NAMESPACE_URL, f"/test-events/{complaint_id}/{step}")


def received(cid: str, at: datetime, *, channel: str = "web", product: str | None = "current-account",
             name: str = "Alesia Kuzmich", description: str = "The refund never arrived",
             language: str = "en", jurisdiction: str = "GB") -> ComplaintReceived:
    return ComplaintReceived(
        id=_id(cid, "received"), time=at, complaint_id=cid, tracking_number="CMP-7K3Q-9XWA-F", received_at=at,
        channel=channel, customer=CustomerContact(name=name, email="alesia@example.org"),
        title="Refund not received", description=description, product=product, language=language,
        jurisdiction=jurisdiction)


def routed(cid: str, at: datetime, *, category: str = "billing", priority: str = "medium",
           regime: str = "uk_fca_disp", department: str = "customer_support",
           deadlines: tuple[Deadline, ...] = (), kind: str = "complaint",
           text_language: str | None = None) -> ComplaintRouted:
    triage = TriageExplanation(model_version="2026.06.1", text_language=text_language) if text_language else None
    return ComplaintRouted(
        id=_id(cid, "routed"), time=at, complaint_id=cid, department=department, team="support-en-1",
        rules_version="2026.11.1", kind=kind, category=category, priority=priority, regime=regime,
        deadlines=list(deadlines), triage=triage)


def rerouted(cid: str, at: datetime, *, department: str, tier: int = 2) -> ComplaintRerouted:
    return ComplaintRerouted(id=_id(cid, f"rerouted-{department}"), time=at, complaint_id=cid,
                             department=department, team=f"{department}-1", rules_version="2026.11.1",
                             reason="escalation", tier=tier)


def acknowledged(cid: str, at: datetime, *, template: str = "acknowledgement", step: str = "ack") -> NotificationSent:
    return NotificationSent(id=_id(cid, step), time=at, complaint_id=cid, notification_id=f"n-{cid}-{step}",
                            template=template, channel="email", recipient_kind="customer",
                            trigger_event_id=str(_id(cid, "received")))


def info_requested(cid: str, at: datetime) -> InformationRequested:
    return InformationRequested(id=_id(cid, "info"), time=at, complaint_id=cid, request_id="r-1",
                                question="Which card was charged?", by="emp-0042")


def proposed(cid: str, at: datetime, *, amount: str = "25.00") -> ResolutionProposed:
    remedies = [Remedy(kind="refund", amount=Money(amount=Decimal(amount), currency="GBP")), Remedy(kind="apology")]
    return ResolutionProposed(id=_id(cid, "proposed"), time=at, complaint_id=cid, proposal_id="p-1",
                              summary="Refund and apology", remedies=remedies, by="emp-0042")


def decided(cid: str, at: datetime, *, decision: str = "accepted", reason: str | None = None):
    return ResolutionDecisionReceived(id=_id(cid, f"decided-{decision}"), time=at, complaint_id=cid,
                                      proposal_id="p-1", decision=decision, reason=reason)


def resolved(cid: str, at: datetime, *, outcome: str = "upheld", root_cause: str | None = "courier-handover",
             step: str = "resolved") -> ComplaintResolved:
    return ComplaintResolved(id=_id(cid, step), time=at, complaint_id=cid, outcome=outcome,
                             final_response="We refunded you.", root_cause=root_cause, by="emp-0042")


def closed(cid: str, at: datetime, *, reason: str = "resolved", step: str = "closed") -> ComplaintClosed:
    return ComplaintClosed(id=_id(cid, step), time=at, complaint_id=cid, reason=reason, by="emp-0042")


def reopened(cid: str, at: datetime, *, step: str = "reopened") -> ComplaintReopened:
    return ComplaintReopened(id=_id(cid, step), time=at, complaint_id=cid, reason="refund bounced", by="emp-0042")


def breached(cid: str, at: datetime, *, deadline: str = "final_response", clock: str = "regulatory"):
    return DeadlineBreached(id=_id(cid, f"breach-{clock}-{deadline}"), time=at, complaint_id=cid,
                            deadline=deadline, clock=clock, due_at=at)


def reported(cid: str, at: datetime, *, filed_at: datetime | None = None, report_type: str = "mdr_30_day",
             deadlines_met: tuple[str, ...] = ("mdr_report",), reference: str = "MW5012345") -> RegulatoryReportFiled:
    return RegulatoryReportFiled(id=_id(cid, f"reported-{reference}"), time=at, complaint_id=cid,
                                 report_type=report_type, reference=reference, filed_at=filed_at or at,
                                 deadlines_met=list(deadlines_met), by="emp-0300")


ROUTING_GAVE = {"kind": "complaint", "category": "billing", "priority": "medium", "department": "customer_support"}
"""The assessment `routed` gives by default: what `corrected` changes."""


def corrected(cid: str, at: datetime, *, step: str = "corrected", reason: str = "Customer asks about a refund",
              gave: dict[str, str] | None = None, **new: str) -> AssessmentCorrected:
    """Staff correct the fields given (e.g. `category="delivery"`) of the assessment (`gave`: routing's default)."""
    before = ROUTING_GAVE | (gave or {})
    changes = [FieldCorrection(field=name, old=before[name], new=value) for name, value in new.items()]
    return AssessmentCorrected(id=_id(cid, step), time=at, complaint_id=cid, corrected_by="emp-0042",
                               changes=changes, reason=reason, **(before | new))


def paid(cid: str, at: datetime, *, amount: str = "25.00", step: str = "paid") -> RedressPaid:
    return RedressPaid(id=_id(cid, step), time=at, complaint_id=cid, proposal_id="p-1", kind="refund",
                       amount=Money(amount=Decimal(amount), currency="GBP"), payment_reference="PAY-1",
                       by="emp-0042")


def feedback(cid: str, at: datetime, *, score: int = 4, comment: str | None = None) -> FeedbackReceived:
    return FeedbackReceived(id=_id(cid, f"feedback-{score}"), time=at, complaint_id=cid, satisfaction=score,
                            comment=comment)


def corrective_action(cids: list[str], at: datetime, *, root_cause: str = "label-printer") -> CorrectiveActionRaised:
    return CorrectiveActionRaised(id=_id(cids[0], "capa"), time=at, action_id="ca-1", complaint_ids=cids,
                                  root_cause=root_cause, action="replace printer", owner="quality", by="emp-7")


def erased(cid: str, at: datetime, *, reason: str = "request") -> PersonalDataErased:
    return PersonalDataErased(id=_id(cid, f"erased-{reason}"), time=at, complaint_id=cid, erasure_id=f"er-{reason}-1",
                              reason=reason, key_ids=["k-0123456789abcdef"], erased_at=at)


def deadline(name: str, clock: str, due_at: datetime) -> Deadline:
    return Deadline(name=name, clock=clock, due_at=due_at, basis="test")


def full_story(cid: str, start: datetime = MONDAY) -> list:
    """A complaint told from receipt to feedback, with a reopen and a second resolution."""
    hours = lambda n: start + timedelta(hours=n)  # noqa: E731
    return [
        received(cid, start),
        routed(cid, hours(1), deadlines=(deadline("final_response", "regulatory", start + timedelta(weeks=8)),
                                         deadline("first_response", "service", hours(24)))),
        acknowledged(cid, hours(2)),
        info_requested(cid, hours(30)),
        breached(cid, hours(24), deadline="first_response", clock="service"),
        proposed(cid, hours(48)),
        decided(cid, hours(50)),
        resolved(cid, hours(60)),
        closed(cid, hours(61)),
        reopened(cid, hours(70)),
        resolved(cid, hours(80), outcome="partially_upheld", root_cause="payment-gateway", step="resolved-2"),
        closed(cid, hours(81), step="closed-2"),
        paid(cid, hours(82)),
        feedback(cid, hours(90), score=2),
        rerouted(cid, hours(65), department="complaints_specialists"),
    ]


def make_fact(cid: str, *, received_at: datetime, channel: str = "web", product: str | None = "current-account",
              category: str | None = "billing", priority: str = "medium", regime: str = "uk_fca_disp",
              department: str = "customer_support", jurisdiction: str = "GB", acknowledged_at: datetime | None = None,
              first_response_at: datetime | None = None, marks: tuple[tuple[str, datetime], ...] = (),
              outcome: str | None = None, root_cause: str | None = None, satisfaction: int | None = None,
              deadlines: tuple[tuple[str, str, datetime, datetime | None], ...] = (),
              offers: tuple[tuple[str, datetime, str, str, str | None], ...] = (),
              payments: tuple[tuple[datetime, str, str], ...] = (), kind: str = "complaint"):
    """A fact as the projection would store it; `category=None` means not routed yet."""
    register = {"at": received_at, "event_id": f"e-{cid}"}
    document: dict = {"complaint_id": cid, "received_at": received_at, "channel": channel, "product": product,
                      "jurisdiction": jurisdiction, "acknowledged_at": acknowledged_at,
                      "first_response_at": first_response_at}
    if category is not None:
        document["routing"] = {**register, "kind": kind, "category": category, "priority": priority,
                               "regime": regime}
        document["assignment"] = {**register, "department": department, "team": f"{department}-1"}
    document["lifecycle"] = {f"m{i}": {"kind": kind, "at": at} for i, (kind, at) in enumerate(marks)}
    if outcome is not None:
        document["resolution"] = {**register, "outcome": outcome}
    if root_cause is not None:
        document["root_cause"] = {**register, "value": root_cause}
    if satisfaction is not None:
        document["feedback"] = {**register, "satisfaction": satisfaction}
    document["deadlines"] = {f"{clock}:{name}": {"name": name, "clock": clock, "due_at": due, "breached_at": breach}
                             for name, clock, due, breach in deadlines}
    document["offers"] = {pid: {"at": at, "lines": [{"kind": "refund", "amount": Decimal(amount),
                                                     "currency": currency}]}
                          for pid, at, amount, currency, _ in offers}
    document["decisions"] = {pid: {"at": at, "event_id": f"d-{pid}", "decision": decision}
                             for pid, at, _, _, decision in offers if decision is not None}
    document["payments"] = {f"pay{i}": {"at": at, "proposal_id": "p-1", "kind": "refund", "amount": Decimal(amount),
                                        "currency": currency} for i, (at, amount, currency) in enumerate(payments)}
    return ComplaintFact.model_validate(document)


def five_complaints() -> dict:
    """Five complaints whose KPIs are computed by hand in the tests (T0 = Monday 2 March 2026, 09:00 UTC).

    A billing/high/web, resolved after 1 day, upheld, satisfaction 5, GBP 10 offered, accepted, paid.
    B billing/high/email from T0+1d, resolved at +72h, reopened, resolved again at +120h, not upheld, score 3.
    C delivery/low/web from T0+2d, still open. D phone from T0+8d, not routed, open.
    E billing/low/web from T0-30d, resolved after 40 days, partially upheld; GBP 50 rejected then 30 accepted.
    """
    t0 = MONDAY
    h = lambda n: timedelta(hours=n)  # noqa: E731
    b0, c0, d0, e0 = t0 + timedelta(days=1), t0 + timedelta(days=2), t0 + timedelta(days=8), t0 - timedelta(days=30)
    return {
        "A": make_fact("c-aaaa-0001", received_at=t0, priority="high", acknowledged_at=t0 + h(1),
                       first_response_at=t0 + h(4), marks=(("resolved", t0 + h(24)), ("closed", t0 + h(25))),
                       outcome="upheld", root_cause="courier", satisfaction=5,
                       deadlines=(("first_response", "service", t0 + h(8), None),
                                  ("final_response", "regulatory", t0 + timedelta(weeks=8), None)),
                       offers=(("p-1", t0 + h(20), "10.00", "GBP", "accepted"),),
                       payments=((t0 + h(26), "10.00", "GBP"),)),
        "B": make_fact("c-bbbb-0002", received_at=b0, channel="email", priority="high", acknowledged_at=b0 + h(3),
                       first_response_at=b0 + h(10),
                       marks=(("resolved", b0 + h(72)), ("reopened", b0 + h(96)), ("resolved", b0 + h(120))),
                       outcome="not_upheld", root_cause="courier", satisfaction=3,
                       deadlines=(("first_response", "service", b0 + h(8), b0 + h(8)),
                                  ("final_response", "regulatory", b0 + timedelta(weeks=8), None)),
                       offers=(("p-1", b0 + h(70), "20.00", "EUR", None),)),
        "C": make_fact("c-cccc-0003", received_at=c0, category="delivery", priority="low",
                       acknowledged_at=c0 + h(2),
                       deadlines=(("first_response", "service", c0 + h(8), c0 + h(8)),
                                  ("final_response", "regulatory", c0 + timedelta(weeks=8), None))),
        "D": make_fact("c-dddd-0004", received_at=d0, channel="phone", category=None),
        "E": make_fact("c-eeee-0005", received_at=e0, priority="low", acknowledged_at=e0 + h(5),
                       first_response_at=e0 + h(48), marks=(("resolved", e0 + timedelta(days=40)),),
                       outcome="partially_upheld", root_cause="pricing",
                       deadlines=(("acknowledgement", "service", e0 + h(24), None),
                                  ("final_response", "regulatory", e0 + timedelta(weeks=8), None)),
                       offers=(("p-1", e0 + timedelta(days=10), "50.00", "GBP", "rejected"),
                               ("p-2", e0 + timedelta(days=20), "30.00", "GBP", "accepted")),
                       payments=((e0 + timedelta(days=21), "30.00", "GBP"),)),
    }
