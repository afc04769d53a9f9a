"""Checks every intake request passes before its route runs: the client's request budget, no access code in the
URL, and (for the action routes, whose body FastAPI parses) a JSON body without repeated members or broken text.
"""

from complaints_chassis.problems import Problem
from fastapi import Request

from ..deps import Deps
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


def is_json(request: Request) -> bool:
    """Whether the request declares a JSON body (no Content-Type is taken as JSON)."""
    content_type = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    return content_type == "application/json" or content_type.endswith("+json")
