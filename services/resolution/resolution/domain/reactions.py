"""How a case reacts to what the customer (via intake) and routing announce; stale or replayed events change nothing."""

from collections.abc import Callable

from complaint_contracts.base import ComplaintEvent, Event
from complaint_contracts.intake import (
    ComplaintWithdrawn,
    CustomerMessageReceived,
    EscalationRequested,
    ResolutionDecisionReceived,
)
from complaint_contracts.routing import ComplaintRerouted
from complaint_contracts.types import Decision

from .case import CUSTOMER, SYSTEM, Acting, Case
from .lifecycle import record_decision, resume_investigation, withdraw
from .policy import DEFAULT_POLICY, CasePolicy
from .ports import BusinessCalendar
from .staffing import escalate, reassign
from .states import CaseAction, CaseState, next_state

InboundEvent = (CustomerMessageReceived | ResolutionDecisionReceived | ComplaintWithdrawn | EscalationRequested
                | ComplaintRerouted)
"""What the customer (through intake) and routing announce about an open case."""
Reaction = Callable[[Case, ComplaintEvent, BusinessCalendar, CasePolicy], list[Event]]


def react(*, case: Case, event: ComplaintEvent, calendar: BusinessCalendar,
          policy: CasePolicy = DEFAULT_POLICY) -> list[Event]:
    """Apply an inbound event to its case once; ignore it when replayed, out of date, or moot in the case's state."""
    reaction = REACTIONS.get(type(event))
    if reaction is None or is_stale(case=case, event=event):
        return []
    version = case.version
    events = reaction(case, event, calendar, policy)
    if case.version != version:
        case.applied_event_keys.append(event.dedupe_key)
        case.watermarks[event.source] = event.time
    return events


def is_stale(*, case: Case, event: Event) -> bool:
    """Tell whether the event was applied already or is older than the newest applied from its source."""
    watermark = case.watermarks.get(event.source)
    return event.dedupe_key in case.applied_event_keys or (watermark is not None and event.time < watermark)


def _acting(event: ComplaintEvent, *, by: str, reason: str) -> Acting:
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


REACTIONS: dict[type[ComplaintEvent], Reaction] = {
    CustomerMessageReceived: _on_message,  # type: ignore[dict-item]
    ResolutionDecisionReceived: _on_decision,  # type: ignore[dict-item]
    ComplaintWithdrawn: _on_withdrawal,  # type: ignore[dict-item]
    EscalationRequested: _on_escalation_request,  # type: ignore[dict-item]
    ComplaintRerouted: _on_rerouted,  # type: ignore[dict-item]
}
"""Inbound event type → how the case reacts; types not listed leave the case alone."""
