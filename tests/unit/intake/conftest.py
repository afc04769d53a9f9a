from datetime import UTC, datetime, timedelta

import pytest
from complaint_contracts import (
    CaseAssigned,
    CaseOpened,
    Clock,
    ComplaintClosed,
    ComplaintReceived,
    ComplaintResolved,
    ComplaintRouted,
    CustomerMessageReceived,
    Deadline,
    DeadlineTerms,
    DeadlineUnit,
    DeadlineWarning,
    Decision,
    Event,
    FeedbackReceived,
    InformationRequested,
    NotificationSent,
    PossibleDuplicateDetected,
    ResolutionDecisionReceived,
    ResolutionImplemented,
    ResolutionProposed,
)
from complaint_contracts.resolution import InvestigationStarted

COMPLAINT_ID = "c-5f0c2d3a9b8e4f61"
TRACKING = "CMP-7K3Q-9XWA-F"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
STAFF = "emp-0042"


def at(days: float = 0, minutes: float = 0) -> datetime:
    return T0 + timedelta(days=days, minutes=minutes)


class Story:
    """One complaint's life, event by event, with memorable values; staff details that must never show."""

    received = ComplaintReceived(
        complaint_id=COMPLAINT_ID, tracking_number=TRACKING, received_at=T0, time=T0, channel="web",
        language="be", customer={"name": "Алеся Кузьміч", "email": "alesia@example.org"},
        title="LATE-REFUND", description="Грошы не вярнулі 😞")
    acknowledged = NotificationSent(
        complaint_id=COMPLAINT_ID, notification_id="n-ack", template="acknowledgement", channel="email",
        recipient_kind="customer", trigger_event_id=str(received.id), time=at(minutes=1))
    routed = ComplaintRouted(
        complaint_id=COMPLAINT_ID, department="customer_support", team="support-be-1", assignee=STAFF,
        rules_fired=["refund complaints go to SECRET-RULE"], rules_version="2026.11.1", kind="complaint",
        category="billing", priority="medium", regime="uk_fca_disp", time=at(minutes=2),
        deadlines=[Deadline(name="final_response", clock=Clock.REGULATORY, due_at=at(days=56),
                            basis="8 weeks from receipt (FCA DISP 1.6)",
                            terms=DeadlineTerms(amount=8, unit=DeadlineUnit.CALENDAR_WEEKS, calendar="GB",
                                                time_zone="Europe/London", source="FCA DISP 1.6")),
                   Deadline(name="first_response", clock=Clock.SERVICE, due_at=at(days=2), basis="2 business days")])
    opened = CaseOpened(complaint_id=COMPLAINT_ID, team="support-be-1", assignee=STAFF, time=at(minutes=3))
    started = InvestigationStarted(complaint_id=COMPLAINT_ID, started_at=at(minutes=90), by=STAFF, time=at(minutes=90))
    """Not in `lifecycle()`: an agent may ask a question before anyone starts investigating."""
    question = InformationRequested(complaint_id=COMPLAINT_ID, request_id="req-1", by=STAFF, time=at(days=1),
                                    question="Калі ласка, дашліце чэк.", respond_by=at(days=8))
    answer = CustomerMessageReceived(complaint_id=COMPLAINT_ID, message_id="m-1", text="Чэк далучаны",
                                     in_reply_to="req-1", time=at(days=2))
    proposal = ResolutionProposed(complaint_id=COMPLAINT_ID, proposal_id="prop-1", by=STAFF, time=at(days=5),
                                  summary="Вернем 49.99 BYN", respond_by=at(days=12),
                                  remedies=[{"kind": "refund", "amount": {"amount": "49.99", "currency": "BYN"}}])
    accepted = ResolutionDecisionReceived(complaint_id=COMPLAINT_ID, proposal_id="prop-1",
                                          decision=Decision.ACCEPTED, time=at(days=6))
    implemented = ResolutionImplemented(complaint_id=COMPLAINT_ID, proposal_id="prop-1", by=STAFF, time=at(days=7))
    resolved = ComplaintResolved(complaint_id=COMPLAINT_ID, outcome="upheld", final_response="Грошы вернуты.",
                                 by=STAFF, time=at(days=8))
    final_letter = NotificationSent(
        complaint_id=COMPLAINT_ID, notification_id="n-final", template="final_response", channel="email",
        recipient_kind="customer", trigger_event_id=str(resolved.id), time=at(days=8, minutes=1))
    closed = ComplaintClosed(complaint_id=COMPLAINT_ID, reason="resolved", by=STAFF, time=at(days=9))
    feedback = FeedbackReceived(complaint_id=COMPLAINT_ID, satisfaction=5, time=at(days=10))

    unseen: tuple[Event, ...] = (
        CaseAssigned(complaint_id=COMPLAINT_ID, team="support-be-2", assignee="emp-0077", by=STAFF,
                     reason="SECRET workload balancing", time=at(days=3)),
        DeadlineWarning(complaint_id=COMPLAINT_ID, deadline="first_response", clock=Clock.SERVICE,
                        due_at=at(days=2), elapsed_fraction=0.8, time=at(days=1.5)),
        PossibleDuplicateDetected(complaint_id=COMPLAINT_ID, duplicate_of="c-0000000000000001", similarity=0.9,
                                  reason="SECRET similar text", time=at(minutes=4)),
        NotificationSent(complaint_id=COMPLAINT_ID, notification_id="n-staff", template="new_case",
                         channel="email", recipient_kind="staff", trigger_event_id="x", time=at(minutes=5)),
    )

    def lifecycle(self) -> list[Event]:
        """Every customer-visible event of the happy path, in the order they happened."""
        return [self.received, self.acknowledged, self.routed, self.opened, self.question, self.answer,
                self.proposal, self.accepted, self.implemented, self.resolved, self.final_letter, self.closed,
                self.feedback]


@pytest.fixture(scope="session")
def story() -> Story:
    return Story()
