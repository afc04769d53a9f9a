"""Wiring only: settings → stores → consumers and API, run by the chassis."""

from complaint_contracts import ResolutionEvent, topics
from complaints_calendar import load_calendars
from complaints_chassis.runtime import Runtime, ServiceSpec, service_app
from complaints_chassis.settings import load_settings
from fastapi import FastAPI

from . import api, handlers
from .config import ResolutionSettings
from .deps import ResolutionDeps
from .metrics import ResolutionMetrics
from .scheduler import DeadlineScanner
from .service import ResolutionService
from .store import MongoCaseStore


async def setup(runtime: Runtime) -> ResolutionDeps:
    """Open the case store, its outbox relay, the service and the deadline scan loop."""
    settings: ResolutionSettings = runtime.settings  # type: ignore[assignment]
    store = MongoCaseStore(runtime.db)
    await store.ensure_indexes()
    relay = await runtime.use_outbox(store.cases, store.workloads)
    clock = runtime.clock
    service = ResolutionService(store=store, clock=clock, policy=settings.policy(), notify=relay.notify,
                                calendar=load_calendars().for_jurisdiction(settings.calendar_jurisdiction),
                                metrics=ResolutionMetrics(runtime.registry))
    scanner = DeadlineScanner(service, batch_size=settings.scan_batch_size)

    async def deadline_scan() -> None:
        await scanner.run(settings.scan_interval_seconds)

    runtime.background.append(deadline_scan)
    return ResolutionDeps(service=service, clock=clock, scanner=scanner,
                          allow_clock_control=settings.allow_clock_control)


SPEC = ServiceSpec(
    name="resolution",
    version="0.1.0",
    description="The case, the staff API and the clocks.",
    consumers=handlers.CONSUMERS,
    outputs={topics.RESOLUTION: ResolutionEvent},
    setup=setup,
    routers=[api.router],
)


def create_app(settings: ResolutionSettings | None = None) -> FastAPI:
    """The ASGI app (run with `uvicorn resolution.main:create_app --factory`)."""
    return service_app(SPEC, settings or load_settings(ResolutionSettings))
