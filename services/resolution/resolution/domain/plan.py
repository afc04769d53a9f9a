"""The agreed plan: a proposal states what will be done, by when and by whom; once the customer accepts it, each
step is carried out (announced) or, when its date passes undone, its owner is warned (once)."""

from datetime import datetime

from complaint_contracts.resolution import PlanStep as PlanStepContract
from complaint_contracts.resolution import PlanStepCompleted, PlanStepOverdue
from pydantic import BaseModel, ConfigDict, Field

from .case import SYSTEM, Acting, Case, Proposal, case_event, check_action, record
from .case_parts import PlanStep
from .errors import RuleViolation
from .policy import DEFAULT_POLICY, CasePolicy
from .states import CaseAction, CaseState

MAX_STEPS = 20


class PlannedStep(BaseModel):
    """A step as the employee proposes it."""

    model_config = ConfigDict(frozen=True)

    description: str = Field(min_length=1, max_length=2000)
    due_at: datetime
    owner: str | None = Field(default=None, description="Employee id or team; the case's owner when left out")


def plan_steps(*, case: Case, planned: list[PlannedStep], now: datetime) -> list[PlanStep]:
    """The steps of a new proposal, numbered; refuse a step already late or without words."""
    if len(planned) > MAX_STEPS:
        raise RuleViolation(f"a plan has at most {MAX_STEPS} steps", field="plan")
    steps = []
    for number, step in enumerate(planned, start=1):
        if step.due_at <= now:
            raise RuleViolation(f"plan step {number} is due {step.due_at:%Y-%m-%d %H:%M} UTC, which has passed",
                                field=f"plan[{number - 1}].due_at")
        if not step.description.strip():
            raise RuleViolation(f"plan step {number} says nothing about what will be done",
                                field=f"plan[{number - 1}].description")
        steps.append(PlanStep(step_id=f"s-{number}", description=step.description.strip(), due_at=step.due_at,
                              owner=step.owner or case.assignee or case.team))
    return steps


def plan_contract(steps: list[PlanStep]) -> list[PlanStepContract]:
    """The steps as the events carry them to the customer."""
    return [PlanStepContract(step_id=s.step_id, description=s.description, due_at=s.due_at, owner=s.owner)
            for s in steps]


def complete_step(*, case: Case, acting: Acting, step_id: str, note: str = "",
                  policy: CasePolicy = DEFAULT_POLICY) -> list[PlanStepCompleted]:
    """Record that a step of the agreed plan was carried out, and announce it."""
    check_action(case, action=CaseAction.COMPLETE_PLAN_STEP, acting=acting)
    proposal = case.agreed_proposal
    step = _step(proposal, step_id)
    if proposal is None or step is None:
        raise RuleViolation(f"the agreed plan has no step {step_id}", field="step_id")
    if step.completed_at is not None:
        raise RuleViolation(f"step {step_id} was completed on {step.completed_at:%Y-%m-%d}", field="step_id")
    step.completed_at, step.completed_by, step.note = acting.at, acting.by, note
    record(case, action=CaseAction.COMPLETE_PLAN_STEP, acting=acting, policy=policy,
           detail={"proposal_id": proposal.proposal_id, "step_id": step_id})
    return [case_event(PlanStepCompleted, case, acting, proposal_id=proposal.proposal_id, step_id=step_id,
                       description=step.description, due_at=step.due_at, note=note, by=acting.by)]


def _step(proposal: Proposal | None, step_id: str) -> PlanStep | None:
    return next((s for s in proposal.plan if s.step_id == step_id), None) if proposal else None


def _plan_running(case: Case) -> Proposal | None:
    if case.state is CaseState.CLOSED:
        return None
    return case.agreed_proposal


def overdue_steps(*, case: Case, now: datetime) -> list[PlanStep]:
    """Steps of the agreed plan past their date, undone, whose owner was not warned yet."""
    proposal = _plan_running(case)
    if proposal is None:
        return []
    return [s for s in proposal.plan if s.completed_at is None and s.overdue_warned_at is None and s.due_at <= now]


def warn_overdue_steps(*, case: Case, now: datetime, policy: CasePolicy = DEFAULT_POLICY) -> list[PlanStepOverdue]:
    """Warn the owners of the steps that fell overdue (the deadline scan calls this); each step once."""
    late = overdue_steps(case=case, now=now)
    proposal = case.agreed_proposal
    if not late or proposal is None:
        return []
    acting = Acting(by=SYSTEM, at=now, reason="plan step overdue")
    for step in late:
        step.overdue_warned_at = now
    record(case, action=CaseAction.RECORD_PLAN_STEP_OVERDUE, acting=acting, policy=policy,
           detail={"steps": ",".join(s.step_id for s in late)})
    return [case_event(PlanStepOverdue, case, acting, proposal_id=proposal.proposal_id, step_id=s.step_id,
                       description=s.description, due_at=s.due_at, owner=s.owner) for s in late]


def next_step_due(case: Case) -> datetime | None:
    """When the scan should look for an overdue step next (None: no step left to warn about)."""
    proposal = _plan_running(case)
    if proposal is None:
        return None
    return min((s.due_at for s in proposal.plan if s.completed_at is None and s.overdue_warned_at is None),
               default=None)


def has_dated_plan(case: Case) -> bool:
    """Tell whether the customer agreed to a plan that says what will be done and by when."""
    proposal = case.agreed_proposal
    return proposal is not None and bool(proposal.plan)
