"""Wiring only: settings → stores → consumers and API, run by the chassis."""

from complaint_contracts import AnalyticsEvent, topics
from complaints_chassis.runtime import Runtime, ServiceSpec, service_app
from complaints_chassis.settings import load_settings
from fastapi import FastAPI

from . import handlers
from .config import AnalyticsSettings


async def setup(runtime: Runtime) -> None:
    """Open the service's stores; what this returns is handed to handlers and the API."""
    return None


SPEC = ServiceSpec(
    name="analytics",
    version="0.1.0",
    description="KPIs, regulatory returns, systemic issues.",
    consumers=handlers.CONSUMERS,
    outputs={topics.ANALYTICS: AnalyticsEvent},
    setup=setup,
)


def create_app(settings: AnalyticsSettings | None = None) -> FastAPI:
    """The ASGI app (run with `uvicorn analytics.main:create_app --factory`)."""
    return service_app(SPEC, settings or load_settings(AnalyticsSettings))
