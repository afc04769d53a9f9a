"""Corrective and preventive actions (CAPA): quality ties a root cause and an action to one or many complaints, an
owner carries it out by a date, and quality verifies whether it worked (open → in progress → implemented →
verified effective / not effective). Analytics' systemic issues arrive as proposed actions with their complaints."""

from datetime import datetime
from enum import StrEnum
from typing import Literal

from complaint_contracts.analytics import SystemicIssueDetected
from complaint_contracts.resolution import SOURCE, CorrectiveActionRaised
from complaint_contracts.types import Category
from pydantic import BaseModel, Field

from .access import Permission, Principal, decide_access
from .case import Acting, Case, record
from .errors import AccessDenied, RuleViolation, TransitionRefused, VersionConflict
from .states import CaseAction


class CapaStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    IMPLEMENTED = "implemented"
    VERIFIED_EFFECTIVE = "verified_effective"
    VERIFIED_NOT_EFFECTIVE = "verified_not_effective"


S = CapaStatus
CAPA_MOVES: dict[CapaStatus, frozenset[CapaStatus]] = {
    S.OPEN: frozenset({S.IN_PROGRESS}),
    S.IN_PROGRESS: frozenset({S.IMPLEMENTED}),
    S.IMPLEMENTED: frozenset({S.VERIFIED_EFFECTIVE, S.VERIFIED_NOT_EFFECTIVE, S.IN_PROGRESS}),
    S.VERIFIED_NOT_EFFECTIVE: frozenset({S.IN_PROGRESS}),  # worked on again
    S.VERIFIED_EFFECTIVE: frozenset(),
}
VERIFICATIONS = frozenset({S.VERIFIED_EFFECTIVE, S.VERIFIED_NOT_EFFECTIVE})


class CapaScope(BaseModel):
    """Where recurrences are counted: complaints of this category and/or about this product."""

    category: Category | None = None
    product: str | None = None


class CapaHistory(BaseModel):
    at: datetime
    by: str
    change: str
    note: str = ""


class DetectedRise(BaseModel):
    """What analytics detected, as data: for saying it in the reader's language (the `action` text is English)."""

    dimension: str = Field(description="What rose", examples=["category", "product"])
    value: str = Field(description="Which one", examples=["billing"])
    observed: int = Field(ge=0, description="Complaints in the window")
    expected: float = Field(ge=0, description="Baseline expectation for the window")
    window_start: datetime
    window_end: datetime


class CorrectiveAction(BaseModel):
    action_id: str
    origin: Literal["staff", "systemic_issue"]
    action: str = Field(description="What will be done (or, when proposed by analytics, what was detected)")
    root_cause: str | None = None
    preventive: bool = False
    owner: str | None = None
    due_at: datetime | None = None
    status: CapaStatus = CapaStatus.OPEN
    complaint_ids: list[str] = Field(default_factory=list)
    scope: CapaScope = Field(default_factory=CapaScope)
    issue_id: str | None = Field(default=None, description="The systemic issue it answers, if any")
    detected: DetectedRise | None = Field(default=None, description="What analytics detected, when it proposed the "
                                                                    "action (absent from actions proposed before)")
    created_at: datetime
    created_by: str
    implemented_at: datetime | None = None
    verified_at: datetime | None = None
    version: int = 1
    history: list[CapaHistory] = Field(default_factory=list)


def action_raised(*, action_id: str, complaint_ids: list[str], acting: Acting, root_cause: str, action: str,
                  owner: str, preventive: bool, due_at: datetime | None, scope: CapaScope) -> CorrectiveAction:
    """The record of an action quality raised on complaints."""
    return CorrectiveAction(action_id=action_id, origin="staff", action=action, root_cause=root_cause,
                            preventive=preventive, owner=owner, due_at=due_at, complaint_ids=complaint_ids,
                            scope=scope, created_at=acting.at, created_by=acting.by,
                            history=[CapaHistory(at=acting.at, by=acting.by, change="raised", note=acting.reason)])


def proposed_by_analytics(issue: SystemicIssueDetected) -> CorrectiveAction:
    """The action analytics' systemic issue proposes: open, nobody's yet, with the issue's complaints."""
    scope = CapaScope(category=Category(issue.value) if issue.dimension == "category" and issue.value in set(Category)
                      else None, product=issue.value if issue.dimension == "product" else None)
    what = (f"Investigate the rise in complaints by {issue.dimension} '{issue.value}': {issue.observed} in "
            f"{issue.window_start:%Y-%m-%d}..{issue.window_end:%Y-%m-%d} against {issue.expected:.1f} expected")
    return CorrectiveAction(action_id=f"ca-{issue.issue_id}", origin="systemic_issue", action=what,
                            complaint_ids=list(dict.fromkeys(issue.complaint_ids)), scope=scope,
                            issue_id=issue.issue_id, created_at=issue.time, created_by="analytics",
                            detected=DetectedRise(dimension=issue.dimension, value=issue.value, observed=issue.observed,
                                                  expected=issue.expected, window_start=issue.window_start,
                                                  window_end=issue.window_end),
                            history=[CapaHistory(at=issue.time, by="analytics", change="proposed", note=issue.test)])


def assign_action(action: CorrectiveAction, *, principal: Principal, at: datetime, version: int, owner: str,
                  due_at: datetime | None, note: str = "") -> None:
    """Give the action an owner and a date (quality and admins)."""
    _require_manager(principal)
    _check_version(action, version)
    if action.status in VERIFICATIONS - {S.VERIFIED_NOT_EFFECTIVE}:
        raise RuleViolation(f"the action was {action.status}; it needs no owner any more", field="owner")
    action.owner, action.due_at = owner, due_at
    _history(action, by=principal.subject, at=at, change=f"assigned to {owner}", note=note)


def move_action(action: CorrectiveAction, *, principal: Principal, at: datetime, version: int, status: CapaStatus,
                note: str = "") -> None:
    """Move the action along its lifecycle: its owner carries it out, quality verifies it."""
    if status in VERIFICATIONS or principal.subject != action.owner:
        _require_manager(principal)
    _check_version(action, version)
    if status not in CAPA_MOVES[action.status]:
        raise TransitionRefused(status=action.status, target=status, allowed=sorted(CAPA_MOVES[action.status]))
    if status is S.IN_PROGRESS and action.owner is None:
        raise RuleViolation("give the action an owner before work starts on it", field="status")
    previous, action.status = action.status, status
    if status is S.IMPLEMENTED:
        action.implemented_at = at
    if status in VERIFICATIONS:
        action.verified_at = at
    _history(action, by=principal.subject, at=at, change=f"{previous} -> {status}", note=note)


def _require_manager(principal: Principal) -> None:
    decision = decide_access(principal=principal, permission=Permission.RAISE_CORRECTIVE_ACTION)
    if not decision.allowed:
        raise AccessDenied(decision.reason)


def _check_version(action: CorrectiveAction, version: int) -> None:
    if version != action.version:
        raise VersionConflict(expected=version, actual=action.version)


def _history(action: CorrectiveAction, *, by: str, at: datetime, change: str, note: str) -> None:
    action.version += 1
    action.history.append(CapaHistory(at=at, by=by, change=change, note=note))


def raise_corrective_action(*, cases: list[Case], acting: Acting, action_id: str, root_cause: str, action: str,
                            owner: str, preventive: bool = False,
                            due_at: datetime | None = None) -> list[CorrectiveActionRaised]:
    """Attach the action to each case (once) and return the event that announces it."""
    if not cases:
        raise RuleViolation("a corrective action addresses at least one case")
    if not root_cause.strip() or not action.strip():
        raise RuleViolation("a corrective action needs a root cause and what will be done")
    complaint_ids = list(dict.fromkeys(case.complaint_id for case in cases))
    for case in cases:
        if action_id in case.corrective_action_ids:
            continue
        case.corrective_action_ids.append(action_id)
        if root_cause and case.root_cause is None:
            case.root_cause = root_cause
        record(case, action=CaseAction.ATTACH_CORRECTIVE_ACTION, acting=acting, detail={"action_id": action_id})
    return [CorrectiveActionRaised(
        source=SOURCE, time=acting.at, causation_id=acting.causation_id, action_id=action_id,
        complaint_ids=complaint_ids, root_cause=root_cause, action=action, preventive=preventive, owner=owner,
        due_at=due_at, by=acting.by)]
