"""One realistic complaint and the events that happen to it, for notification unit tests."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from complaint_contracts import (
    AccessCodeIssued,
    CaseAssigned,
    CaseEscalated,
    Category,
    Channel,
    Clock,
    ComplaintClosed,
    ComplaintKind,
    ComplaintReceived,
    ComplaintReopened,
    ComplaintResolved,
    ComplaintRouted,
    CustomerContact,
    Deadline,
    DeadlineBreached,
    DeadlineWarning,
    Decision,
    InformationRequested,
    Language,
    Money,
    Outcome,
    PossibleDuplicateDetected,
    Priority,
    PublicNoteAdded,
    RedressPaid,
    Regime,
    Remedy,
    RemedyKind,
    ResolutionDecisionReceived,
    ResolutionImplemented,
    ResolutionProposed,
    SystemicIssueDetected,
)
from complaint_contracts.resolution import ComplaintMerged, PlanStep, PlanStepCompleted, PlanStepOverdue
from complaint_contracts.types import DeadlineTerms, DeadlineUnit
from complaints_calendar import load_calendars
from notification.domain.facts import ComplaintFacts, facts_from_received, record_facts

COMPLAINT_ID = "c-late-refund-0001"
ACCESS_CODE = "7Q4K-2M9X-PL3D"
"""The code in the test's AccessCodeIssued: it may appear in the message and nowhere else."""
RECEIVED_AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
NOW = datetime(2026, 3, 9, 10, 0, tzinfo=UTC)
"""The service clock of the use-case tests."""
CALENDARS = load_calendars()
"""The shared business calendars, read once for every test."""


def make_received(*, language: Language = Language.EN, jurisdiction: str = "GB", received_at: datetime = RECEIVED_AT,
                  **contact: object) -> ComplaintReceived:
    customer = {"name": "Alesia Kuzmich", "email": "alesia@example.org", "phone": "+375291234567",
                "consent_marketing": True, **contact}
    return ComplaintReceived(
        complaint_id=COMPLAINT_ID, tracking_number="CMP-7K3Q-9XWA-F", received_at=received_at,
        channel=Channel.WEB, customer=CustomerContact(**customer), title="Refund not received",
        description="I returned the kettle on 2 February and the refund has not arrived.",
        language=language, jurisdiction=jurisdiction,
    )


def make_routed(*, regime: Regime = Regime.UK_FCA_DISP, assignee: str | None = "emp-0042",
                kind: ComplaintKind = ComplaintKind.COMPLAINT) -> ComplaintRouted:
    deadlines = [
        Deadline(name="first_response", clock=Clock.SERVICE, due_at=RECEIVED_AT + timedelta(days=2),
                 basis="2 business days (service target)"),
        Deadline(name="final_response", clock=Clock.REGULATORY, due_at=RECEIVED_AT + timedelta(weeks=8),
                 basis="8 weeks from receipt (FCA DISP 1.6)"),
    ]
    return ComplaintRouted(
        complaint_id=COMPLAINT_ID, department="customer_support", team="support-en-1", assignee=assignee,
        rules_fired=["billing → customer_support"], rules_version="2026.11.1", kind=kind,
        category=Category.BILLING, priority=Priority.HIGH, regime=regime, deadlines=deadlines,
        time=RECEIVED_AT + timedelta(minutes=5),  # routing happens right after receipt, before later events
    )


def make_plan() -> list[PlanStep]:
    """The steps of the test proposal, the later one first (messages list them by date)."""
    return [
        PlanStep(step_id="s-2", description="Pay the goodwill gesture", due_at=RECEIVED_AT + timedelta(days=20),
                 owner="team-payments"),
        PlanStep(step_id="s-1", description="Refund the kettle to the card used",
                 due_at=RECEIVED_AT + timedelta(days=12), owner="emp-0077"),
    ]


def make_trigger_events() -> dict[str, object]:
    """One realistic event per message template (the key)."""
    later = RECEIVED_AT + timedelta(days=5)
    common = {"complaint_id": COMPLAINT_ID, "by": "emp-0042"}
    [goodwill, refund] = make_plan()
    return {
        "acknowledgement": make_routed(),
        "access_code": AccessCodeIssued(complaint_id=COMPLAINT_ID, tracking_number="CMP-7K3Q-9XWA-F",
                                        access_code=ACCESS_CODE, send_to="email", reason="requested"),
        "proposal_accepted": ResolutionDecisionReceived(complaint_id=COMPLAINT_ID, proposal_id="pr-1",
                                                        decision=Decision.ACCEPTED),
        "plan_step_completed": PlanStepCompleted(
            proposal_id="pr-1", step_id=refund.step_id, description=refund.description, due_at=refund.due_at,
            note="Refunded to the card ending 4242.", time=refund.due_at - timedelta(days=2), **common),
        "redress_paid": RedressPaid(proposal_id="pr-1", kind=RemedyKind.REFUND, payment_reference="PAY-2026-0042",
                                    amount=Money(amount=Decimal("1249.90"), currency="GBP"), **common),
        "resolution_implemented": ResolutionImplemented(proposal_id="pr-1", details="Refund and goodwill paid.",
                                                        **common),
        "complaint_merged": ComplaintMerged(merged_into="c-late-refund-0000",
                                            merged_into_tracking_number="CMP-2B7D-4HXR-K",
                                            reason="Same order, filed twice", **common),
        "plan_step_overdue": PlanStepOverdue(
            complaint_id=COMPLAINT_ID, proposal_id="pr-1", step_id=goodwill.step_id, description=goodwill.description,
            due_at=goodwill.due_at, owner=goodwill.owner),
        "information_requested": InformationRequested(
            request_id="rq-1", question="Please send the courier's return receipt.\nA photo is fine.",
            respond_by=later, **common),
        "resolution_proposed": ResolutionProposed(
            proposal_id="pr-1", summary="We will refund the kettle and add a goodwill payment.", respond_by=later,
            remedies=[Remedy(kind=RemedyKind.REFUND, amount=Money(amount=Decimal("1249.90"), currency="GBP"),
                             description="Full price of the kettle"),
                      Remedy(kind=RemedyKind.APOLOGY)], plan=[goodwill, refund], **common),
        "final_response": ComplaintResolved(outcome=Outcome.UPHELD, final_response="We refunded £1,249.90 on 9 March.",
                                            root_cause="courier-handover", **common),
        "complaint_closed": ComplaintClosed(reason="resolved", **common),
        "complaint_reopened": ComplaintReopened(reason="Refund bounced", **common),
        "complaint_escalated": CaseEscalated(tier=2, trigger="customer", reason="Customer asked", **common),
        "case_note": PublicNoteAdded(note_id="n-1", text="The warehouse confirmed your return.", **common),
        "new_assignment": CaseAssigned(team="support-en-2", assignee="emp-0077", by="emp-0001",
                                       reason="Workload balancing", complaint_id=COMPLAINT_ID),
        "deadline_warning": DeadlineWarning(complaint_id=COMPLAINT_ID, deadline="final_response",
                                            clock=Clock.REGULATORY, due_at=RECEIVED_AT + timedelta(weeks=8),
                                            basis="8 weeks from receipt (FCA DISP 1.6.2)", terms=DeadlineTerms(
                                                amount=8, unit=DeadlineUnit.CALENDAR_WEEKS, calendar="GB-ENG",
                                                time_zone="Europe/London", source="FCA DISP 1.6.2"),
                                            elapsed_fraction=0.75),
        "deadline_breached": DeadlineBreached(complaint_id=COMPLAINT_ID, deadline="first_response",
                                              clock=Clock.SERVICE, due_at=RECEIVED_AT + timedelta(days=2)),
        "case_escalated": CaseEscalated(tier=3, trigger="breach", reason="First response missed", **common),
        "possible_duplicate": PossibleDuplicateDetected(complaint_id=COMPLAINT_ID, duplicate_of="c-late-refund-0000",
                                                        similarity=0.93, reason="Same order and wording"),
        "systemic_issue": SystemicIssueDetected(
            issue_id="si-kettle-1", dimension="product", value="kettle-k200",
            window_start=RECEIVED_AT - timedelta(days=7), window_end=RECEIVED_AT, observed=41, expected=6.5,
            test="Poisson upper tail, p < 0.001", p_value=0.0002, complaint_ids=[COMPLAINT_ID, "c-kettle-0002"]),
    }


def make_facts(**received: object) -> ComplaintFacts:
    facts = facts_from_received(event=make_received(**received))
    return record_facts(facts=facts, event=make_routed())
