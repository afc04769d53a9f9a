"""FastAPI app factory: liveness, readiness, metrics, problem+json errors, correlation ids."""

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

import structlog
from fastapi import APIRouter, FastAPI, Request, Response
from prometheus_client import CollectorRegistry, make_asgi_app

from .problems import MEDIA_TYPE, Problem, install_problem_handlers, problem_response

CORRELATION_HEADER = "X-Correlation-Id"
ReadinessCheck = Callable[[], Awaitable[None]]


class NotReady(Exception):
    """A readiness check's own finding; its message (no personal data) is shown in the readiness answer."""


def create_http_app(*, title: str, version: str, description: str, registry: CollectorRegistry,
                    readiness: Mapping[str, ReadinessCheck],
                    lifespan: Callable[[FastAPI], AbstractAsyncContextManager[None]],
                    routers: Sequence[APIRouter] = (), readiness_timeout: float = 3.0) -> FastAPI:
    app = FastAPI(title=title, version=version, description=description, lifespan=lifespan,
                  responses={422: {"description": "Request is not valid", "content": {MEDIA_TYPE: {}}}})
    install_problem_handlers(app)

    @app.middleware("http")
    async def correlation(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        correlation_id = request.headers.get(CORRELATION_HEADER) or uuid.uuid4().hex
        with structlog.contextvars.bound_contextvars(correlation_id=correlation_id):
            response = await call_next(request)
        response.headers[CORRELATION_HEADER] = correlation_id
        return response

    @app.get("/healthz", tags=["operations"], summary="Liveness: the process answers (no dependencies checked)")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["operations"], summary="Readiness: the broker and the store answer",
             responses={503: {"description": "A dependency is not reachable", "content": {MEDIA_TYPE: {}}}})
    async def readyz(request: Request) -> Any:
        results = await asyncio.gather(*(_check(fn, readiness_timeout) for fn in readiness.values()))
        checks = dict(zip(readiness, results, strict=True))
        if all(v == "ok" for v in checks.values()):
            return {"status": "ready", "checks": checks}
        return problem_response(Problem(503, "Not ready", "A dependency is not reachable", checks=checks), request)

    app.mount("/metrics", make_asgi_app(registry))
    for router in routers:
        app.include_router(router)
    return app


async def _check(fn: ReadinessCheck, timeout: float) -> str:
    try:
        await asyncio.wait_for(fn(), timeout)
        return "ok"
    except NotReady as exc:
        return f"failing: {exc}"
    except Exception as exc:  # reported in the readiness answer, not swallowed
        return f"failing: {type(exc).__name__}"
