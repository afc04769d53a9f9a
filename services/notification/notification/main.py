"""Wiring only: settings → store, channels, templates → the service, run by the chassis."""

from complaint_contracts import NotificationEvent, topics
from complaints_calendar import load_calendars
from complaints_chassis.caused import CausedPublisher, publish_left_in_outbox
from complaints_chassis.personal_data import Opener, key_ring
from complaints_chassis.runtime import Runtime, ServiceSpec, service_app
from complaints_chassis.settings import load_settings
from fastapi import FastAPI

from .adapters.channels import build_notifiers
from .adapters.legacy_facts import adopt_legacy_facts
from .adapters.metrics import MeteredNotifier, NotificationMetrics
from .adapters.outcome_publishing import StoredOutcomePublisher
from .adapters.rendering import TemplateRenderer
from .adapters.store import MongoNotificationStore
from .config import NotificationSettings
from .deps import NotificationDeps
from .entrypoints import api, handlers
from .entrypoints.shutdown import stop_deliveries_first
from .service import NotificationService
from .usecases.stopping import DeliveryStop


async def setup(runtime: Runtime[NotificationSettings]) -> NotificationDeps:
    """Open the delivery log and facts (adopting facts an earlier version stored, publishing what an earlier version
    left in the log's outbox), read keys to open personal data, the business calendars, build the channels."""
    settings = runtime.settings
    # Messages need the plaintext (the customer's name and address, an access code): the consumer opens each
    # batch's sealed values with keys read through this ring, which erasure tells to forget.
    ring = key_ring(settings)
    runtime.opener = Opener(ring)
    store = MongoNotificationStore(runtime.db)
    await store.ensure_indexes()
    await adopt_legacy_facts(store.facts)
    sender = await runtime.record_sender()
    await publish_left_in_outbox(store.deliveries, sender, runtime.metrics)
    metrics = NotificationMetrics(runtime.registry)
    stopping = DeliveryStop()
    notifiers = build_notifiers(settings, sleep=stopping.pause)
    # Outcomes are stored insert-only and published by the handler; a redelivered trigger publishes them again.
    outcomes = StoredOutcomePublisher(sender, again=CausedPublisher(store.outcomes, sender))
    service = NotificationService(
        store=store, notifiers={channel: MeteredNotifier(n, metrics) for channel, n in notifiers.items()},
        renderer=TemplateRenderer(settings.templates_dir), links=settings.links, directory=settings.staff_directory,
        clock=runtime.clock, metrics=metrics, outcomes=outcomes, keys=ring,
        calendars=load_calendars(directory=settings.calendar_dir), stopping=stopping)
    return NotificationDeps(service=service, notifiers=notifiers)


SPEC: ServiceSpec[NotificationSettings, NotificationDeps] = ServiceSpec(
    name="notification",
    version="0.1.0",
    description="Every message to customers and staff, exactly once.",
    consumers=handlers.CONSUMERS,
    outputs={topics.NOTIFICATION: NotificationEvent},
    setup=setup,
    routers=[api.router],
    on_shutdown=NotificationDeps.close,
)


def create_app(settings: NotificationSettings | None = None) -> FastAPI:
    """The ASGI app (run with `uvicorn notification.main:create_app --factory`)."""
    settings = settings or load_settings(NotificationSettings)
    app = service_app(SPEC, settings)
    return stop_deliveries_first(app, graceful_timeout_seconds=settings.graceful_timeout_seconds)
