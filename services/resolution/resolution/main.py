"""Wiring only: settings → stores → consumers and API, run by the chassis."""

from complaint_contracts import ResolutionEvent, topics
from complaints_chassis.runtime import Runtime, ServiceSpec, service_app
from complaints_chassis.settings import load_settings
from fastapi import FastAPI

from . import handlers
from .config import ResolutionSettings


async def setup(runtime: Runtime) -> None:
    """Open the service's stores; what this returns is handed to handlers and the API."""
    return None


SPEC = ServiceSpec(
    name="resolution",
    version="0.1.0",
    description="The case, the staff API and the clocks.",
    consumers=handlers.CONSUMERS,
    outputs={topics.RESOLUTION: ResolutionEvent},
    setup=setup,
)


def create_app(settings: ResolutionSettings | None = None) -> FastAPI:
    """The ASGI app (run with `uvicorn resolution.main:create_app --factory`)."""
    return service_app(SPEC, settings or load_settings(ResolutionSettings))
