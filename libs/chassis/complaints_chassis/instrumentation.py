"""What an HTTP app reports about itself: Prometheus metrics per route template and status, and a span per request.

Both come from maintained instrumentations: prometheus-fastapi-instrumentator (`http_requests_total{handler,
method,status}`, `http_request_duration_seconds{handler,method}`, request and response sizes) and OpenTelemetry's
FastAPI instrumentation. Labels and span names use the route template (`/complaints/{complaint_id}`), never the
raw path, so no id reaches a label; unmatched paths count as `none`.
"""

from typing import Any

from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.trace import Span
from prometheus_client import CollectorRegistry
from prometheus_fastapi_instrumentator import Instrumentator
from starlette.applications import Starlette

NOT_MEASURED = ("/metrics", "/healthz", "/livez", "/readyz")
"""Scrapes and probes: frequent, uninteresting, and they would drown the API's own requests."""


def instrument_http(app: Starlette, *, registry: CollectorRegistry, tracer_provider: TracerProvider | None,
                    docs_assets: str | None = None) -> None:
    """Count and time every API request in `registry`; trace it with `tracer_provider` when there is one."""
    skipped = [f"^{path}$" for path in NOT_MEASURED] + ([f"^{docs_assets}"] if docs_assets else [])
    Instrumentator(should_group_status_codes=False, should_group_untemplated=True, excluded_handlers=skipped,
                   registry=registry).instrument(app)
    if tracer_provider is not None:
        FastAPIInstrumentor.instrument_app(app, tracer_provider=tracer_provider,
                                           excluded_urls=",".join(f"{path}/?$" for path in NOT_MEASURED),
                                           exclude_spans=["receive", "send"], server_request_hook=without_query)


QUERY_ATTRIBUTES = ("http.target", "http.url", "url.query", "url.full")
"""Span attributes that may carry the query string (old and new semantic conventions)."""


def without_query(span: Span, scope: dict[str, Any]) -> None:
    """A query string may hold personal data (an access request's `?email=`): spans keep the path only."""
    if not span.is_recording() or not scope.get("query_string"):
        return
    path = scope.get("path", "")
    for name in QUERY_ATTRIBUTES:
        span.set_attribute(name, "" if name == "url.query" else path)
