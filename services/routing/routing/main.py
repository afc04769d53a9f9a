"""Wiring only: settings → rules, store, service → consumers, API and rules watcher, run by the chassis."""

from functools import partial

from complaint_contracts import RoutingEvent, topics
from complaints_calendar import load_calendars
from complaints_chassis.caused import CausedPublisher
from complaints_chassis.personal_data import Opener, key_ring
from complaints_chassis.runtime import Runtime, ServiceSpec, service_app
from complaints_chassis.settings import load_settings
from fastapi import FastAPI

from .adapters.learning_store import MongoLearningStore
from .adapters.metrics import RoutingMetrics
from .adapters.personal_data import MongoPersonalData
from .adapters.rules_files import ActiveRules
from .adapters.store import MongoRoutingStore
from .config import RoutingSettings
from .deps import RoutingDeps
from .domain.language import prepare_languages
from .entrypoints import api, handlers, subject_exports
from .entrypoints.rules_watcher import watch_rules_files
from .privacy import RoutingPrivacy
from .service import RoutingService


async def setup(runtime: Runtime[RoutingSettings]) -> RoutingDeps:
    """Load the rules (a bad file stops start-up naming its line), open the store, the relay and the service."""
    settings = runtime.settings
    # Triage reads the complaint's words: the consumer opens each batch's sealed values with keys read through
    # this ring, which an erasure tells to forget at once.
    ring = key_ring(settings)
    runtime.opener = Opener(ring)
    calendars = load_calendars(directory=settings.calendar_dir)
    prepare_languages()
    rules = ActiveRules(rules_file=settings.rules_file, teams_file=settings.teams_file, calendars=calendars,
                        clock=runtime.clock,
                        model_dir=settings.triage_model_dir if settings.triage_model_enabled else None)
    store = MongoRoutingStore(runtime.db)
    await store.ensure_indexes()
    learning = MongoLearningStore(runtime.db, text_days=settings.learning_window_days,
                                  example_days=settings.kept_example_days)
    await learning.ensure_indexes()
    personal_data = MongoPersonalData(store=store, learning=learning)
    await personal_data.ensure_indexes()
    relay = await runtime.use_outbox(store.decision_docs)
    service = RoutingService(store=store, learning=learning, rules=rules, clock=runtime.clock, notify=relay.notify,
                             decided=CausedPublisher(store.decision_docs, await runtime.record_sender()),
                             metrics=RoutingMetrics(runtime.registry),
                             fingerprint_key=settings.fingerprint_key.get_secret_value().encode())
    if settings.rules_watch_seconds > 0:
        runtime.background.append(partial(watch_rules_files, service=service,
                                          interval_seconds=settings.rules_watch_seconds))
    return RoutingDeps(service=service, privacy=RoutingPrivacy(store=personal_data, forget=ring.forget))


SPEC: ServiceSpec[RoutingSettings, RoutingDeps] = ServiceSpec(
    name="routing",
    version="0.1.0",
    description="Initial assessment, objective assignment and deadlines.",
    consumers=handlers.CONSUMERS,
    outputs={topics.ROUTING: RoutingEvent},
    setup=setup,
    routers=[api.router, subject_exports.router],
)


def create_app(settings: RoutingSettings | None = None) -> FastAPI:
    """The ASGI app (run with `uvicorn routing.main:create_app --factory`)."""
    return service_app(SPEC, settings or load_settings(RoutingSettings))
