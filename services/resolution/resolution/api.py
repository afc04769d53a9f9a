"""The staff API: the work queue, one case, and every action on it (bearer token; who/when/why audited)."""

import uuid
from collections.abc import Callable
from typing import Annotated, Any

from complaint_contracts.types import Priority, Regime
from complaints_chassis.problems import Problem
from complaints_chassis.runtime import deps_of
from fastapi import APIRouter, Depends, Query

from . import lifecycle, redress, staffing
from .access import Principal, Role, visible_scope
from .auth import current_principal
from .case import Acting, Case
from .deps import ResolutionDeps
from .errors import (
    AccessDenied,
    CaseNotFound,
    FinalResponseIncomplete,
    IllegalTransition,
    ResolutionError,
    RuleViolation,
    VersionConflict,
)
from .queue import QueueFilter
from .schemas import (
    AssignmentBody,
    CaseSummary,
    CaseView,
    ClockShift,
    ClockView,
    ClosureBody,
    Command,
    CorrectiveActionBody,
    ImplementationBody,
    InformationRequestBody,
    NoteBody,
    PaymentBody,
    ProposalBody,
    QueuePage,
    ResolutionBody,
)
from .states import CaseAction, CaseState

router = APIRouter(tags=["cases"])
Staff = Annotated[Principal, Depends(current_principal)]
Deps = Annotated[ResolutionDeps, Depends(deps_of)]
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No valid bearer token"}, 403: {"description": "Outside the employee's scope"},
    404: {"description": "No such case"}, 409: {"description": "Stale version, or not allowed in this state"},
    422: {"description": "The request breaks a rule (e.g. an incomplete final response)"}}


def problem_of(exc: ResolutionError) -> Problem:
    """The RFC 9457 answer to a domain error."""
    if isinstance(exc, CaseNotFound):
        return Problem(404, "Case not found", str(exc))
    if isinstance(exc, AccessDenied):
        return Problem(403, "Forbidden", str(exc))
    if isinstance(exc, VersionConflict):
        return Problem(409, "Case changed meanwhile", str(exc), type_="/problems/version-conflict",
                       current_version=exc.actual)
    if isinstance(exc, IllegalTransition):
        return Problem(409, "Action not allowed in this state", str(exc), type_="/problems/illegal-transition",
                       state=exc.state.value, allowed_actions=[a.value for a in exc.allowed])
    if isinstance(exc, FinalResponseIncomplete):
        return Problem(422, "Final response incomplete", str(exc), type_="/problems/final-response-incomplete",
                       missing=exc.missing, errors=[{"field": "final_response", "reason": f"missing {m}"}
                                                    for m in exc.missing])
    if isinstance(exc, RuleViolation):
        return Problem(422, "Rule violated", str(exc), type_="/problems/rule-violation")
    return Problem(409, "Refused", str(exc))


@router.get("/cases", response_model=QueuePage, responses=ERRORS, summary="Work queue, nearest deadline first")
async def work_queue(deps: Deps, staff: Staff,
                     team: Annotated[list[str], Query(description="Owning teams")] = [],  # noqa: B006
                     department: Annotated[list[str], Query(description="Owning departments")] = [],  # noqa: B006
                     assignee: Annotated[list[str], Query(description="Owners (employee ids)")] = [],  # noqa: B006
                     state: Annotated[list[CaseState], Query(description="States")] = [],  # noqa: B006
                     priority: Annotated[list[Priority], Query(description="Priorities")] = [],  # noqa: B006
                     regime: Annotated[list[Regime], Query(description="Regimes")] = [],  # noqa: B006
                     offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
                     limit: Annotated[int, Query(ge=1, le=500)] = 50) -> QueuePage:
    wanted = QueueFilter(teams=team, departments=department, assignees=assignee, states=state, priorities=priority,
                         regimes=regime, offset=offset, limit=limit)
    docs, total = await deps.service.store.queue(queue_filter=wanted, scope=visible_scope(principal=staff))
    return QueuePage(items=[CaseSummary.model_validate(d) for d in docs], total=total, offset=offset, limit=limit)


@router.get("/cases/{complaint_id}", response_model=CaseView, responses=ERRORS, summary="One case, with its audit")
async def get_case(complaint_id: str, deps: Deps, staff: Staff) -> CaseView:
    try:
        return CaseView.of(await deps.service.view(complaint_id=complaint_id, principal=staff))
    except ResolutionError as exc:
        raise problem_of(exc) from exc


async def _act(deps: ResolutionDeps, staff: Principal, complaint_id: str, body: Command, action: CaseAction,
               command: Callable[[Case, Acting], object]) -> CaseView:
    try:
        case = await deps.service.act(complaint_id=complaint_id, principal=staff, action=action, version=body.version,
                                      reason=body.reason, command=command)  # type: ignore[arg-type]
    except ResolutionError as exc:
        raise problem_of(exc) from exc
    return CaseView.of(case)


def _new_id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


@router.post("/cases/{complaint_id}/notes", response_model=CaseView, responses=ERRORS, summary="Add a note")
async def add_note(complaint_id: str, body: NoteBody, deps: Deps, staff: Staff) -> CaseView:
    action = CaseAction.ADD_PUBLIC_NOTE if body.public else CaseAction.ADD_INTERNAL_NOTE
    note_id = _new_id("n")
    return await _act(deps, staff, complaint_id, body, action, lambda case, acting: staffing.add_note(
        case=case, acting=acting, note_id=note_id, text=body.text, public=body.public, policy=deps.service.policy))


@router.post("/cases/{complaint_id}/investigation", response_model=CaseView, responses=ERRORS,
             summary="Start investigating (again, after a rejected proposal)")
async def investigate(complaint_id: str, body: Command, deps: Deps, staff: Staff) -> CaseView:
    return await _act(deps, staff, complaint_id, body, CaseAction.INVESTIGATE, lambda case, acting: (
        lifecycle.start_investigation(case=case, acting=acting, policy=deps.service.policy)))


@router.post("/cases/{complaint_id}/information-requests", response_model=CaseView, responses=ERRORS,
             summary="Ask the customer for information (pauses the service SLA)")
async def request_information(complaint_id: str, body: InformationRequestBody, deps: Deps, staff: Staff) -> CaseView:
    request_id = _new_id("r")
    return await _act(deps, staff, complaint_id, body, CaseAction.REQUEST_INFORMATION, lambda case, acting: (
        lifecycle.request_information(case=case, acting=acting, request_id=request_id, question=body.question,
                                      respond_by=body.respond_by, policy=deps.service.policy)))


@router.post("/cases/{complaint_id}/investigation/resumption", response_model=CaseView, responses=ERRORS,
             summary="Stop waiting for the customer and resume the service SLA")
async def resume(complaint_id: str, body: Command, deps: Deps, staff: Staff) -> CaseView:
    return await _act(deps, staff, complaint_id, body, CaseAction.RESUME_INVESTIGATION, lambda case, acting: (
        lifecycle.resume_investigation(case=case, acting=acting, calendar=deps.service.calendar,
                                       policy=deps.service.policy)))


@router.post("/cases/{complaint_id}/proposals", response_model=CaseView, responses=ERRORS,
             summary="Propose a resolution with remedies")
async def propose(complaint_id: str, body: ProposalBody, deps: Deps, staff: Staff) -> CaseView:
    proposal_id = _new_id("p")
    return await _act(deps, staff, complaint_id, body, CaseAction.PROPOSE_RESOLUTION, lambda case, acting: (
        lifecycle.propose_resolution(case=case, acting=acting, proposal_id=proposal_id, summary=body.summary,
                                     remedies=body.remedies, respond_by=body.respond_by,
                                     policy=deps.service.policy)))


@router.post("/cases/{complaint_id}/implementation", response_model=CaseView, responses=ERRORS,
             summary="Record that the accepted resolution was carried out")
async def implement(complaint_id: str, body: ImplementationBody, deps: Deps, staff: Staff) -> CaseView:
    return await _act(deps, staff, complaint_id, body, CaseAction.RECORD_IMPLEMENTATION, lambda case, acting: (
        lifecycle.record_implementation(case=case, acting=acting, details=body.details, policy=deps.service.policy)))


@router.post("/cases/{complaint_id}/resolution", response_model=CaseView, responses=ERRORS,
             summary="Resolve with an outcome and the final response (checked for mandatory content)")
async def resolve(complaint_id: str, body: ResolutionBody, deps: Deps, staff: Staff) -> CaseView:
    return await _act(deps, staff, complaint_id, body, CaseAction.RESOLVE, lambda case, acting: lifecycle.resolve(
        case=case, acting=acting, outcome=body.outcome, final_response=body.final_response,
        root_cause=body.root_cause, policy=deps.service.policy))


@router.post("/cases/{complaint_id}/closure", response_model=CaseView, responses=ERRORS, summary="Close the case")
async def close(complaint_id: str, body: ClosureBody, deps: Deps, staff: Staff) -> CaseView:
    action = lifecycle.CLOSE_ACTIONS[body.close_reason]
    return await _act(deps, staff, complaint_id, body, action, lambda case, acting: lifecycle.close_case(
        case=case, acting=acting, reason=body.close_reason, calendar=deps.service.calendar,
        policy=deps.service.policy))


@router.post("/cases/{complaint_id}/reopening", response_model=CaseView, responses=ERRORS,
             summary="Reopen within the reopen window")
async def reopen(complaint_id: str, body: Command, deps: Deps, staff: Staff) -> CaseView:
    return await _act(deps, staff, complaint_id, body, CaseAction.REOPEN, lambda case, acting: lifecycle.reopen(
        case=case, acting=acting, policy=deps.service.policy))


@router.post("/cases/{complaint_id}/escalation", response_model=CaseView, responses=ERRORS,
             summary="Escalate one tier")
async def escalate(complaint_id: str, body: Command, deps: Deps, staff: Staff) -> CaseView:
    return await _act(deps, staff, complaint_id, body, CaseAction.ESCALATE, lambda case, acting: staffing.escalate(
        case=case, acting=acting, trigger="staff", policy=deps.service.policy))


@router.post("/cases/{complaint_id}/assignment", response_model=CaseView, responses=ERRORS,
             summary="Reassign to another team or person (supervisors)")
async def reassign(complaint_id: str, body: AssignmentBody, deps: Deps, staff: Staff) -> CaseView:
    return await _act(deps, staff, complaint_id, body, CaseAction.REASSIGN, lambda case, acting: staffing.reassign(
        case=case, acting=acting, team=body.team, assignee=body.assignee, department=body.department,
        policy=deps.service.policy))


@router.post("/cases/{complaint_id}/redress-payments", response_model=CaseView, responses=ERRORS,
             summary="Record a payment of accepted redress")
async def pay(complaint_id: str, body: PaymentBody, deps: Deps, staff: Staff) -> CaseView:
    return await _act(deps, staff, complaint_id, body, CaseAction.PAY_REDRESS, lambda case, acting: (
        redress.pay_redress(case=case, acting=acting, proposal_id=body.proposal_id, kind=body.kind,
                            amount=body.amount, payment_reference=body.payment_reference,
                            policy=deps.service.policy)))


@router.post("/corrective-actions", status_code=201, responses=ERRORS, tags=["quality"],
             summary="Attach a root cause and a corrective or preventive action to cases")
async def corrective_action(body: CorrectiveActionBody, deps: Deps, staff: Staff) -> dict[str, Any]:
    try:
        event = await deps.service.raise_corrective_action(
            principal=staff, complaint_ids=body.complaint_ids, reason=body.reason,
            action_id=body.action_id or _new_id("ca"), root_cause=body.root_cause, action=body.action,
            owner=body.owner, preventive=body.preventive, due_at=body.due_at)
    except ResolutionError as exc:
        raise problem_of(exc) from exc
    return {"action_id": event.action_id, "complaint_ids": event.complaint_ids}


def _clock_admin(deps: ResolutionDeps, staff: Principal) -> None:
    if not deps.allow_clock_control:
        raise Problem(404, "Not Found", "clock control is switched off")
    if Role.ADMIN not in staff.roles:
        raise Problem(403, "Forbidden", "only admins may move the clock")


@router.get("/admin/clock", response_model=ClockView, responses=ERRORS, tags=["admin"],
            summary="The service clock (when clock control is on)")
async def read_clock(deps: Deps, staff: Staff) -> ClockView:
    _clock_admin(deps, staff)
    return ClockView(now=deps.clock(), offset_seconds=deps.clock.offset.total_seconds())


@router.post("/admin/clock", response_model=ClockView, responses=ERRORS, tags=["admin"],
             summary="Move the service clock and scan deadlines at once (tests and demos only)")
async def shift_clock(body: ClockShift, deps: Deps, staff: Staff) -> ClockView:
    _clock_admin(deps, staff)
    deps.clock.shift(body.seconds)
    await deps.scanner.tick()
    return ClockView(now=deps.clock(), offset_seconds=deps.clock.offset.total_seconds())
