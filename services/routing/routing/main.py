"""Wiring only: settings → rules, stores → consumers and API, run by the chassis."""

from complaint_contracts import RoutingEvent, topics
from complaints_calendar import load_calendars
from complaints_chassis.runtime import Runtime, ServiceSpec, service_app
from complaints_chassis.settings import load_settings
from fastapi import FastAPI

from . import api, handlers
from .active_rules import ActiveRules
from .config import RoutingSettings
from .deps import RoutingDeps
from .metrics import RoutingMetrics
from .reloading import watch_rules_files
from .service import RoutingService
from .store import MongoRoutingStore


async def setup(runtime: Runtime) -> RoutingDeps:
    """Load the rules (a bad file stops start-up naming its line), open the store, the relay and the service."""
    settings: RoutingSettings = runtime.settings  # type: ignore[assignment]
    rules = ActiveRules(rules_file=settings.rules_file, teams_file=settings.teams_file, clock=runtime.clock)
    calendars = load_calendars(directory=settings.calendar_dir)
    metrics = RoutingMetrics(runtime.registry)
    metrics.loaded_at.set(rules.current.loaded_at.timestamp())
    store = MongoRoutingStore(runtime.db)
    await store.ensure_indexes()
    relay = await runtime.use_outbox(store.decision_docs)
    service = RoutingService(store=store, rules=rules, calendars=calendars, clock=runtime.clock, notify=relay.notify,
                             metrics=metrics, fingerprint_key=settings.fingerprint_key.get_secret_value().encode())
    if settings.rules_watch_seconds > 0:
        async def watch() -> None:
            await watch_rules_files(rules=rules, metrics=metrics, interval_seconds=settings.rules_watch_seconds)

        runtime.background.append(watch)
    return RoutingDeps(service=service, rules=rules, store=store, metrics=metrics)


SPEC = ServiceSpec(
    name="routing",
    version="0.1.0",
    description="Initial assessment, objective assignment and deadlines.",
    consumers=handlers.CONSUMERS,
    outputs={topics.ROUTING: RoutingEvent},
    setup=setup,
    routers=[api.router],
)


def create_app(settings: RoutingSettings | None = None) -> FastAPI:
    """The ASGI app (run with `uvicorn routing.main:create_app --factory`)."""
    return service_app(SPEC, settings or load_settings(RoutingSettings))
