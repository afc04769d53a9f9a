"""Reading and finding cases: the work queue, the search and its CSV export, one case file, the customer's other
complaints, final-response templates and the check of a draft (bearer token; thin: parse, one call, answer)."""

from datetime import timedelta
from typing import Annotated

from complaint_contracts.types import Category, Language, Outcome, Priority, Regime
from fastapi import APIRouter, Query
from fastapi.responses import Response

from ..deps import Deps
from ..domain.queue import QueueFilter
from ..domain.search import CaseSearch, SearchKeys, decode_cursor
from ..domain.states import CaseState
from .auth import Staff
from .problems import ERRORS, answering_problems
from .schemas import FinalResponseDraft, SearchBody
from .views import CaseLines, CaseView, FinalResponseCheck, QueuePage, ResponseTemplates, SearchResults

router = APIRouter(tags=["cases"])
CSV = "text/csv; charset=utf-8"


@router.get("/cases", response_model=QueuePage, responses=ERRORS, summary="Work queue, nearest deadline first")
async def work_queue(deps: Deps, staff: Staff,
                     team: Annotated[list[str], Query(description="Owning teams")] = [],  # noqa: B006
                     department: Annotated[list[str], Query(description="Owning departments")] = [],  # noqa: B006
                     assignee: Annotated[list[str], Query(description="Owners (employee ids)")] = [],  # noqa: B006
                     state: Annotated[list[CaseState], Query(description="States")] = [],  # noqa: B006
                     priority: Annotated[list[Priority], Query(description="Priorities")] = [],  # noqa: B006
                     regime: Annotated[list[Regime], Query(description="Regimes")] = [],  # noqa: B006
                     category: Annotated[list[Category], Query(description="Categories")] = [],  # noqa: B006
                     due_within_hours: Annotated[float | None, Query(
                         ge=0, le=24 * 366, description="Only cases whose next deadline falls within so many hours")
                     ] = None,
                     breached: Annotated[bool | None, Query(
                         description="Only cases with (true) or without (false) a breached deadline")] = None,
                     unassigned: Annotated[bool | None, Query(
                         description="Only cases nobody (true) or somebody (false) owns")] = None,
                     offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
                     limit: Annotated[int, Query(ge=1, le=500)] = 50) -> QueuePage:
    wanted = QueueFilter(teams=team, departments=department, assignees=assignee, states=state, priorities=priority,
                         regimes=regime, categories=category, breached=breached, unassigned=unassigned,
                         offset=offset, limit=limit,
                         due_within=timedelta(hours=due_within_hours) if due_within_hours is not None else None)
    items, total = await deps.service.work_queue(principal=staff, queue_filter=wanted)
    return QueuePage(items=items, total=total, offset=offset, limit=limit)


def _search(body: SearchBody) -> CaseSearch:
    hours = body.due_within_hours
    return CaseSearch(
        keys=SearchKeys.of(tracking_number=body.tracking_number, email=body.email, phone=body.phone, text=body.text),
        filter=QueueFilter(teams=body.teams, departments=body.departments, assignees=body.assignees,
                           states=body.states, priorities=body.priorities, categories=body.categories,
                           regimes=body.regimes, breached=body.breached, unassigned=body.unassigned,
                           due_within=timedelta(hours=hours) if hours is not None else None),
        after=decode_cursor(body.cursor) if body.cursor else None, limit=body.limit)


@router.post("/cases/search", response_model=SearchResults, responses=ERRORS,
             summary="Find cases by tracking number, the customer's e-mail or phone, words and filters")
async def search(body: SearchBody, deps: Deps, staff: Staff) -> SearchResults:
    with answering_problems():
        page = await deps.service.search(principal=staff, search=_search(body))
    return SearchResults(items=page.items, next_cursor=page.next_cursor, truncated=page.truncated)


@router.post("/cases/export", response_class=Response, responses={**ERRORS, 200: {
    "description": "The cases as CSV (contact details only where the caller may see them)",
    "content": {"text/csv": {"schema": {"type": "string"}}}}},
    summary="Export the cases a search finds as CSV (supervisors and above; audited)")
async def export(body: SearchBody, deps: Deps, staff: Staff) -> Response:
    with answering_problems():
        exported = await deps.service.export(principal=staff, search=_search(body))
    return Response(exported.csv, media_type=CSV, headers={
        "Content-Disposition": 'attachment; filename="cases.csv"', "X-Export-Rows": str(exported.rows),
        "X-Export-Truncated": str(exported.truncated).lower()})


@router.get("/cases/{complaint_id}", response_model=CaseView, responses=ERRORS, summary="One case, with its audit")
async def get_case(complaint_id: str, deps: Deps, staff: Staff) -> CaseView:
    with answering_problems():
        return CaseView.of(await deps.service.view(complaint_id=complaint_id, principal=staff))


@router.get("/cases/{complaint_id}/customer-history", response_model=CaseLines, responses=ERRORS,
            summary="The customer's other complaints (same e-mail, phone or customer reference)")
async def customer_history(complaint_id: str, deps: Deps, staff: Staff) -> CaseLines:
    with answering_problems():
        return CaseLines(items=await deps.service.customer_history(complaint_id=complaint_id, principal=staff))


@router.get("/cases/{complaint_id}/response-templates", response_model=ResponseTemplates, responses=ERRORS,
            summary="Final-response templates for the case, filled in from it")
async def response_templates(complaint_id: str, deps: Deps, staff: Staff,
                             language: Annotated[Language | None, Query(
                                 description="Language (by default the complaint's)")] = None,
                             outcome: Annotated[Outcome | None, Query(
                                 description="Only the templates for this outcome")] = None) -> ResponseTemplates:
    with answering_problems():
        return ResponseTemplates(items=await deps.service.response_templates(
            complaint_id=complaint_id, principal=staff, language=language, outcome=outcome))


@router.post("/cases/{complaint_id}/final-response/check", response_model=FinalResponseCheck, responses=ERRORS,
             summary="What a draft final response lacks, before it is sent")
async def check_final_response(complaint_id: str, body: FinalResponseDraft, deps: Deps,
                               staff: Staff) -> FinalResponseCheck:
    with answering_problems():
        check = await deps.service.check_final_response(
            complaint_id=complaint_id, principal=staff, outcome=body.outcome, text=body.final_response)
    return FinalResponseCheck(**check._asdict())
