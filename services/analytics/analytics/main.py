"""Wiring only: settings → store, metrics and use cases → consumer, API and background tasks, run by the chassis."""

from functools import partial

from complaint_contracts import AnalyticsEvent, topics
from complaints_calendar import load_calendars
from complaints_chassis.runtime import Runtime, ServiceSpec, service_app
from complaints_chassis.settings import load_settings
from fastapi import FastAPI

from .adapters.metrics import BusinessMetrics
from .adapters.store import MongoFactStore
from .config import AnalyticsSettings
from .deps import AnalyticsDeps
from .entrypoints import api, handlers, metrics_refresh, subject_exports, systemic_detection
from .service import AnalyticsService


async def setup(runtime: Runtime[AnalyticsSettings]) -> AnalyticsDeps:
    """Open the facts store, the systemic-issue outbox and the background tasks."""
    settings = runtime.settings
    store = MongoFactStore(runtime.db)
    await store.ensure_indexes()
    relay = await runtime.use_outbox(store.systemic)
    service = AnalyticsService(store=store, clock=runtime.clock, notify=relay.notify,
                               metrics=BusinessMetrics(runtime.registry, dimensions=settings.systemic_dimensions),
                               detection=settings.detection(),
                               calendars=load_calendars(), report_max_facts=settings.report_max_facts,
                               transparency_min_count=settings.transparency_min_count)
    runtime.exclusive.append(
        partial(systemic_detection.run, service, interval_seconds=settings.systemic_interval_seconds))
    runtime.background.append(  # every instance keeps its own gauges (of every fact) for its own /metrics
        partial(metrics_refresh.run, service, interval_seconds=settings.metrics_interval_seconds))
    return AnalyticsDeps(service=service)


SPEC: ServiceSpec[AnalyticsSettings, AnalyticsDeps] = ServiceSpec(
    name="analytics",
    version="0.1.0",
    description="KPIs, regulatory returns, systemic issues.",
    consumers=handlers.CONSUMERS,
    outputs={topics.ANALYTICS: AnalyticsEvent},
    setup=setup,
    routers=[api.router, subject_exports.router],
)


def create_app(settings: AnalyticsSettings | None = None) -> FastAPI:
    """The ASGI app (run with `uvicorn analytics.main:create_app --factory`)."""
    return service_app(SPEC, settings or load_settings(AnalyticsSettings))
