"""The case's actions: each form is posted here, sent to resolution, and answered with a redirect back to the case
(POST-redirect-GET) and a confirmation; a refusal shows the case again with its reason beside the form."""

from datetime import UTC, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException

from ...adapters.resolution_api import ResolutionApi
from ...deps import Deps, Staff
from ...domain.desk_actions import ACTIONS, OTHER_COMPLAINT, invalid, request_for
from ...domain.desk_labels import N_, OUTCOMES
from ...domain.desk_refusals import Refused
from . import apis
from .case import render_case

router = APIRouter()
MAX_FIELD = 20_000


@router.post("/cases/{complaint_id}/actions/{key}")
async def act(request: Request, deps: Deps, staff: Staff, complaint_id: str, key: str) -> Response:
    if key not in ACTIONS:
        raise HTTPException(404)
    values = await _fields(request)
    resolution = apis.resolution(deps, staff)
    try:
        endpoint, body = request_for(key, await _with_complaint_ids(resolution, key, values),
                                     zone=ZoneInfo(deps.settings.time_zone), now=datetime.now(UTC))
        await resolution.act(complaint_id, endpoint, body)
    except Refused as refused:
        return await render_case(request, deps, staff, complaint_id, refusal=refused.refusal, action=key,
                                 values=values, status_code=refused.refusal.status)
    if key == "assessment" and values.get("department") not in (None, "", values.get("department_before")):
        # Routing moves the case to a team of that department within a moment, and the case page may then be
        # closed to whoever moved it: the queue says what happened instead.
        return RedirectResponse("/desk?done=moved#main", status_code=303)
    return RedirectResponse(f"/desk/cases/{complaint_id}?done={key}#main", status_code=303)


@router.post("/cases/{complaint_id}/final-response/check")
async def check_final_response(request: Request, deps: Deps, staff: Staff, complaint_id: str,
                               final_response: Annotated[str, Form(max_length=MAX_FIELD)] = "",
                               outcome: Annotated[str, Form(max_length=40)] = "") -> Response:
    """What the draft lacks, shown beside it (the draft is kept in the form; nothing is sent)."""
    values = dict(await _fields(request))
    if outcome not in OUTCOMES:
        outcome = "upheld"
    try:
        check = await apis.resolution(deps, staff).check_final_response(complaint_id, text=final_response,
                                                                         outcome=outcome)
    except Refused as refused:
        return await render_case(request, deps, staff, complaint_id, refusal=refused.refusal, action="resolve",
                                 values=values, status_code=refused.refusal.status)
    return await render_case(request, deps, staff, complaint_id, action="resolve", values=values, check=check)


async def _with_complaint_ids(resolution: ResolutionApi, key: str, values: dict[str, str]) -> dict[str, str]:
    """Staff know the other complaint by its tracking number; resolution wants its complaint id."""
    name = OTHER_COMPLAINT.get(key)
    given = values.get(name, "").strip().upper() if name else ""
    if not name or not given.startswith("CMP-"):
        return values
    found = await resolution.search({"tracking_number": given, "limit": 1})
    if not found["items"]:
        raise invalid(name, N_("No case you may see has this tracking number."))
    return values | {name: found["items"][0]["complaint_id"]}


async def _fields(request: Request) -> dict[str, str]:
    form = await request.form()
    return {name: value[:MAX_FIELD] for name, value in form.items() if isinstance(value, str) and name != "csrftoken"}
