"""Use cases of analytics: project events into facts, detect systemic issues, refresh business metrics."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

import structlog
from complaint_contracts.base import Event
from complaints_chassis.consumer import PermanentError

from .fact_updates import FactUpdate, merge_updates
from .metrics import BusinessMetrics
from .projections import fact_updates
from .store import FactFilter, MongoFactStore
from .systemic import DetectionSettings, detect_systemic_issues

log = structlog.get_logger(__name__)

Clock = Callable[[], datetime]


def updates_of(events: Sequence[Event]) -> list[FactUpdate]:
    """Return one merged update per complaint; an event the projection cannot read is a permanent error."""
    updates: list[FactUpdate] = []
    for event in events:
        try:
            updates += fact_updates(event)
        except (KeyError, TypeError, ValueError) as exc:  # a contract-valid event the projection cannot read
            raise PermanentError(f"cannot project {event.type}: {type(exc).__name__}") from exc
    return merge_updates(updates)


@dataclass
class AnalyticsService:
    store: MongoFactStore
    clock: Clock
    notify: Callable[[], None]
    metrics: BusinessMetrics
    detection: DetectionSettings
    systemic_interval_seconds: float
    metrics_interval_seconds: float

    async def project(self, events: Sequence[Event]) -> None:
        """Fold a run of events into the facts with one bulk write."""
        await self.store.apply(updates_of(events))

    async def detect_systemic_issues(self) -> int:
        """Test the facts for abnormal rises; store the episodes and queue each new issue once. Return how many."""
        now = self.clock()
        state, version = await self.store.systemic_state()
        facts = await self.store.find(FactFilter(received_from=now - self.detection.window - self.detection.baseline,
                                                 received_before=now))
        detected, new_state = detect_systemic_issues(facts=facts, now=now, state=state, settings=self.detection)
        if not await self.store.save_systemic_state(new_state, version=version, evaluated_at=now, detected=detected):
            return 0  # another instance evaluated concurrently; its result stands
        for issue in detected:
            self.metrics.systemic_issues.labels(dimension=issue.dimension).inc()
        if detected:
            self.notify()
        return len(detected)

    async def refresh_metrics(self) -> None:
        """Recompute the business metrics from the facts."""
        self.metrics.refresh(await self.store.find(FactFilter()), now=self.clock())

    async def run_systemic_detection(self) -> None:
        """Background loop: detect systemic issues every interval until cancelled."""
        await _every(self.systemic_interval_seconds, self.detect_systemic_issues, "systemic detection")

    async def run_metrics_refresh(self) -> None:
        """Background loop: refresh business metrics every interval until cancelled."""
        await _every(self.metrics_interval_seconds, self.refresh_metrics, "metrics refresh")


async def _every(seconds: float, action: Callable[[], Awaitable[object]], what: str) -> None:
    while True:
        try:
            await action()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the store may be briefly unavailable: try again next round
            log.warning("background round failed; retrying next round", loop=what, error_class=type(exc).__name__)
        await asyncio.sleep(seconds)
