"""Wiring only: settings → stores → consumers, run by the chassis."""

from complaint_contracts import NotificationEvent, topics
from complaints_chassis.runtime import Runtime, ServiceSpec, service_app
from complaints_chassis.settings import load_settings
from fastapi import FastAPI

from . import handlers
from .config import NotificationSettings
from .metrics import NotificationMetrics
from .store import MongoNotificationStore
from .wiring import NotificationDeps, build_deps


async def setup(runtime: Runtime) -> NotificationDeps:
    """Open the delivery log and facts, relay the log's outbox, and build the channels."""
    assert isinstance(runtime.settings, NotificationSettings)
    store = MongoNotificationStore(runtime.db)
    await store.ensure_indexes()
    relay = await runtime.use_outbox(store.deliveries)
    return build_deps(runtime.settings, store=store, metrics=NotificationMetrics(runtime.registry), clock=runtime.clock,
                      wake_relay=relay.notify)


async def shutdown(deps: NotificationDeps) -> None:
    await deps.close()


SPEC = ServiceSpec(
    name="notification",
    version="0.1.0",
    description="Every message to customers and staff, exactly once.",
    consumers=handlers.CONSUMERS,
    outputs={topics.NOTIFICATION: NotificationEvent},
    setup=setup,
    on_shutdown=shutdown,
)


def create_app(settings: NotificationSettings | None = None) -> FastAPI:
    """The ASGI app (run with `uvicorn notification.main:create_app --factory`)."""
    return service_app(SPEC, settings or load_settings(NotificationSettings))
