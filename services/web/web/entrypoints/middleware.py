"""What every page gets before its route runs: the language, the signed-in member of staff, and security headers."""

import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar

import httpx
from fastapi import FastAPI, Request, Response
from pydantic import ValidationError

from ..domain.languages import LANGUAGE_COOKIE, choose
from ..domain.staff import SignedInStaff

STAFF_SESSION_KEY = "staff"
VISITOR: ContextVar[str | None] = ContextVar("visitor", default=None)
"""The address of the browser this request serves (behind trusted proxies: the one they name)."""
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                           "base-uri 'none'; object-src 'none'")
"""Nothing inline and nothing from elsewhere: htmx and the stylesheet are served by this front end."""
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def install(app: FastAPI, *, secure: bool) -> None:
    @app.middleware("http")
    async def page_context(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        request.state.language = language_of(request)
        request.state.staff = _signed_in(request)
        VISITOR.set(request.client.host if request.client else None)
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        if secure:
            response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        if not request.url.path.startswith("/static/"):
            # Pages show personal data: no shared cache keeps them, and back-button copies are re-fetched.
            response.headers.setdefault("Cache-Control", "no-store")
        response.headers["Content-Language"] = request.state.language
        response.headers.setdefault("Vary", "Accept-Language, Cookie")
        return response


def language_of(request: Request) -> str:
    """The page language: the visitor's switch (cookie), else what the browser asks for."""
    return choose(chosen=request.cookies.get(LANGUAGE_COOKIE), accept_language=request.headers.get("accept-language"))


def _signed_in(request: Request) -> SignedInStaff | None:
    if "session" not in request.scope:
        return None
    kept = request.session.get(STAFF_SESSION_KEY)
    if kept is None:
        return None
    try:
        staff = SignedInStaff.model_validate(kept)
    except ValidationError:
        request.session.pop(STAFF_SESSION_KEY, None)
        return None
    if staff.expires_at <= time.time():
        request.session.pop(STAFF_SESSION_KEY, None)  # the token expired: sign in again
        return None
    return staff


async def name_the_visitor(request: httpx.Request) -> None:
    """An httpx request hook for intake's client: intake keeps rate budgets and look-up lock-outs per client
    address, so the portal names the customer it calls for (intake believes this only from trusted proxies)."""
    visitor = VISITOR.get()
    if visitor:
        request.headers["X-Forwarded-For"] = visitor
