"""Checks every intake request passes before its route runs: the client's request budget, no access code in the
URL, a body no larger than the limit (refused while it streams in), and (for the action routes, whose body FastAPI
parses) a JSON body without repeated members or broken text.
"""

from collections.abc import Awaitable, Callable

from complaints_chassis.problems import Problem
from fastapi import Request, Response
from fastapi.routing import APIRoute
from starlette.types import Receive, Scope

from ..deps import Deps, get_deps
from ..domain.json_body import read_json
from ..domain.problems import answer_errors

_ACCESS_CODE_NAMES = frozenset({"accesscode", "xaccesscode"})
"""Query parameter names read as an access code, compared without case, `-` and `_`."""


def client_of(request: Request) -> str:
    """The client address the budgets are kept for (set from X-Forwarded-For only for a trusted proxy)."""
    return request.client.host if request.client else "unknown"


async def within_budget(request: Request, deps: Deps) -> None:
    """Refuse the request with 429 when this client used up its requests for the minute."""
    wait = deps.requests.spend(client_of(request))
    if wait is not None:
        deps.metrics.rate_limited.labels(budget="requests").inc()
        raise Problem(429, "Too Many Requests", "Too many requests from this client; please wait and try again",
                      type_="/problems/rate-limited", headers={"Retry-After": str(wait)})


async def no_access_code_in_url(request: Request) -> None:
    """Refuse an access code in the query string: URLs end up in proxy logs, browser history and Referer headers."""
    for name in request.query_params:
        if name.lower().replace("-", "").replace("_", "") in _ACCESS_CODE_NAMES:
            reason = "never send the access code in the URL: use the X-Access-Code header (or a form body)"
            raise Problem(400, "Access code in the URL", reason, type_="/problems/access-code-in-url",
                          errors=[{"field": name, "in": "query", "code": "not_allowed_in_url", "reason": reason}])


async def strict_json(request: Request) -> None:
    """Refuse a JSON body with a member given twice or a string with an unpaired surrogate, naming where.

    FastAPI's own parsing would keep the last of repeated members and let broken text through to the event.
    """
    body = await request.body()  # read once: FastAPI has already read and cached it for the body parameter
    if not body or not is_json(request):
        return
    parsed = read_json(body)
    if parsed.readable and parsed.problems:
        raise Problem(422, "Request is not valid", "; ".join(f"{p.field}: {p.reason}" for p in parsed.problems),
                      type_="/problems/validation", errors=answer_errors(parsed.problems))


async def body_within_limit(request: Request, deps: Deps) -> bytes:
    """The body, read up to the request limit: a larger one is refused (413, counted) as soon as it is known to be,
    from its declared length or while it streams in, never read whole."""
    limit = deps.settings.max_request_bytes()
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(deps, limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _too_large(deps, limit)
    return bytes(body)


class _BodyRead(Request):
    """A request whose body was read already (within the limit): FastAPI parses the body from here."""

    def __init__(self, scope: Scope, receive: Receive, body: bytes) -> None:
        super().__init__(scope, receive)
        # Starlette's cache of the read body, which `body()`, `json()` and `stream()` serve (FastAPI's documented
        # custom-request recipe fills it the same way).
        self._body = body


class LimitedBodyRoute(APIRoute):
    """A route whose body FastAPI parses, read first within the request limit.

    FastAPI reads a body parameter whole before any dependency runs, and turns an error raised while reading it
    into a 400; reading it here first refuses an oversized body with the filing's 413 problem instead.
    """

    def get_route_handler(self) -> Callable[[Request], Awaitable[Response]]:
        parse_and_run = super().get_route_handler()

        async def within_limit(request: Request) -> Response:
            body = await body_within_limit(request, await get_deps(request))
            return await parse_and_run(_BodyRead(request.scope, request.receive, body))

        return within_limit


def _too_large(deps: Deps, limit: int) -> Problem:
    deps.metrics.rejected.labels(reason="body_too_large", path="http").inc()
    return Problem(413, "Content Too Large", f"The request may be at most {limit} bytes", type_="/problems/too-large")


def is_json(request: Request) -> bool:
    """Whether the request declares a JSON body (no Content-Type is taken as JSON)."""
    content_type = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    return content_type == "application/json" or content_type.endswith("+json")
