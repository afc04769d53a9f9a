"""An agreed plan says what will be done by when and by whom; each step done is announced, each step late warns
its owner once."""

from datetime import timedelta

import pytest
from complaint_contracts.resolution import PlanStepCompleted, PlanStepOverdue
from resolution.domain.errors import RuleViolation
from resolution.domain.lifecycle import propose_resolution
from resolution.domain.plan import (
    PlannedStep,
    complete_step,
    has_dated_plan,
    next_step_due,
    plan_steps,
    warn_overdue_steps,
)
from resolution.domain.states import CaseAction, CaseState

from tests.unit.resolution.builders import MONDAY_9AM, REFUND, REFUND_STEP, open_case_in, staff

STEP_DUE = REFUND_STEP.due_at


def test_proposed_steps_are_numbered_and_owned_by_the_case_s_owner_unless_named():
    case = open_case_in(CaseState.INVESTIGATING)
    planned = [PlannedStep(description=" Refund the charge ", due_at=MONDAY_9AM + timedelta(days=3)),
               PlannedStep(description="Retrain the courier", due_at=MONDAY_9AM + timedelta(days=9), owner="ops")]

    steps = plan_steps(case=case, planned=planned, now=MONDAY_9AM)
    [event] = propose_resolution(case=case, acting=staff(2), proposal_id="p-9", summary="Refund", remedies=[REFUND],
                                 plan=steps)

    assert [(s.step_id, s.description, s.owner) for s in steps] == [
        ("s-1", "Refund the charge", "emp-0042"), ("s-2", "Retrain the courier", "ops")]
    assert [(s.step_id, s.due_at) for s in event.plan] == [(s.step_id, s.due_at) for s in steps]


def test_a_step_already_late_is_refused_naming_it():
    with pytest.raises(RuleViolation) as refused:
        plan_steps(case=open_case_in(), now=MONDAY_9AM, planned=[
            PlannedStep(description="Refund", due_at=MONDAY_9AM + timedelta(days=1)),
            PlannedStep(description="Call", due_at=MONDAY_9AM - timedelta(hours=1))])

    assert refused.value.field == "plan[1].due_at"


def test_completing_a_step_of_the_agreed_plan_is_announced_once():
    case = open_case_in(CaseState.IMPLEMENTING)

    [event] = complete_step(case=case, acting=staff(30, version=case.version), step_id="s-1", note="Refunded")

    assert isinstance(event, PlanStepCompleted)
    assert (event.proposal_id, event.step_id, event.note, event.due_at) == ("p-1", "s-1", "Refunded", STEP_DUE)
    assert case.agreed_proposal.plan[0].completed_by == "emp-0042"
    assert case.audit[-1].action is CaseAction.COMPLETE_PLAN_STEP
    with pytest.raises(RuleViolation, match="was completed"):
        complete_step(case=case, acting=staff(31), step_id="s-1")
    with pytest.raises(RuleViolation, match="no step s-7"):
        complete_step(case=case, acting=staff(31), step_id="s-7")


def test_a_late_step_warns_its_owner_once_and_the_scan_looks_no_more():
    case = open_case_in(CaseState.ACCEPTED)
    assert next_step_due(case) == STEP_DUE and has_dated_plan(case)

    assert warn_overdue_steps(case=case, now=STEP_DUE - timedelta(minutes=1)) == []
    [warning] = warn_overdue_steps(case=case, now=STEP_DUE + timedelta(hours=1))

    assert isinstance(warning, PlanStepOverdue) and (warning.owner, warning.step_id) == ("emp-0042", "s-1")
    assert warn_overdue_steps(case=case, now=STEP_DUE + timedelta(days=1)) == []
    assert next_step_due(case) is None


def test_no_plan_runs_before_the_customer_agrees_or_after_closing():
    assert next_step_due(open_case_in(CaseState.RESOLUTION_PROPOSED)) is None
    assert next_step_due(open_case_in(CaseState.CLOSED)) is None
    assert not has_dated_plan(open_case_in(CaseState.REJECTED))
