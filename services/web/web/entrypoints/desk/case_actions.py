"""The case's actions: each form is posted here, sent to resolution, and answered with a redirect back to the case
(POST-redirect-GET) and a confirmation; a refusal shows the case again with its reason beside the form."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException

from ...deps import Deps, Staff
from ...domain.desk_actions import ACTIONS, request_for
from ...domain.desk_labels import OUTCOMES
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
    try:
        endpoint, body = request_for(key, values)
        await apis.resolution(deps, staff).act(complaint_id, endpoint, body)
    except Refused as refused:
        return await render_case(request, deps, staff, complaint_id, refusal=refused.refusal, action=key,
                                 values=values, status_code=refused.refusal.status)
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


async def _fields(request: Request) -> dict[str, str]:
    form = await request.form()
    return {name: value[:MAX_FIELD] for name, value in form.items() if isinstance(value, str) and name != "csrftoken"}
