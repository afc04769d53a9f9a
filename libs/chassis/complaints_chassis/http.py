"""FastAPI app factory: liveness, readiness, metrics, traces, problem+json errors, correlation ids, API docs."""

import asyncio
import re
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

import structlog
from complaint_contracts.base import CORRELATION_ID
from fastapi import APIRouter, FastAPI, Request, Response
from fastapi_offline import FastAPIOffline
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from prometheus_client import CollectorRegistry, make_asgi_app

from .instrumentation import instrument_http
from .problems import MEDIA_TYPE, Problem, install_problem_handlers, problem_response

CORRELATION_HEADER = "X-Correlation-Id"
CORRELATION_ID_PATTERN = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
"""What a caller's correlation id may look like: an id, not free text (it reaches logs and events)."""
DOCS_ASSETS = "/docs-assets"
"""Swagger UI and ReDoc served from the fastapi-offline package, so /docs works without the internet."""
ReadinessCheck = Callable[[], Awaitable[None]]


class NotReady(Exception):
    """A readiness check's own finding; its message (no personal data) is shown in the readiness answer."""


def create_http_app(*, title: str, version: str, description: str, registry: CollectorRegistry,
                    readiness: Mapping[str, ReadinessCheck],
                    lifespan: Callable[[FastAPI], AbstractAsyncContextManager[None]],
                    routers: Sequence[APIRouter] = (), readiness_timeout: float = 3.0, docs_enabled: bool = True,
                    tracer_provider: TracerProvider | None = None) -> FastAPI:
    """The service's app; `docs_enabled=False` (production) serves no /docs, /redoc or /openapi.json."""
    common: dict[str, Any] = dict(
        title=title, version=version, description=description, lifespan=lifespan,
        responses={422: {"description": "Request is not valid", "content": {MEDIA_TYPE: {}}}})
    app = (FastAPIOffline(static_url=DOCS_ASSETS, **common) if docs_enabled
           else FastAPI(docs_url=None, redoc_url=None, openapi_url=None, **common))
    install_problem_handlers(app)

    @app.middleware("http")
    async def correlation(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        given = request.headers.get(CORRELATION_HEADER)
        correlation_id = given if given and CORRELATION_ID_PATTERN.match(given) else uuid.uuid4().hex
        trace.get_current_span().set_attribute("correlation_id", correlation_id)
        token = CORRELATION_ID.set(correlation_id)  # events the request causes carry it (Event.correlation_id)
        try:
            with structlog.contextvars.bound_contextvars(correlation_id=correlation_id):
                response = await call_next(request)
        finally:
            CORRELATION_ID.reset(token)
        response.headers[CORRELATION_HEADER] = correlation_id
        return response

    @app.get("/healthz", tags=["operations"], summary="Liveness: the process answers (no dependencies checked)")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    app.add_api_route("/livez", healthz, methods=["GET"], tags=["operations"],
                      summary="Liveness, under the name Kubernetes probes use (same as /healthz)")

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
    instrument_http(app, registry=registry, tracer_provider=tracer_provider, docs_assets=DOCS_ASSETS)
    return app


async def _check(fn: ReadinessCheck, timeout: float) -> str:
    try:
        await asyncio.wait_for(fn(), timeout)
        return "ok"
    except NotReady as exc:
        return f"failing: {exc}"
    except Exception as exc:  # reported in the readiness answer, not swallowed
        return f"failing: {type(exc).__name__}"
