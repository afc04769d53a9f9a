from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from fastapi import FastAPI
from notification.adapters.channels import FakeNotifier
from notification.adapters.rendering import TemplateRenderer
from notification.deps import NotificationDeps
from notification.domain.selection import DeliveryChannel
from notification.entrypoints.shutdown import DRAIN_SHARE, stop_deliveries_first
from notification.service import NotificationService
from notification.usecases.stopping import DeliveryStop

from tests.unit.notification.builders import CALENDARS
from tests.unit.notification.fakes import FakeNotificationStore, FakeOutcomePublisher, ForgettingKeys, RecordingCounter


class RecordingStop(DeliveryStop):
    def __init__(self) -> None:
        super().__init__()
        self.drains: list[float] = []

    def stop(self, *, drain_seconds: float) -> None:
        self.drains.append(drain_seconds)
        super().stop(drain_seconds=drain_seconds)


async def test_shutdown_stops_the_deliveries_before_the_chassis_waits_for_batches(links, directory):
    stopping = RecordingStop()
    counter = RecordingCounter()
    store = FakeNotificationStore()
    service = NotificationService(store=store, notifiers={DeliveryChannel.EMAIL: FakeNotifier()},
                                  renderer=TemplateRenderer(), links=links, directory=directory,
                                  clock=lambda: datetime(2026, 3, 9, tzinfo=UTC), metrics=counter,
                                  outcomes=FakeOutcomePublisher(store), keys=ForgettingKeys(), stopping=stopping,
                                  calendars=CALENDARS)
    stopped_when_the_chassis_began: list[bool] = []

    @asynccontextmanager
    async def chassis_lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.deps = NotificationDeps(service=service, notifiers={})
        yield
        stopped_when_the_chassis_began.append(stopping.stopping)

    app = FastAPI(lifespan=chassis_lifespan)
    stop_deliveries_first(app, graceful_timeout_seconds=15.0)

    async with app.router.lifespan_context(app):
        assert not stopping.stopping

    assert stopped_when_the_chassis_began == [True]
    assert stopping.drains == [15.0 * DRAIN_SHARE] and 0 < DRAIN_SHARE < 1
