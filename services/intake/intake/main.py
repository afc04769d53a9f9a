"""Wiring only: settings → stores → consumers and API, run by the chassis."""

from complaint_contracts import IntakeEvent, topics
from complaints_chassis.runtime import Runtime, ServiceSpec, service_app
from complaints_chassis.settings import load_settings
from fastapi import FastAPI

from . import api, handlers
from .config import IntakeSettings
from .customer_service import CustomerService
from .deps import IntakeDeps
from .metrics import IntakeMetrics
from .rate_limits import RateLimiter
from .service import FilingService
from .store import MongoIntakeStore


async def setup(runtime: Runtime) -> IntakeDeps:
    """Open the service's stores; what this returns is handed to handlers and the API."""
    settings = runtime.settings
    assert isinstance(settings, IntakeSettings)
    store = MongoIntakeStore(runtime.db)
    await store.ensure_indexes()
    relay = await runtime.use_outbox(store.complaints)
    metrics = IntakeMetrics(runtime.registry)
    limits = settings.limits()
    return IntakeDeps(
        settings=settings, limits=limits, clock=runtime.clock, store=store, metrics=metrics,
        filing=FilingService(store=store, clock=runtime.clock, limits=limits, notify=relay.notify, metrics=metrics),
        customers=CustomerService(store=store, clock=runtime.clock, notify=relay.notify, metrics=metrics),
        requests=RateLimiter(per_minute=settings.requests_per_minute, max_clients=settings.rate_limit_clients),
        lookup_failures=RateLimiter(per_minute=settings.lookup_failures_per_minute,
                                    max_clients=settings.rate_limit_clients),
    )


SPEC = ServiceSpec(
    name="intake",
    version="0.1.0",
    description="The public front door: filing, status and customer actions.",
    consumers=handlers.CONSUMERS,
    outputs={topics.INTAKE: IntakeEvent},
    setup=setup,
    routers=[api.router],
)


def create_app(settings: IntakeSettings | None = None) -> FastAPI:
    """The ASGI app (run with `uvicorn intake.main:create_app --factory`)."""
    return service_app(SPEC, settings or load_settings(IntakeSettings))
