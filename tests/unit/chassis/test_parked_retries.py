"""A parked event retried by the backoff loop and by the retries a batch woke at the same moment applies once; a
retry that fails leaves it to the next one."""

import asyncio
from typing import Any

import pytest
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

    async def claim(self, docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        free = [d for d in docs if d["_id"] in self.docs and not self.docs[d["_id"]].get("claimed")]
        for doc in free:
            self.docs[doc["_id"]]["claimed"] = True
        return free

    async def release(self, docs: list[dict[str, Any]]) -> None:
        for doc in docs:
            self.docs[doc["_id"]]["claimed"] = False

    async def done(self, docs: list[dict[str, Any]]) -> None:
        for doc in docs:
            self.docs.pop(doc["_id"], None)

    async def later(self, docs: list[dict[str, Any]]) -> None:
        for doc in docs:
            self.docs[doc["_id"]] |= {"attempts": self.docs[doc["_id"]]["attempts"] + 1, "claimed": False}

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



class StoreAwayOnce(StoredParking):
    """The store goes away as the first retry records that its events applied."""

    def __init__(self, docs: list[dict[str, Any]]) -> None:
        super().__init__(docs)
        self.failures = 1

    async def done(self, docs: list[dict[str, Any]]) -> None:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("the store is away")
        await super().done(docs)


async def test_a_retry_that_fails_gives_its_claim_up_for_the_next_retry() -> None:
    handler = SlowHandler()
    parked = [_document(_record(_received("c-parked0001", "On time"), 1), "parked-test", "early", NOW)]
    parking = StoreAwayOnce(parked)
    processor = BatchProcessor(handler.consumer, deps=None, dead_letters=DeadLetters(),
                               metrics=ChassisMetrics(CollectorRegistry()), retry=RetryPolicy(attempts=1),
                               parking=parking)  # type: ignore[arg-type]
    with pytest.raises(ConnectionError):
        await processor.retry_parked([dict(d) for d in parked])
    assert parking.docs[parked[0]["_id"]]["claimed"] is False  # still parked, and free for the next retry

    await processor.retry_parked([dict(d) for d in parked])
    assert parking.docs == {}  # (applied twice: handlers are idempotent, as for any redelivery)
