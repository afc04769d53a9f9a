"""Messages to staff: assignments, deadline warnings and breaches, escalations, duplicates, overdue plan steps."""

from collections.abc import Callable
from typing import Any

from complaint_contracts import (
    CaseAssigned,
    CaseEscalated,
    ComplaintRerouted,
    ComplaintRouted,
    DeadlineBreached,
    DeadlineWarning,
    PossibleDuplicateDetected,
)
from complaint_contracts.resolution import PlanStepOverdue

from .catalogue import Audience, Template
from .facts import ComplaintFacts
from .links import SiteLinks
from .recipients import (
    COMPLAINT_MANAGERS_ROLE,
    Recipient,
    employee_key,
    owner_recipient,
    staff_recipient,
    team_key,
)

Context = dict[str, Any]
StaffMessage = tuple[Template, Recipient, Context]


def staff_context(*, facts: ComplaintFacts, links: SiteLinks) -> Context:
    """Variables every staff message about a complaint uses (no customer contact details)."""
    return {"organisation": links.organisation, "complaint_id": facts.complaint_id,
            "tracking_number": facts.tracking_number, "complaint_title": facts.title,
            "case_url": links.case_for(facts.complaint_id)}


def _owner(facts: ComplaintFacts) -> list[Recipient]:
    owner = owner_recipient(team=facts.team, assignee=facts.assignee)
    return [owner] if owner else []


def _assignment(event: ComplaintRouted | ComplaintRerouted | CaseAssigned, facts: ComplaintFacts) -> list[StaffMessage]:
    context = {"team": facts.team, "assignee": facts.assignee, "regime": facts.regime.value,
               "priority": facts.priority.value if facts.priority else None,
               "reason": None if isinstance(event, ComplaintRouted) else event.reason,
               "deadlines": sorted(facts.deadlines, key=lambda d: d.due_at)}
    return [(Template.NEW_ASSIGNMENT, owner, context) for owner in _owner(facts)]


def _warning(event: DeadlineWarning, facts: ComplaintFacts) -> list[StaffMessage]:
    context = {"deadline": event.deadline, "clock": event.clock.value, "due_at": event.due_at,
               "elapsed_percent": round(event.elapsed_fraction * 100), "rule": _rule(event)}
    return [(Template.DEADLINE_WARNING, owner, context) for owner in _owner(facts)]


def _breach(event: DeadlineBreached, facts: ComplaintFacts) -> list[StaffMessage]:
    context = {"deadline": event.deadline, "clock": event.clock.value, "due_at": event.due_at, "rule": _rule(event)}
    # A breach is a management matter as well as the owner's.
    recipients = [*_owner(facts), staff_recipient(COMPLAINT_MANAGERS_ROLE)]
    return [(Template.DEADLINE_BREACHED, r, context) for r in recipients]


def _rule(event: DeadlineWarning | DeadlineBreached) -> DeadlineWarning | DeadlineBreached | None:
    """The deadline's rule for the message to name (its terms, else its basis), if the event carries one."""
    return event if event.terms is not None or event.basis else None


def _escalation(event: CaseEscalated, facts: ComplaintFacts) -> list[StaffMessage]:
    context = {"tier": event.tier, "trigger": event.trigger, "reason": event.reason}
    team = [staff_recipient(team_key(facts.team))] if facts.team else []
    return [(Template.CASE_ESCALATED, r, context) for r in [*team, staff_recipient(COMPLAINT_MANAGERS_ROLE)]]


def _duplicate(event: PossibleDuplicateDetected, facts: ComplaintFacts) -> list[StaffMessage]:
    context = {"duplicate_of": event.duplicate_of_tracking_number or event.duplicate_of,
               "similarity_percent": round(event.similarity * 100),
               "reason": event.reason}
    return [(Template.POSSIBLE_DUPLICATE, owner, context) for owner in _owner(facts)]


def _overdue_step(event: PlanStepOverdue, facts: ComplaintFacts) -> list[StaffMessage]:
    # The step's owner is an employee id or a team; when the directory knows neither, the case's owner hears of it.
    case_owner = owner_recipient(team=facts.team, assignee=facts.assignee)
    keys = (employee_key(event.owner), team_key(event.owner), *(case_owner.keys if case_owner else ()))
    context = {"step": event.description, "due_at": event.due_at, "owner": event.owner,
               "proposal_id": event.proposal_id}
    return [(Template.PLAN_STEP_OVERDUE, Recipient(audience=Audience.STAFF, keys=tuple(dict.fromkeys(keys))), context)]


STAFF_BUILDERS: dict[type, Callable[[Any, ComplaintFacts], list[StaffMessage]]] = {
    ComplaintRouted: _assignment,
    ComplaintRerouted: _assignment,
    CaseAssigned: _assignment,
    DeadlineWarning: _warning,
    DeadlineBreached: _breach,
    CaseEscalated: _escalation,
    PossibleDuplicateDetected: _duplicate,
    PlanStepOverdue: _overdue_step,
}
"""Event class → builder of the staff messages it triggers (about one complaint)."""
