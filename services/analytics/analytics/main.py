"""Wiring only: settings → stores → consumers and API, run by the chassis."""

from complaint_contracts import AnalyticsEvent, topics
from complaints_calendar import load_calendars
from complaints_chassis.runtime import Runtime, ServiceSpec, service_app
from complaints_chassis.settings import load_settings
from fastapi import FastAPI

from . import api, handlers
from .config import AnalyticsSettings
from .deps import AnalyticsDeps
from .metrics import BusinessMetrics
from .service import AnalyticsService
from .store import MongoFactStore


async def setup(runtime: Runtime) -> AnalyticsDeps:
    """Open the facts store, the systemic-issue outbox and the background loops."""
    settings = runtime.settings
    assert isinstance(settings, AnalyticsSettings)
    store = MongoFactStore(runtime.db)
    await store.ensure_indexes()
    relay = await runtime.use_outbox(store.systemic)
    service = AnalyticsService(store=store, clock=runtime.clock, notify=relay.notify,
                               metrics=BusinessMetrics(runtime.registry), detection=settings.detection(),
                               systemic_interval_seconds=settings.systemic_interval_seconds,
                               metrics_interval_seconds=settings.metrics_interval_seconds)
    runtime.background += [service.run_systemic_detection, service.run_metrics_refresh]
    return AnalyticsDeps(service=service, store=store, calendars=load_calendars(), settings=settings)


SPEC = ServiceSpec(
    name="analytics",
    version="0.1.0",
    description="KPIs, regulatory returns, systemic issues.",
    consumers=handlers.CONSUMERS,
    outputs={topics.ANALYTICS: AnalyticsEvent},
    setup=setup,
    routers=[api.router],
)


def create_app(settings: AnalyticsSettings | None = None) -> FastAPI:
    """The ASGI app (run with `uvicorn analytics.main:create_app --factory`)."""
    return service_app(SPEC, settings or load_settings(AnalyticsSettings))
