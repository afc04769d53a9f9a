"""Every lifecycle action from every state: allowed ones move the case as specified, the rest are refused."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from complaint_contracts.resolution import (
    AssessmentCorrected,
    CaseAssigned,
    CaseEscalated,
    ComplaintClosed,
    ComplaintReopened,
    ComplaintResolved,
    InformationRequested,
    InvestigationResumed,
    InvestigationStarted,
    PlanStepCompleted,
    PublicNoteAdded,
    RedressPaid,
    RegulatoryReportFiled,
    ResolutionImplemented,
    ResolutionProposed,
)
from complaint_contracts.types import Category, Clock, Decision, Money, Outcome, RemedyKind
from resolution.domain import (
    assessment,
    contact,
    duplicates,
    lifecycle,
    plan,
    regulatory_reports,
    reopening,
    staffing,
)
from resolution.domain.case import Acting, Case, TrackedDeadline
from resolution.domain.case_parts import Task, TaskKind
from resolution.domain.errors import IllegalTransition, VersionConflict
from resolution.domain.states import CaseAction, CaseState, allowed_actions

from tests.unit.resolution.builders import FCA_FINAL_RESPONSE, MONDAY_9AM, REFUND, staff

S, A = CaseState, CaseAction
OPEN = [S.OPENED, S.INVESTIGATING, S.AWAITING_CUSTOMER, S.RESOLUTION_PROPOSED, S.ACCEPTED, S.REJECTED,
        S.IMPLEMENTING]

EXPECTED: dict[CaseAction, dict[CaseState, CaseState]] = {
    A.INVESTIGATE: {S.OPENED: S.INVESTIGATING, S.REJECTED: S.INVESTIGATING},
    A.REQUEST_INFORMATION: {S.OPENED: S.AWAITING_CUSTOMER, S.INVESTIGATING: S.AWAITING_CUSTOMER,
                            S.AWAITING_CUSTOMER: S.AWAITING_CUSTOMER},
    A.RESUME_INVESTIGATION: {S.AWAITING_CUSTOMER: S.INVESTIGATING},
    A.PROPOSE_RESOLUTION: {S.INVESTIGATING: S.RESOLUTION_PROPOSED, S.RESOLUTION_PROPOSED: S.RESOLUTION_PROPOSED,
                           S.REJECTED: S.RESOLUTION_PROPOSED},
    A.ACCEPT_RESOLUTION: {S.RESOLUTION_PROPOSED: S.ACCEPTED},
    A.REJECT_RESOLUTION: {S.RESOLUTION_PROPOSED: S.REJECTED},
    A.RECORD_IMPLEMENTATION: {S.ACCEPTED: S.IMPLEMENTING, S.IMPLEMENTING: S.IMPLEMENTING},
    A.RESOLVE: {S.INVESTIGATING: S.RESOLVED, S.REJECTED: S.RESOLVED, S.IMPLEMENTING: S.RESOLVED},
    A.CLOSE: {S.RESOLVED: S.CLOSED},
    A.CLOSE_NO_RESPONSE: {S.AWAITING_CUSTOMER: S.CLOSED, S.RESOLUTION_PROPOSED: S.CLOSED},
    A.CLOSE_DUPLICATE: {S.OPENED: S.CLOSED, S.INVESTIGATING: S.CLOSED, S.AWAITING_CUSTOMER: S.CLOSED},
    A.WITHDRAW: {state: S.CLOSED for state in OPEN},
    A.REOPEN: {S.RESOLVED: S.INVESTIGATING, S.CLOSED: S.INVESTIGATING},
    A.ESCALATE: {state: state for state in OPEN},
    A.REASSIGN: {state: state for state in OPEN},
    A.ADD_INTERNAL_NOTE: {state: state for state in S},
    A.ADD_PUBLIC_NOTE: {state: state for state in S},
    A.PAY_REDRESS: {state: state for state in (S.ACCEPTED, S.IMPLEMENTING, S.RESOLVED, S.CLOSED)},
    A.CORRECT_ASSESSMENT: {state: state for state in OPEN},
    A.COMPLETE_PLAN_STEP: {state: state for state in (S.ACCEPTED, S.IMPLEMENTING, S.RESOLVED)},
    A.COMPLETE_TASK: {state: state for state in S},
    A.LINK_DUPLICATE: {state: state for state in S},
    A.FILE_REGULATORY_REPORT: {state: state for state in S},
}
"""The lifecycle of the issue, spelled out once more independently of the table in the code."""

EVENTS: dict[CaseAction, list[type]] = {
    A.INVESTIGATE: [InvestigationStarted], A.REQUEST_INFORMATION: [InformationRequested],
    A.RESUME_INVESTIGATION: [InvestigationResumed],
    A.PROPOSE_RESOLUTION: [ResolutionProposed], A.ACCEPT_RESOLUTION: [], A.REJECT_RESOLUTION: [],
    A.RECORD_IMPLEMENTATION: [ResolutionImplemented], A.RESOLVE: [ComplaintResolved], A.CLOSE: [ComplaintClosed],
    A.CLOSE_NO_RESPONSE: [ComplaintClosed], A.CLOSE_DUPLICATE: [ComplaintClosed], A.WITHDRAW: [ComplaintClosed],
    A.REOPEN: [ComplaintReopened], A.ESCALATE: [CaseEscalated], A.REASSIGN: [CaseAssigned],
    A.ADD_INTERNAL_NOTE: [], A.ADD_PUBLIC_NOTE: [PublicNoteAdded], A.PAY_REDRESS: [RedressPaid],
    A.CORRECT_ASSESSMENT: [AssessmentCorrected], A.COMPLETE_PLAN_STEP: [PlanStepCompleted], A.COMPLETE_TASK: [],
    A.LINK_DUPLICATE: [], A.FILE_REGULATORY_REPORT: [RegulatoryReportFiled],
}
SYSTEM_ACTIONS = {A.OPEN, A.RECORD_DEADLINE_ALERT, A.ATTACH_CORRECTIVE_ACTION, A.RECORD_PLAN_STEP_OVERDUE,
                  A.RECORD_CONTACT, A.ADD_TASK, A.TAKE_MERGED, A.ERASE_PERSONAL_DATA, A.REVISE_DEADLINES}
"""Recorded by the service itself, or as a part of another action (each has its own tests)."""


def _with_task(case: Case) -> Case:
    # A task to complete: added as the scan or a notification would, without an audited step of its own.
    case.tasks.append(Task(task_id="t-1", kind=TaskKind.CALL_CUSTOMER, reason="no channel reaches the customer",
                           created_at=MONDAY_9AM, owner="emp-0042"))
    return case

def _file_mdr(case: Case, acting: Acting) -> list:
    # A reporting duty to meet, as routing gives an FDA MDR case (the builders' cases have none).
    case.deadlines.append(TrackedDeadline(name="mdr_report", clock=Clock.REGULATORY, basis="30 days (21 CFR 803.50)",
                                          due_at=MONDAY_9AM + timedelta(days=30), started_at=MONDAY_9AM))
    return regulatory_reports.file_regulatory_report(case=case, acting=acting, report_type="mdr_30_day",
                                                     reference="MW5012345", filed_at=acting.at - timedelta(hours=1))


Command = Callable[[Case, Acting, object], list]
COMMANDS: dict[CaseAction, Command] = {
    A.INVESTIGATE: lambda c, a, cal: lifecycle.start_investigation(case=c, acting=a),
    A.REQUEST_INFORMATION: lambda c, a, cal: lifecycle.request_information(
        case=c, acting=a, request_id="r-2", question="Please send the receipt"),
    A.RESUME_INVESTIGATION: lambda c, a, cal: lifecycle.resume_investigation(case=c, acting=a, calendar=cal),
    A.PROPOSE_RESOLUTION: lambda c, a, cal: lifecycle.propose_resolution(
        case=c, acting=a, proposal_id="p-2", summary="Refund and apology", remedies=[REFUND]),
    A.ACCEPT_RESOLUTION: lambda c, a, cal: lifecycle.record_decision(
        case=c, acting=a, proposal_id="p-1", decision=Decision.ACCEPTED),
    A.REJECT_RESOLUTION: lambda c, a, cal: lifecycle.record_decision(
        case=c, acting=a, proposal_id="p-1", decision=Decision.REJECTED),
    A.RECORD_IMPLEMENTATION: lambda c, a, cal: lifecycle.record_implementation(case=c, acting=a, details="done"),
    A.RESOLVE: lambda c, a, cal: lifecycle.resolve(
        case=c, acting=a, outcome=Outcome.NOT_UPHELD, final_response=FCA_FINAL_RESPONSE),
    A.CLOSE: lambda c, a, cal: lifecycle.close_case(case=c, acting=a, reason="resolved", calendar=cal),
    A.CLOSE_NO_RESPONSE: lambda c, a, cal: lifecycle.close_case(case=c, acting=a, reason="no_response", calendar=cal),
    A.CLOSE_DUPLICATE: lambda c, a, cal: lifecycle.close_case(case=c, acting=a, reason="duplicate", calendar=cal),
    A.WITHDRAW: lambda c, a, cal: lifecycle.withdraw(case=c, acting=a, calendar=cal),
    A.REOPEN: lambda c, a, cal: reopening.reopen(case=c, acting=a, calendar=cal),
    A.ESCALATE: lambda c, a, cal: staffing.escalate(case=c, acting=a),
    A.REASSIGN: lambda c, a, cal: staffing.reassign(case=c, acting=a, team="support-en-2", assignee="emp-0077"),
    A.ADD_INTERNAL_NOTE: lambda c, a, cal: staffing.add_note(
        case=c, acting=a, note_id="n-9", text="Courier confirmed the loss", public=False),
    A.ADD_PUBLIC_NOTE: lambda c, a, cal: staffing.add_note(
        case=c, acting=a, note_id="n-9", text="We are checking with the courier", public=True),
    A.PAY_REDRESS: lambda c, a, cal: lifecycle.pay_redress(
        case=c, acting=a, proposal_id="p-1", kind=RemedyKind.REFUND, amount=Money(amount="10.00", currency="GBP"),
        payment_reference="PAY-1"),
    A.CORRECT_ASSESSMENT: lambda c, a, cal: assessment.correct_assessment(case=c, acting=a, category=Category.DELIVERY),
    A.COMPLETE_PLAN_STEP: lambda c, a, cal: plan.complete_step(case=c, acting=a, step_id="s-1", note="refunded"),
    A.COMPLETE_TASK: lambda c, a, cal: contact.complete_task(case=c, acting=a, task_id="t-1", outcome="called"),
    A.LINK_DUPLICATE: lambda c, a, cal: duplicates.link_duplicates(
        duplicate=c, original=None, original_id="c-same-parcel-0002", acting=a, reason="same parcel"),
    A.FILE_REGULATORY_REPORT: lambda c, a, cal: _file_mdr(c, a),
}

ALLOWED = [(state, action) for action, moves in EXPECTED.items() for state in moves]
REFUSED = [(state, action) for action in EXPECTED for state in S if state not in EXPECTED[action]]


def test_every_staff_action_is_exercised():
    assert set(COMMANDS) == set(EXPECTED) == set(CaseAction) - SYSTEM_ACTIONS


@pytest.mark.parametrize(("state", "action"), ALLOWED, ids=[f"{s}-{a}" for s, a in ALLOWED])
def test_allowed_action_moves_case_and_records_who_when_why(make_case, always_open, state, action):
    case = _with_task(make_case(state))
    version = case.version
    acting = staff(24, reason="customer called", version=version)

    events = COMMANDS[action](case, acting, always_open)

    assert case.state is EXPECTED[action][state]
    assert [type(event) for event in events] == EVENTS[action]
    assert all(event.complaint_id == case.complaint_id and event.time == acting.at for event in events)
    assert case.version == version + 1
    last = case.audit[-1]
    assert (last.by, last.at, last.reason, last.action) == ("emp-0042", acting.at, "customer called", action)
    assert (last.from_state, last.to_state, last.version) == (state, case.state, case.version)


@pytest.mark.parametrize(("state", "action"), REFUSED, ids=[f"{s}-{a}" for s, a in REFUSED])
def test_refused_action_names_state_and_allowed_actions_and_changes_nothing(make_case, always_open, state, action):
    case = _with_task(make_case(state))
    before = case.model_dump()

    with pytest.raises(IllegalTransition) as refused:
        COMMANDS[action](case, staff(24), always_open)

    assert refused.value.state is state
    assert refused.value.allowed == allowed_actions(state)
    assert str(state) in str(refused.value)
    assert all(str(allowed) in str(refused.value) for allowed in refused.value.allowed)
    assert case.model_dump() == before


def test_stale_version_is_a_conflict_and_changes_nothing(make_case):
    case = make_case(S.INVESTIGATING)
    before = case.model_dump()

    with pytest.raises(VersionConflict) as conflict:
        staffing.escalate(case=case, acting=staff(2, version=case.version - 1))

    assert (conflict.value.expected, conflict.value.actual) == (case.version - 1, case.version)
    assert case.model_dump() == before


def test_opening_is_never_an_action_on_an_existing_case():
    assert all(A.OPEN not in allowed_actions(state) for state in S)


def test_opened_case_starts_at_version_one_with_its_clocks_from_receipt(make_case):
    case = make_case(S.OPENED)

    assert (case.version, case.state, case.tier, case.audit[0].action) == (1, S.OPENED, 1, A.OPEN)
    assert case.opened_at == MONDAY_9AM


def test_reopen_after_the_window_is_refused(make_case, always_open):
    case = make_case(S.RESOLVED)
    too_late = staff(5 + 24 * 57)

    with pytest.raises(Exception, match="can no longer be reopened"):
        reopening.reopen(case=case, acting=too_late, calendar=always_open)
    assert case.state is S.RESOLVED


def test_reopen_within_the_window_clears_the_final_response(make_case, always_open):
    case = make_case(S.CLOSED)

    events = reopening.reopen(case=case, acting=staff(24 * 10, reason="refund bounced"), calendar=always_open)

    assert events[0].reason == "refund bounced"
    assert (case.outcome, case.final_response, case.resolved_at, case.closed_at) == (None, None, None, None)
    assert case.reopen_count == 1
    assert case.audit[-1].at - case.audit[-2].at == timedelta(hours=24 * 10 - 6)
