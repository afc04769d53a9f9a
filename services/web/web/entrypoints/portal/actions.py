"""The status page's forms: reply, accept or reject the proposal, feedback, withdraw, escalation, reopening.

Each answers with a redirect back to the status page and a `done` notice, or shows the page again with intake's
refusal in the customer's language.
"""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException

from ...adapters.intake_api import ACTIONS, IntakeApi
from ...deps import Deps
from ...domain.portal_actions import DONE, FALLBACK, FIELDS, action_body, done_key
from ...domain.portal_problems import IntakeProblem, field_errors, notice_of
from .pages import show_status, text_fields, uploaded_files
from .session import code_for, forget

router = APIRouter(include_in_schema=False)


@router.post("/track/{tracking_number}/{action}")
async def act(request: Request, deps: Deps, tracking_number: str, action: str) -> Response:
    if action not in ACTIONS:
        raise HTTPException(404)
    code = code_for(request, tracking_number)
    if code is None:
        return RedirectResponse(f"/track/{tracking_number}", status_code=303)
    form = await request.form()
    values = text_fields(form)
    files = await uploaded_files(form, "attachments") if action == "reply" else []
    try:
        await IntakeApi(deps.intake).act(tracking_number, code, action, action_body(action, values, files))
    except IntakeProblem as problem:
        if problem.status == 404:
            forget(request)  # a new code was issued meanwhile: ask for it
        errors = field_errors(action, problem, FIELDS[action], fallback=FALLBACK[action]) \
            if problem.status == 422 else None
        shown = {f"{action}-{name}": value for name, value in values.items()}
        return await show_status(request, deps, tracking_number, notice=notice_of(problem), errors=errors,
                                 values=shown, status_code=problem.status if problem.status < 500 else 503)
    done = done_key(action, values)
    return RedirectResponse(f"/track/{tracking_number}?done={done if done in DONE else action}", status_code=303)
