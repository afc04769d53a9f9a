"""Wiring only: settings → stores → consumers and API, run by the chassis."""

from complaint_contracts import RoutingEvent, topics
from complaints_chassis.runtime import Runtime, ServiceSpec, service_app
from complaints_chassis.settings import load_settings
from fastapi import FastAPI

from . import handlers
from .config import RoutingSettings


async def setup(runtime: Runtime) -> None:
    """Open the service's stores; what this returns is handed to handlers and the API."""
    return None


SPEC = ServiceSpec(
    name="routing",
    version="0.1.0",
    description="Initial assessment, objective assignment and deadlines.",
    consumers=handlers.CONSUMERS,
    outputs={topics.ROUTING: RoutingEvent},
    setup=setup,
)


def create_app(settings: RoutingSettings | None = None) -> FastAPI:
    """The ASGI app (run with `uvicorn routing.main:create_app --factory`)."""
    return service_app(SPEC, settings or load_settings(RoutingSettings))
