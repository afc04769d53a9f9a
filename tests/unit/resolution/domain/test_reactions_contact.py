"""The customer's reopening request and notification's outcomes, as the case reacts to them."""

from datetime import timedelta

from complaint_contracts.intake import ReopeningRequested
from complaint_contracts.notification import PERSONAL_DATA_ERASED_REASON, NotificationFailed, NotificationSent
from complaint_contracts.resolution import ComplaintReopened
from resolution.domain.case_parts import TaskKind
from resolution.domain.contact import Acknowledgement, acknowledgement_of, open_tasks
from resolution.domain.policy import CasePolicy
from resolution.domain.reactions import concerns_a_case, react
from resolution.domain.states import CaseState

from tests.unit.resolution.builders import ALWAYS_OPEN, MONDAY_9AM, open_case_in, service_deadline

CID = "c-late-refund-0001"
CLOSED_AT = MONDAY_9AM + timedelta(hours=6)


def reopening(days_after_closing: float) -> ReopeningRequested:
    return ReopeningRequested(complaint_id=CID, time=CLOSED_AT + timedelta(days=days_after_closing),
                              reason="The refund bounced")


def outcome(cls, *, template="acknowledgement", recipient="customer", hours=1, **extra):
    common = dict(complaint_id=CID, notification_id=f"n-{template}-{recipient}", template=template,
                  recipient_kind=recipient, trigger_event_id="t-1", time=MONDAY_9AM + timedelta(hours=hours))
    return cls(**common, **extra)


def test_a_request_within_the_window_reopens_the_case_as_the_customer():
    case = open_case_in(CaseState.CLOSED)

    [event] = react(case=case, event=reopening(10), calendar=ALWAYS_OPEN)

    assert isinstance(event, ComplaintReopened)
    assert (case.state, case.audit[-1].by) == (CaseState.INVESTIGATING, "customer")
    assert react(case=case, event=reopening(10), calendar=ALWAYS_OPEN) == []  # redelivered


def test_a_request_after_the_window_becomes_a_task_for_staff():
    case = open_case_in(CaseState.CLOSED)

    assert react(case=case, event=reopening(40), calendar=ALWAYS_OPEN,
                 policy=CasePolicy(customer_reopen_window=timedelta(days=30))) == []

    [task] = open_tasks(case)
    assert case.state is CaseState.CLOSED and task.kind is TaskKind.ANSWER_REOPENING_REQUEST
    assert "30 days" in task.reason


def test_a_request_on_an_open_case_changes_nothing():
    case = open_case_in(CaseState.INVESTIGATING)
    before = case.model_dump()

    assert react(case=case, event=reopening(1), calendar=ALWAYS_OPEN) == []
    assert case.model_dump() == before


def test_the_acknowledgement_sent_is_kept_beside_the_case_not_applied_to_it():
    case = open_case_in(deadlines=[service_deadline(MONDAY_9AM + timedelta(hours=4), name="acknowledge")])
    before = case.model_dump()

    event = outcome(NotificationSent, channel="email")

    assert react(case=case, event=event, calendar=ALWAYS_OPEN) == []

    assert case.model_dump() == before
    assert acknowledgement_of(event) == Acknowledgement(complaint_id=CID, at=MONDAY_9AM + timedelta(hours=1),
                                                       channel="email", causation_id=str(event.id))


def test_a_message_no_channel_carried_gives_a_call_task():
    case = open_case_in()
    failed = outcome(NotificationFailed, channel="none", reason="no channel reaches the customer", permanent=True,
                     attempts=1)

    react(case=case, event=failed, calendar=ALWAYS_OPEN)

    assert [t.kind for t in open_tasks(case)] == [TaskKind.CALL_CUSTOMER]
    assert case.contact.unreached[0].reason == "no channel reaches the customer"


def test_only_what_concerns_the_customer_s_case_is_looked_at():
    assert not concerns_a_case(outcome(NotificationSent, channel="email"))  # kept beside the case instead
    assert acknowledgement_of(outcome(NotificationSent, template="case_note", channel="email")) is None
    assert acknowledgement_of(outcome(NotificationSent, recipient="staff", channel="email")) is None
    assert not concerns_a_case(outcome(NotificationFailed, channel="email", reason="timeout", permanent=False,
                                       attempts=3))
    assert concerns_a_case(outcome(NotificationFailed, template="final_response", channel="none",
                                   reason="no durable channel reaches the customer", permanent=True, attempts=1))
    # Not sent because the customer's personal data was erased: nobody is to call them instead.
    assert not concerns_a_case(outcome(NotificationFailed, template="final_response", channel="none",
                                       reason=PERSONAL_DATA_ERASED_REASON, permanent=True, attempts=1))
