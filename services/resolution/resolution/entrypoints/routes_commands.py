"""Staff actions on a case, each against the version the employee read (a stale one answers 409); who, when and
why go into the audit. Thin: parse, one call, answer the case as it is now."""

from fastapi import APIRouter

from ..deps import Deps
from ..domain.commands import (
    AddNote,
    Close,
    CompletePlanStep,
    CompleteTask,
    CorrectAssessment,
    Escalate,
    FileRegulatoryReport,
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
from ..domain.plan import PlannedStep
from .auth import Staff
from .problems import ERRORS, answering_problems
from .schemas import (
    AssessmentBody,
    AssignmentBody,
    ClosureBody,
    Command,
    DuplicateBody,
    ImplementationBody,
    InformationRequestBody,
    MergeBody,
    NoteBody,
    PaymentBody,
    ProposalBody,
    RegulatoryReportBody,
    ResolutionBody,
    StepCompletionBody,
    TaskCompletionBody,
)
from .views import CaseView

router = APIRouter(tags=["cases"])


async def _act(deps: Deps, staff: Staff, complaint_id: str, body: Command, command: StaffCommand) -> CaseView:
    with answering_problems():
        return CaseView.of(await deps.service.act(complaint_id=complaint_id, principal=staff, version=body.version,
                                                  reason=body.reason, command=command))


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
    plan = tuple(PlannedStep(description=s.description, due_at=s.due_at, owner=s.owner) for s in body.plan)
    return await _act(deps, staff, complaint_id, body, ProposeResolution(
        summary=body.summary, remedies=body.remedies, respond_by=body.respond_by, plan=plan))


@router.post("/cases/{complaint_id}/implementation", response_model=CaseView, responses=ERRORS,
             summary="Record that the accepted resolution was carried out")
async def implement(complaint_id: str, body: ImplementationBody, deps: Deps, staff: Staff) -> CaseView:
    return await _act(deps, staff, complaint_id, body, RecordImplementation(details=body.details))


@router.post("/cases/{complaint_id}/plan-steps/{step_id}/completion", response_model=CaseView, responses=ERRORS,
             summary="Record that a step of the agreed plan was carried out (the customer is told)")
async def complete_step(complaint_id: str, step_id: str, body: StepCompletionBody, deps: Deps,
                        staff: Staff) -> CaseView:
    return await _act(deps, staff, complaint_id, body, CompletePlanStep(step_id=step_id, note=body.note))


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


@router.post("/cases/{complaint_id}/assessment", response_model=CaseView, responses=ERRORS,
             summary="Correct routing's assessment (kind, category, priority, department); routing learns from it")
async def correct_assessment(complaint_id: str, body: AssessmentBody, deps: Deps, staff: Staff) -> CaseView:
    return await _act(deps, staff, complaint_id, body, CorrectAssessment(
        kind=body.kind, category=body.category, priority=body.priority, department=body.department))


@router.post("/cases/{complaint_id}/regulatory-reports", response_model=CaseView, responses=ERRORS,
             summary="Record a report filed with the regulator (e.g. an FDA MDR); it meets the reporting deadlines "
                     "of its type, which the final response does not")
async def file_report(complaint_id: str, body: RegulatoryReportBody, deps: Deps, staff: Staff) -> CaseView:
    return await _act(deps, staff, complaint_id, body, FileRegulatoryReport(
        report_type=body.report_type, reference=body.reference, filed_at=body.filed_at))


@router.post("/cases/{complaint_id}/tasks/{task_id}/completion", response_model=CaseView, responses=ERRORS,
             summary="Mark a task of the case done (e.g. the customer was called)")
async def complete_task(complaint_id: str, task_id: str, body: TaskCompletionBody, deps: Deps,
                        staff: Staff) -> CaseView:
    return await _act(deps, staff, complaint_id, body, CompleteTask(task_id=task_id, outcome=body.outcome))


@router.post("/cases/{complaint_id}/duplicates", response_model=CaseView, responses=ERRORS,
             summary="Link the case to the complaint it duplicates, on both cases (optionally take its owner)")
async def link_duplicate(complaint_id: str, body: DuplicateBody, deps: Deps, staff: Staff) -> CaseView:
    with answering_problems():
        return CaseView.of(await deps.service.link_duplicate(
            complaint_id=complaint_id, principal=staff, version=body.version, reason=body.reason,
            original_id=body.duplicate_of, assign_to_original_owner=body.assign_to_original_owner))


@router.post("/cases/{complaint_id}/merge", response_model=CaseView, responses=ERRORS,
             summary="Close the case as merged into the complaint it duplicates, which carries on")
async def merge(complaint_id: str, body: MergeBody, deps: Deps, staff: Staff) -> CaseView:
    with answering_problems():
        return CaseView.of(await deps.service.merge_duplicate(
            complaint_id=complaint_id, principal=staff, version=body.version, reason=body.reason, into=body.into))
