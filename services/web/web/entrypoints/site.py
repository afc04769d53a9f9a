"""Pages that belong to neither front door alone: the language switch and the error pages."""

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import Message, Receive, Scope, Send

from ..deps import Deps, SignInRequired
from ..domain.desk_refusals import Refused
from ..domain.languages import LANGUAGE_COOKIE, SUPPORTED
from .middleware import language_of

router = APIRouter(include_in_schema=False)
ONE_YEAR = 365 * 24 * 3600


@router.post("/language")
async def switch_language(request: Request, deps: Deps, language: Annotated[str, Form(max_length=8)],
                          back: Annotated[str, Form(max_length=2000)] = "/") -> Response:
    """Remember the chosen language and return to the page the switch was on (same site only)."""
    response = RedirectResponse(_same_site_path(back), status_code=303)
    if language in SUPPORTED:
        response.set_cookie(LANGUAGE_COOKIE, language, max_age=ONE_YEAR, httponly=True,
                            secure=deps.settings.secure_cookies, samesite="lax")
    return response


def _same_site_path(back: str) -> str:
    """Only a path of this site: an absolute or scheme-relative URL would make the switch an open redirect."""
    parts = urlsplit(back)
    if parts.scheme or parts.netloc or not back.startswith("/") or back.startswith("//"):
        return "/"
    return back


async def sign_in_required(request: Request, exc: Exception) -> Response:
    return RedirectResponse("/desk/sign-in", status_code=303)


async def http_error(request: Request, exc: Exception) -> Response:
    """Errors as pages in the visitor's language (the services' problem+json stays behind the front end). A staff
    API's refusal that no page answered itself is one too: left to the server it would be a crash, and the server
    drops the browser's connection after one."""
    if isinstance(exc, Refused):
        status = exc.refusal.status
    else:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
    pages = request.app.state.deps.pages
    return pages.render(request, "error.html", {"status": status}, status_code=status)


HANDLERS = {SignInRequired: sign_in_required, HTTPException: http_error, Refused: http_error}


async def csrf_failed(scope: Scope, send: Send, message_id: object) -> None:
    """A form came back without its anti-forgery token (an old tab, or a forged request): say so in the visitor's
    language and offer to start again, instead of a bare 403."""
    request = Request(scope)
    request.state.language = language_of(request)
    response = request.app.state.pages.render(request, "error.html", {"status": 403, "reason": "csrf"},
                                               status_code=403)
    await response(scope, _no_receive, send)


async def refuse_forged_form(scope: Scope, receive: Receive, send: Send) -> None:
    await csrf_failed(scope, send, "multipart form did not carry the token of its cookie")


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}
