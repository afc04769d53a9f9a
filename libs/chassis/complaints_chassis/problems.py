"""RFC 9457 problem details for every error the HTTP APIs return."""

from http import HTTPStatus
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

log = structlog.get_logger(__name__)
MEDIA_TYPE = "application/problem+json"


class Problem(Exception):
    """Raise from an endpoint to answer with a problem document."""

    def __init__(self, status: int, title: str, detail: str | None = None, *, type_: str = "about:blank",
                 errors: list[dict[str, str]] | None = None, headers: dict[str, str] | None = None,
                 **extra: Any) -> None:
        super().__init__(detail or title)
        self.status, self.title, self.detail, self.type = status, title, detail, type_
        self.errors, self.headers, self.extra = errors, headers, extra


def problem_response(problem: Problem, request: Request) -> JSONResponse:
    body: dict[str, Any] = {"type": problem.type, "title": problem.title, "status": problem.status,
                            "instance": request.url.path}
    if problem.detail:
        body["detail"] = problem.detail
    if problem.errors:
        body["errors"] = problem.errors
    body.update(problem.extra)
    return JSONResponse(body, status_code=problem.status, media_type=MEDIA_TYPE, headers=problem.headers)


def field_errors(exc: RequestValidationError) -> list[dict[str, str]]:
    """`{"field": "customer.email", "in": "body", "reason": "…"}` per problem; never echoes the input."""
    out = []
    for error in exc.errors():
        if error.get("type") == "json_invalid":
            out.append(_not_json(error))
            continue
        loc = [str(p) for p in error.get("loc", ())]
        where = loc[0] if loc and loc[0] in {"body", "query", "path", "header", "cookie"} else "body"
        path = loc[1:] if loc and loc[0] == where else loc
        out.append({"field": ".".join(path) or "(body)", "in": where, "reason": error.get("msg", "invalid")})
    return out


def _not_json(error: dict[str, Any]) -> dict[str, str]:
    """A body that does not parse names the whole body: its location is a character offset, not a field."""
    loc = error.get("loc", ())
    offset = f" at character {loc[1]}" if len(loc) > 1 and isinstance(loc[1], int) else ""
    cause = (error.get("ctx") or {}).get("error")
    return {"field": "(body)", "in": "body",
            "reason": f"not valid JSON ({cause}{offset})" if cause else f"not valid JSON{offset}"}


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def on_problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(exc, request)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = field_errors(exc)
        detail = "; ".join(f"{e['field']}: {e['reason']}" for e in errors)
        return problem_response(Problem(422, "Request is not valid", detail, errors=errors,
                                        type_="/problems/validation"), request)

    @app.exception_handler(HTTPException)
    async def on_http(request: Request, exc: HTTPException) -> JSONResponse:
        title = HTTPStatus(exc.status_code).phrase if exc.status_code in HTTPStatus._value2member_map_ else "Error"
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail != title else None
        return problem_response(Problem(exc.status_code, title, detail, headers=getattr(exc, "headers", None)),
                                request)

    @app.exception_handler(Exception)
    async def on_crash(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error", path=request.url.path, error_class=type(exc).__name__, exc_info=exc)
        return problem_response(Problem(500, "Internal Server Error", "The error was logged."), request)
