"""A parked event retried by the backoff loop and by the retries a batch woke at the same moment applies once."""

import asyncio
from typing import Any

from complaint_contracts import ComplaintReceived
from complaints_chassis.consumer import BatchProcessor, EventConsumer, RetryPolicy
from complaints_chassis.metrics import ChassisMetrics
from complaints_chassis.parking import _document
from prometheus_client import CollectorRegistry

from tests.unit.chassis.test_early_events import NOW, DeadLetters, _received, _record


class SlowHandler:
    """Applies each event after a pause, long enough for a second retry of the same event to start meanwhile."""

    def __init__(self) -> None:
        self.applied: list[str] = []
        self.consumer = EventConsumer(group_id="parked-test")
        self.consumer.on(ComplaintReceived)(self.handle)

    async def handle(self, events: list[ComplaintReceived], deps: object) -> None:
        await asyncio.sleep(0.05)
        self.applied += [e.complaint_id for e in events]


class StoredParking:
    """The parking store's contract over a dict: retried documents leave, waiting ones count an attempt."""

    def __init__(self, docs: list[dict[str, Any]]) -> None:
        self.docs = {doc["_id"]: dict(doc) for doc in docs}

    async def still_parked(self, docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [d for d in docs if d["_id"] in self.docs and self.docs[d["_id"]]["attempts"] == d["attempts"]]

    async def done(self, docs: list[dict[str, Any]]) -> None:
        for doc in docs:
            self.docs.pop(doc["_id"], None)

    async def later(self, docs: list[dict[str, Any]]) -> None:
        for doc in docs:
            self.docs[doc["_id"]]["attempts"] += 1

    def expired(self, doc: dict[str, Any]) -> bool:
        return False

    def arrived(self, keys: Any) -> None:
        pass


async def test_two_retries_of_the_same_parked_event_at_once_apply_it_once() -> None:
    handler = SlowHandler()
    parked = [_document(_record(_received(f"c-parked{i:04d}", "On time"), i), "parked-test", "early", NOW)
              for i in range(3)]
    parking = StoredParking(parked)
    dead = DeadLetters()
    processor = BatchProcessor(handler.consumer, deps=None, dead_letters=dead,
                               metrics=ChassisMetrics(CollectorRegistry()), retry=RetryPolicy(attempts=1),
                               parking=parking)  # type: ignore[arg-type]

    # Both read the same documents before either retried them: the backoff loop's round and the woken retries.
    await asyncio.gather(processor.retry_parked([dict(d) for d in parked]),
                         processor.retry_parked([dict(d) for d in parked[1:]]))

    assert sorted(handler.applied) == [f"c-parked{i:04d}" for i in range(3)]
    assert parking.docs == {} and dead.sent == []
