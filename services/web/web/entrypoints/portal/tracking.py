"""`/track`: look a complaint up with its access code (sent in the form body, never in the URL), see its status,
download the files sent with it; `/survey/…` leads to its feedback form."""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException

from ...adapters.intake_api import IntakeApi
from ...deps import Deps
from ...domain.portal_actions import DONE
from ...domain.portal_problems import IntakeProblem, Notice, missing, notice_of
from .pages import show_lookup, show_status
from .session import code_for, forget, remember, tracking_number_of

router = APIRouter(include_in_schema=False)
FEEDBACK = "feedback"
"""The one place a look-up may lead to besides the status page's top (`then`)."""
PASSED_ON = ("content-type", "content-disposition", "content-length")


@router.get("/track")
async def lookup_form(request: Request, deps: Deps) -> Response:
    return show_lookup(request, deps)


@router.post("/track")
async def look_up(request: Request, deps: Deps, tracking_number: Annotated[str, Form(max_length=64)] = "",
                  access_code: Annotated[str, Form(max_length=64)] = "",
                  then: Annotated[str, Form(max_length=16)] = "") -> Response:
    return await _open(request, deps, tracking_number_of(tracking_number), access_code.strip(), then=then,
                       typed_number=True)


@router.post("/track/forget")
async def forget_complaint(request: Request) -> Response:
    """Sign out of the complaint on this device (a shared computer, say)."""
    forget(request)
    return RedirectResponse("/", status_code=303)


@router.get("/track/{tracking_number}")
async def status(request: Request, deps: Deps, tracking_number: str, done: str = "") -> Response:
    notice = Notice(DONE[done], "ok") if done in DONE else None
    return await show_status(request, deps, tracking_number, notice=notice)


@router.post("/track/{tracking_number}")
async def look_up_this(request: Request, deps: Deps, tracking_number: str,
                       access_code: Annotated[str, Form(max_length=64)] = "",
                       then: Annotated[str, Form(max_length=16)] = "") -> Response:
    return await _open(request, deps, tracking_number, access_code.strip(), then=then, typed_number=False)


@router.get("/survey/{tracking_number}")
async def survey(request: Request, deps: Deps, tracking_number: str) -> Response:
    """The satisfaction survey's link in mails: the feedback form of the status page, after the access code."""
    if code_for(request, tracking_number) is not None:
        return RedirectResponse(f"/track/{tracking_number}#{FEEDBACK}", status_code=303)
    return show_lookup(request, deps, tracking_number=tracking_number, then=FEEDBACK)


@router.get("/track/{tracking_number}/files/{attachment_id}")
async def download(request: Request, deps: Deps, tracking_number: str, attachment_id: str) -> Response:
    """A file the customer sent, passed on from intake as a download (never shown inline)."""
    code = code_for(request, tracking_number)
    if code is None:
        return RedirectResponse(f"/track/{tracking_number}", status_code=303)
    try:
        answer = await IntakeApi(deps.intake).attachment(tracking_number, code, attachment_id)
    except IntakeProblem as problem:
        if problem.status == 410:  # deleted with the customer's personal data: the page says so
            return await show_status(request, deps, tracking_number, notice=notice_of(problem), status_code=410)
        raise HTTPException(404 if problem.status in (404, 405) else 503) from None
    headers = {name: answer.headers[name] for name in PASSED_ON if name in answer.headers}
    headers.setdefault("content-disposition", "attachment")
    headers["cache-control"] = "private, no-store"
    return Response(answer.content, headers=headers)


async def _open(request: Request, deps: Deps, tracking_number: str, access_code: str, *, then: str,
                typed_number: bool) -> Response:
    shown = tracking_number if not typed_number else None
    values = {"tracking_number": tracking_number}
    empty = [name for name, value in (("tracking_number", tracking_number), ("access_code", access_code))
             if not value and (typed_number or name == "access_code")]
    if empty:
        return show_lookup(request, deps, tracking_number=shown, then=then, errors=missing("lookup", *empty),
                           values=values, status_code=422)
    try:
        await IntakeApi(deps.intake).status(tracking_number, access_code, language=request.state.language)
    except IntakeProblem as problem:
        return show_lookup(request, deps, tracking_number=shown, then=then, notice=notice_of(problem),
                           values=values, status_code=problem.status if problem.status < 500 else 503)
    remember(request, tracking_number, access_code)
    anchor = f"#{FEEDBACK}" if then == FEEDBACK else ""
    return RedirectResponse(f"/track/{tracking_number}{anchor}", status_code=303)
