"""How a case reacts to what the customer (via intake) and routing announce; stale or replayed events change nothing."""

from collections.abc import Callable
from typing import NamedTuple

from complaint_contracts.base import Event
from complaint_contracts.intake import (
    ComplaintWithdrawn,
    CustomerMessageReceived,
    EscalationRequested,
    ReopeningRequested,
    ResolutionDecisionReceived,
)
from complaint_contracts.notification import PERSONAL_DATA_ERASED_REASON, NotificationFailed, NotificationSent
from complaint_contracts.routing import ComplaintRerouted, DeadlinesRevised
from complaint_contracts.types import Decision

from .case import CUSTOMER, SYSTEM, Acting, Case
from .case_parts import TaskKind
from .contact import add_task, record_unreached
from .lifecycle import record_decision, resume_investigation, withdraw
from .policy import DEFAULT_POLICY, CasePolicy
from .ports import BusinessCalendar
from .reopening import reopen, within_window
from .revised_deadlines import take_revised_deadlines
from .staffing import escalate, reassign
from .states import CaseAction, CaseState, next_state

InboundEvent = (CustomerMessageReceived | ResolutionDecisionReceived | ComplaintWithdrawn | EscalationRequested
                | ReopeningRequested | ComplaintRerouted | DeadlinesRevised | NotificationSent | NotificationFailed)
"""What the customer (through intake), routing and notification announce about a case."""
Reaction = Callable[[Case, Event, BusinessCalendar, CasePolicy], list[Event]]


class Handling(NamedTuple):
    react: Reaction
    ordered: bool
    """Its source's events apply in time order (older than the newest applied: stale); notification's outcomes
    are facts about separate messages and apply whenever they come."""


def concerns_a_case(event: InboundEvent) -> bool:
    """Tell whether the event says something a case reacts to (notification reports on every message it sends;
    only the messages no channel carried matter here: the acknowledgements sent are kept beside the cases, see
    contact.Acknowledgement)."""
    match event:
        case NotificationSent():
            return False
        case NotificationFailed():  # an erased customer is not to be called instead
            return (event.complaint_id is not None and event.recipient_kind == "customer" and event.permanent
                    and event.reason != PERSONAL_DATA_ERASED_REASON)
    return True


def react(*, case: Case, event: Event, calendar: BusinessCalendar,
          policy: CasePolicy = DEFAULT_POLICY) -> list[Event]:
    """Apply an inbound event to its case once; ignore it when replayed, out of date, or moot in the case's state."""
    handling = REACTIONS.get(type(event))
    if handling is None or is_stale(case=case, event=event, ordered=handling.ordered):
        return []
    version = case.version
    events = handling.react(case, event, calendar, policy)
    if case.version != version:
        case.applied_event_keys.append(event.dedupe_key)
        if handling.ordered:
            case.watermarks[event.source] = event.time
    return events


def is_stale(*, case: Case, event: Event, ordered: bool = True) -> bool:
    """Tell whether the event was applied already or (for an ordered source) is older than the newest applied."""
    watermark = case.watermarks.get(event.source) if ordered else None
    return event.dedupe_key in case.applied_event_keys or (watermark is not None and event.time < watermark)


def _acting(event: Event, *, by: str, reason: str) -> Acting:
    return Acting(by=by, at=event.time, reason=reason, causation_id=str(event.id))


def _allows(case: Case, action: CaseAction) -> bool:
    return next_state(state=case.state, action=action) is not None


def _on_message(case: Case, event: CustomerMessageReceived, calendar: BusinessCalendar,
                policy: CasePolicy) -> list[Event]:
    pause = case.open_pause
    answers_current_request = event.in_reply_to in (None, case.information_request_id)
    # A message written before the question was asked cannot be its answer.
    if pause is None or not answers_current_request or event.time < pause.started_at:
        return []
    acting = _acting(event, by=CUSTOMER, reason="the customer answered the information request")
    return list(resume_investigation(case=case, acting=acting, calendar=calendar, policy=policy))


def _on_decision(case: Case, event: ResolutionDecisionReceived, calendar: BusinessCalendar,
                 policy: CasePolicy) -> list[Event]:
    if case.state is not CaseState.RESOLUTION_PROPOSED or event.proposal_id != case.current_proposal_id:
        return []
    verb = "accepted" if event.decision is Decision.ACCEPTED else "rejected"
    acting = _acting(event, by=CUSTOMER, reason=f"the customer {verb} the proposal")
    return record_decision(case=case, acting=acting, proposal_id=event.proposal_id, decision=event.decision,
                           policy=policy)


def _on_withdrawal(case: Case, event: ComplaintWithdrawn, calendar: BusinessCalendar,
                   policy: CasePolicy) -> list[Event]:
    if not _allows(case, CaseAction.WITHDRAW):
        return []
    acting = _acting(event, by=CUSTOMER, reason="the customer withdrew the complaint")
    return list(withdraw(case=case, acting=acting, calendar=calendar, policy=policy))


def _on_escalation_request(case: Case, event: EscalationRequested, calendar: BusinessCalendar,
                           policy: CasePolicy) -> list[Event]:
    if not _allows(case, CaseAction.ESCALATE) or case.tier >= policy.max_tier:
        return []
    acting = _acting(event, by=CUSTOMER, reason="the customer asked for escalation")
    return list(escalate(case=case, acting=acting, trigger="customer", policy=policy))


def _on_rerouted(case: Case, event: ComplaintRerouted, calendar: BusinessCalendar, policy: CasePolicy) -> list[Event]:
    if not _allows(case, CaseAction.REASSIGN):
        return []
    acting = _acting(event, by=SYSTEM, reason=event.reason)
    return list(reassign(case=case, acting=acting, team=event.team, assignee=event.assignee,
                         department=event.department, policy=policy))


def _on_deadlines_revised(case: Case, event: DeadlinesRevised, calendar: BusinessCalendar,
                          policy: CasePolicy) -> list[Event]:
    acting = _acting(event, by=SYSTEM, reason=event.reason)
    return list(take_revised_deadlines(case=case, revised=event, acting=acting, calendar=calendar, policy=policy))


def _on_reopening_request(case: Case, event: ReopeningRequested, calendar: BusinessCalendar,
                          policy: CasePolicy) -> list[Event]:
    if case.is_open:
        return []  # still being worked: the request is in the conversation
    if within_window(case, at=event.time, window=policy.customer_reopen_window):
        acting = _acting(event, by=CUSTOMER, reason="the customer asked to reopen the complaint")
        return list(reopen(case=case, acting=acting, calendar=calendar, policy=policy,
                           window=policy.customer_reopen_window))
    acting = _acting(event, by=SYSTEM, reason="the customer asked to reopen after the window")
    return add_task(case=case, acting=acting, task_id=f"t-{event.id}", kind=TaskKind.ANSWER_REOPENING_REQUEST,
                    reason=f"the customer asked to reopen more than {policy.customer_reopen_window.days} days after "
                           "the case finished: answer them (or reopen it yourself)", policy=policy)


def _on_notification_failed(case: Case, event: NotificationFailed, calendar: BusinessCalendar,
                            policy: CasePolicy) -> list[Event]:
    acting = _acting(event, by=SYSTEM, reason="a message did not reach the customer")
    return record_unreached(case=case, acting=acting, template=event.template, reason=event.reason,
                            notification_id=event.notification_id, task_id=f"t-{event.notification_id[:12]}",
                            policy=policy)


REACTIONS: dict[type[Event], Handling] = {
    CustomerMessageReceived: Handling(_on_message, ordered=True),  # type: ignore[arg-type]
    ResolutionDecisionReceived: Handling(_on_decision, ordered=True),  # type: ignore[arg-type]
    ComplaintWithdrawn: Handling(_on_withdrawal, ordered=True),  # type: ignore[arg-type]
    EscalationRequested: Handling(_on_escalation_request, ordered=True),  # type: ignore[arg-type]
    ReopeningRequested: Handling(_on_reopening_request, ordered=True),  # type: ignore[arg-type]
    ComplaintRerouted: Handling(_on_rerouted, ordered=True),  # type: ignore[arg-type]
    DeadlinesRevised: Handling(_on_deadlines_revised, ordered=True),  # type: ignore[arg-type]
    NotificationFailed: Handling(_on_notification_failed, ordered=False),  # type: ignore[arg-type]
}
"""Inbound event type → how the case reacts; types not listed leave the case alone."""
