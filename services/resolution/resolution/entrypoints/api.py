"""The staff API: the work queue, one case, and every action on it (bearer token; who/when/why audited).

Each route parses its request, calls one ResolutionService use case and shapes the answer; domain errors become
RFC 9457 problems here.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from complaint_contracts.types import Priority, Regime
from complaints_chassis.problems import Problem
from fastapi import APIRouter, Query

from ..deps import Deps
from ..domain.commands import (
    AddNote,
    Close,
    Escalate,
    PayRedress,
    ProposeResolution,
    Reassign,
    RecordImplementation,
    Reopen,
    RequestInformation,
    Resolve,
    ResumeInvestigation,
    StaffCommand,
    StartInvestigation,
)
from ..domain.errors import (
    AccessDenied,
    CaseNotFound,
    ClockControlOff,
    FinalResponseIncomplete,
    IllegalTransition,
    ResolutionError,
    RuleViolation,
    VersionConflict,
)
from ..domain.queue import QueueFilter
from ..domain.states import CaseState
from .auth import Staff
from .schemas import (
    AssignmentBody,
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

router = APIRouter(tags=["cases"])
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No valid bearer token"}, 403: {"description": "Outside the employee's scope"},
    404: {"description": "No such case"}, 409: {"description": "Stale version, or not allowed in this state"},
    422: {"description": "The request breaks a rule (e.g. an incomplete final response)"}}


def problem_of(exc: ResolutionError) -> Problem:
    """The RFC 9457 answer to a domain error."""
    if isinstance(exc, CaseNotFound):
        return Problem(404, "Case not found", str(exc))
    if isinstance(exc, ClockControlOff):
        return Problem(404, "Not Found", str(exc))
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


@contextmanager
def answering_problems() -> Iterator[None]:
    """Turn a domain error raised inside the block into its problem answer."""
    try:
        yield
    except ResolutionError as exc:
        raise problem_of(exc) from exc


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
    items, total = await deps.service.work_queue(principal=staff, queue_filter=wanted)
    return QueuePage(items=items, total=total, offset=offset, limit=limit)


@router.get("/cases/{complaint_id}", response_model=CaseView, responses=ERRORS, summary="One case, with its audit")
async def get_case(complaint_id: str, deps: Deps, staff: Staff) -> CaseView:
    with answering_problems():
        return CaseView.of(await deps.service.view(complaint_id=complaint_id, principal=staff))


async def _act(deps: Deps, staff: Staff, complaint_id: str, body: Command, command: StaffCommand) -> CaseView:
    with answering_problems():
        case = await deps.service.act(complaint_id=complaint_id, principal=staff, version=body.version,
                                      reason=body.reason, command=command)
    return CaseView.of(case)


@router.post("/cases/{complaint_id}/notes", response_model=CaseView, responses=ERRORS, summary="Add a note")
async def add_note(complaint_id: str, body: NoteBody, deps: Deps, staff: Staff) -> CaseView:
    return await _act(deps, staff, complaint_id, body, AddNote(text=body.text, public=body.public))


@router.post("/cases/{complaint_id}/investigation", response_model=CaseView, responses=ERRORS,
             summary="Start investigating (again, after a rejected proposal)")
async def investigate(complaint_id: str, body: Command, deps: Deps, staff: Staff) -> CaseView:
    return await _act(deps, staff, complaint_id, body, StartInvestigation())


@router.post("/cases/{complaint_id}/information-requests", response_model=CaseView, responses=ERRORS,
             summary="Ask the customer for information (pauses the service SLA)")
async def request_information(complaint_id: str, body: InformationRequestBody, deps: Deps, staff: Staff) -> CaseView:
    return await _act(deps, staff, complaint_id, body,
                      RequestInformation(question=body.question, respond_by=body.respond_by))


@router.post("/cases/{complaint_id}/investigation/resumption", response_model=CaseView, responses=ERRORS,
             summary="Stop waiting for the customer and resume the service SLA")
async def resume(complaint_id: str, body: Command, deps: Deps, staff: Staff) -> CaseView:
    return await _act(deps, staff, complaint_id, body, ResumeInvestigation())


@router.post("/cases/{complaint_id}/proposals", response_model=CaseView, responses=ERRORS,
             summary="Propose a resolution with remedies")
async def propose(complaint_id: str, body: ProposalBody, deps: Deps, staff: Staff) -> CaseView:
    return await _act(deps, staff, complaint_id, body, ProposeResolution(
        summary=body.summary, remedies=body.remedies, respond_by=body.respond_by))


@router.post("/cases/{complaint_id}/implementation", response_model=CaseView, responses=ERRORS,
             summary="Record that the accepted resolution was carried out")
async def implement(complaint_id: str, body: ImplementationBody, deps: Deps, staff: Staff) -> CaseView:
    return await _act(deps, staff, complaint_id, body, RecordImplementation(details=body.details))


@router.post("/cases/{complaint_id}/resolution", response_model=CaseView, responses=ERRORS,
             summary="Resolve with an outcome and the final response (checked for mandatory content)")
async def resolve(complaint_id: str, body: ResolutionBody, deps: Deps, staff: Staff) -> CaseView:
    return await _act(deps, staff, complaint_id, body, Resolve(
        outcome=body.outcome, final_response=body.final_response, root_cause=body.root_cause))


@router.post("/cases/{complaint_id}/closure", response_model=CaseView, responses=ERRORS, summary="Close the case")
async def close(complaint_id: str, body: ClosureBody, deps: Deps, staff: Staff) -> CaseView:
    return await _act(deps, staff, complaint_id, body, Close(reason=body.close_reason))


@router.post("/cases/{complaint_id}/reopening", response_model=CaseView, responses=ERRORS,
             summary="Reopen within the reopen window")
async def reopen(complaint_id: str, body: Command, deps: Deps, staff: Staff) -> CaseView:
    return await _act(deps, staff, complaint_id, body, Reopen())


@router.post("/cases/{complaint_id}/escalation", response_model=CaseView, responses=ERRORS,
             summary="Escalate one tier")
async def escalate(complaint_id: str, body: Command, deps: Deps, staff: Staff) -> CaseView:
    return await _act(deps, staff, complaint_id, body, Escalate())


@router.post("/cases/{complaint_id}/assignment", response_model=CaseView, responses=ERRORS,
             summary="Reassign to another team or person (supervisors)")
async def reassign(complaint_id: str, body: AssignmentBody, deps: Deps, staff: Staff) -> CaseView:
    return await _act(deps, staff, complaint_id, body, Reassign(
        team=body.team, assignee=body.assignee, department=body.department))


@router.post("/cases/{complaint_id}/redress-payments", response_model=CaseView, responses=ERRORS,
             summary="Record a payment of accepted redress")
async def pay(complaint_id: str, body: PaymentBody, deps: Deps, staff: Staff) -> CaseView:
    return await _act(deps, staff, complaint_id, body, PayRedress(
        proposal_id=body.proposal_id, kind=body.kind, amount=body.amount, payment_reference=body.payment_reference))


@router.post("/corrective-actions", status_code=201, responses=ERRORS, tags=["quality"],
             summary="Attach a root cause and a corrective or preventive action to cases")
async def corrective_action(body: CorrectiveActionBody, deps: Deps, staff: Staff) -> dict[str, Any]:
    with answering_problems():
        event = await deps.service.raise_corrective_action(
            principal=staff, complaint_ids=body.complaint_ids, reason=body.reason, action_id=body.action_id,
            root_cause=body.root_cause, action=body.action, owner=body.owner, preventive=body.preventive,
            due_at=body.due_at)
    return {"action_id": event.action_id, "complaint_ids": event.complaint_ids}


@router.get("/admin/clock", response_model=ClockView, responses=ERRORS, tags=["admin"],
            summary="The service clock (when clock control is on)")
async def read_clock(deps: Deps, staff: Staff) -> ClockView:
    with answering_problems():
        return ClockView.of(deps.service.controlled_clock(principal=staff))


@router.post("/admin/clock", response_model=ClockView, responses=ERRORS, tags=["admin"],
             summary="Move the service clock and scan deadlines at once (tests and demos only)")
async def shift_clock(body: ClockShift, deps: Deps, staff: Staff) -> ClockView:
    with answering_problems():
        return ClockView.of(await deps.service.shift_clock(principal=staff, seconds=body.seconds))
