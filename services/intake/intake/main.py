"""Wiring only: settings → stores → consumers and API, run by the chassis."""

from complaint_contracts import IntakeEvent, topics
from complaints_chassis.runtime import Runtime, ServiceSpec, service_app
from complaints_chassis.settings import load_settings
from fastapi import FastAPI

from . import handlers
from .config import IntakeSettings


async def setup(runtime: Runtime) -> None:
    """Open the service's stores; what this returns is handed to handlers and the API."""
    return None


SPEC = ServiceSpec(
    name="intake",
    version="0.1.0",
    description="The public front door: filing, status and customer actions.",
    consumers=handlers.CONSUMERS,
    outputs={topics.INTAKE: IntakeEvent},
    setup=setup,
)


def create_app(settings: IntakeSettings | None = None) -> FastAPI:
    """The ASGI app (run with `uvicorn intake.main:create_app --factory`)."""
    return service_app(SPEC, settings or load_settings(IntakeSettings))
