"""Commands about who works on a case and how high it sits: escalate, reassign, notes."""

from typing import Literal

from complaint_contracts.base import Event
from complaint_contracts.resolution import CaseAssigned, CaseEscalated, PublicNoteAdded

from .case import Acting, Case, Note, case_event, check_action, record
from .errors import RuleViolation
from .policy import DEFAULT_POLICY, CasePolicy
from .states import CaseAction

EscalationTrigger = Literal["breach", "customer", "staff"]


def escalate(*, case: Case, acting: Acting, trigger: EscalationTrigger = "staff",
             policy: CasePolicy = DEFAULT_POLICY) -> list[CaseEscalated]:
    """Move the case up one tier; refused at the top tier."""
    check_action(case, action=CaseAction.ESCALATE, acting=acting)
    if case.tier >= policy.max_tier:
        raise RuleViolation(f"the case is already at the highest tier ({policy.max_tier})")
    case.tier += 1
    record(case, action=CaseAction.ESCALATE, acting=acting, policy=policy,
           detail={"tier": str(case.tier), "trigger": trigger})
    return [case_event(CaseEscalated, case, acting, tier=case.tier, trigger=trigger,
                       reason=acting.reason or f"escalated ({trigger})", by=acting.by)]


def reassign(*, case: Case, acting: Acting, team: str, assignee: str | None, department: str | None = None,
             policy: CasePolicy = DEFAULT_POLICY) -> list[CaseAssigned]:
    """Give the case a new owning team and/or person; nothing happens when both stay the same."""
    check_action(case, action=CaseAction.REASSIGN, acting=acting)
    if (team, assignee) == (case.team, case.assignee) and department in (None, case.department):
        return []
    previous = f"{case.team}/{case.assignee or '-'}"
    case.team, case.assignee = team, assignee
    case.department = department or case.department
    record(case, action=CaseAction.REASSIGN, acting=acting, policy=policy, detail={"previous": previous})
    return [case_event(CaseAssigned, case, acting, team=team, assignee=assignee, by=acting.by,
                       reason=acting.reason or "reassigned")]


def add_note(*, case: Case, acting: Acting, note_id: str, text: str, public: bool,
             policy: CasePolicy = DEFAULT_POLICY) -> list[Event]:
    """Add an internal note, or a note the customer sees (which is announced)."""
    action = CaseAction.ADD_PUBLIC_NOTE if public else CaseAction.ADD_INTERNAL_NOTE
    check_action(case, action=action, acting=acting)
    if not text.strip():
        raise RuleViolation("a note needs some text")
    if any(note.note_id == note_id for note in case.notes):
        raise RuleViolation(f"note {note_id} already exists on this case")
    case.notes.append(Note(note_id=note_id, text=text, public=public, at=acting.at, by=acting.by))
    record(case, action=action, acting=acting, policy=policy, detail={"note_id": note_id})
    if not public:
        return []
    return [case_event(PublicNoteAdded, case, acting, note_id=note_id, text=text, by=acting.by)]
