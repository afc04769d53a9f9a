"""Parking for events that arrive before what they depend on (cross-topic order is not guaranteed).

Retrying such an event inside its batch would block the very consumer that is to deliver the prerequisite
(a service reads all its topics in one consumer). So the event is parked in the service's own database — it is
stored, so its offset may be committed — and retried until it applies, turns out to be permanently bad
(dead-lettered), or waits longer than `max_age` (dead-lettered with that reason).

Retried when: an event with the same Kafka key (every topic is keyed by complaint id, so: another event of the same
complaint) has been applied by this instance — what it waits for has most likely just come (`arrived`); the
consumer itself retries those after its batch (`take_woken`), so they never race its own writes to the same cases.
And, as a safety net for what no such event wakes (parked by an instance that stopped, or waiting on something
else), by a leased loop on a backoff. Without the wake-up, every parked event was retried on the backoff alone, in a
task beside the consumer: under a backlog thousands of them, each costing a read and a write every few seconds and
colliding with the consumer's writes to the same cases and workloads, slowed the very consumer that was to deliver
their prerequisites.
"""

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

import structlog
from aiokafka import ConsumerRecord
from bson import Binary
from pymongo import ASCENDING, InsertOne, UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import BulkWriteError

from .among import delete_among, find_among, update_among
from .bulk import duplicates_only
from .clock import Now

log = structlog.get_logger(__name__)


class Deferred(Exception):
    """The event cannot be applied *yet*: it needs another event not seen so far. Park it and retry later.

    `waiting` names the events of the run that must wait (by event id): the chassis then parks those and applies
    the rest of the run in one call, instead of trying every event of the run alone to find the early ones.
    """

    def __init__(self, reason: str, *, waiting: Iterable[object] = ()) -> None:
        super().__init__(reason)
        self.waiting = frozenset(str(event_id) for event_id in waiting)


def _document(record: ConsumerRecord, group: str, reason: str, now: datetime) -> dict[str, Any]:
    return {"_id": f"{group}/{record.topic}/{record.partition}/{record.offset}", "group": group,
            "topic": record.topic, "partition": record.partition, "offset": record.offset,
            "key": Binary(record.key) if record.key is not None else None, "value": Binary(record.value or b""),
            "headers": [[k, Binary(v)] for k, v in record.headers or ()], "reason": reason[:500],
            "parked_at": now, "attempts": 0, "next_attempt_at": now}


def as_record(doc: dict[str, Any]) -> ConsumerRecord:
    """A parked document as the ConsumerRecord it came from (so dead-lettering keeps its origin)."""
    return ConsumerRecord(topic=doc["topic"], partition=doc["partition"], offset=doc["offset"], timestamp=0,
                          timestamp_type=0, key=bytes(doc["key"]) if doc["key"] is not None else None,
                          value=bytes(doc["value"]), checksum=None, serialized_key_size=0, serialized_value_size=0,
                          headers=[(k, bytes(v)) for k, v in doc["headers"]])


RETRIED_AT_ONCE = 500
CLAIM_SECONDS = 300.0
"""How long a retry's claim on parked events holds if its process stops before it is done with them (a retry
takes well under a second; one stopped leaves its events to wait this long)."""


def _consumed_order(doc: dict[str, Any]) -> tuple[Any, ...]:
    # Retried in the order they were consumed: offsets compared as numbers (in `_id` they are text).
    return doc["parked_at"], doc["topic"], doc["partition"], doc["offset"]


class Parking:
    def __init__(self, collection: AsyncCollection, group: str, *, clock: Now,
                 retry_seconds: float, max_age: timedelta) -> None:
        self.collection = collection
        self.group = group
        self._clock = clock
        self._retry = retry_seconds
        self.max_age = max_age
        self._by_key: dict[bytes | None, set[str]] = {}
        """Ids of the parked documents this instance knows of, by Kafka key (what it parked or found at start)."""
        self._key_of: dict[str, bytes | None] = {}
        self._woken: set[str] = set()

    async def ensure_indexes(self) -> None:
        await self.collection.create_index([("group", ASCENDING), ("next_attempt_at", ASCENDING)],
                                           name="parked_due")

    async def load(self) -> None:
        """Learn which events are parked already (by earlier runs or other instances), so that they are woken too."""
        async for doc in self.collection.find({"group": self.group}, {"key": 1}):
            self._know(doc)

    def _know(self, doc: dict[str, Any]) -> None:
        key = bytes(doc["key"]) if doc["key"] is not None else None
        self._by_key.setdefault(key, set()).add(doc["_id"])
        self._key_of[doc["_id"]] = key

    def _forget(self, doc_ids: set[str]) -> None:
        for doc_id in doc_ids & self._key_of.keys():
            key = self._key_of.pop(doc_id)
            self._by_key[key].discard(doc_id)
            if not self._by_key[key]:
                del self._by_key[key]

    def arrived(self, keys: Iterable[bytes | None]) -> None:
        """Events with these keys were applied: wake the events parked under the same keys."""
        woken = set().union(*(self._by_key.get(key, ()) for key in set(keys))) if self._by_key else set()
        self._woken |= woken

    async def park(self, parked: Sequence[tuple[ConsumerRecord, str]]) -> None:
        """Store records with why they wait; parking the same record twice (a redelivery) keeps the first."""
        if not parked:
            return
        now = self._clock()
        docs = [_document(r, self.group, why, now) for r, why in parked]
        try:
            await self.collection.bulk_write([InsertOne(doc) for doc in docs], ordered=False)
        except BulkWriteError as exc:
            duplicates_only(exc)
        for doc in docs:
            self._know(doc)

    async def due(self, limit: int = RETRIED_AT_ONCE) -> list[dict[str, Any]]:
        cursor = self.collection.find({"group": self.group, "next_attempt_at": {"$lte": self._clock()}})
        docs = await cursor.sort([("parked_at", ASCENDING), ("_id", ASCENDING)]).limit(limit).to_list()
        return sorted(docs, key=_consumed_order)

    async def claim(self, docs: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """Claim those of `docs` that are still parked and that no other retry holds, for one retry: its claim
        lasts until it is done with them (`done`, `later`), or CLAIM_SECONDS if its process stopped meanwhile.
        Two retries of one event at once, in this instance or another (the backoff loop's lease holder and the
        instance whose batch woke it), would apply it twice, and a handler's own check for what it applied
        already cannot see a write the other has not made yet."""
        if not docs:
            return []
        now, token = self._clock(), uuid.uuid4().hex
        ids = [doc["_id"] for doc in docs]
        free = {"$or": [{"claimed_until": None}, {"claimed_until": {"$lte": now}}]}
        await update_among(self.collection, "_id", ids, {"$set": {
            "claim": token, "claimed_until": now + timedelta(seconds=CLAIM_SECONDS)}}, query=free)
        claimed = {doc["_id"]: doc["attempts"] for doc in await find_among(
            self.collection, "_id", ids, query={"claim": token}, projection={"attempts": 1})}
        # The attempts as stored: a retry that ended since these were read counted one more.
        return [doc | {"attempts": claimed[doc["_id"]]} for doc in docs if doc["_id"] in claimed]

    async def release(self, docs: Sequence[dict[str, Any]]) -> None:
        """Give up the claim on documents a retry could not finish (they wait for the next retry as they were)."""
        if docs:
            await update_among(self.collection, "_id", [d["_id"] for d in docs],
                               {"$unset": {"claim": "", "claimed_until": ""}})

    async def done(self, docs: Sequence[dict[str, Any]]) -> None:
        if docs:
            await delete_among(self.collection, "_id", [d["_id"] for d in docs])
            self._forget({d["_id"] for d in docs})

    async def later(self, docs: Sequence[dict[str, Any]]) -> None:
        """Still waiting: back off (doubling, at most a minute) before the next try (one write for all)."""
        if not docs:
            return
        now = self._clock()
        await self.collection.bulk_write([UpdateOne({"_id": doc["_id"]}, {
            "$set": {"next_attempt_at": now + timedelta(seconds=min(self._retry * 2 ** doc["attempts"], 60.0))},
            "$inc": {"attempts": 1}, "$unset": {"claim": "", "claimed_until": ""}}) for doc in docs], ordered=False)

    def expired(self, doc: dict[str, Any]) -> bool:
        return self._clock() - doc["parked_at"] > self.max_age

    async def take_woken(self) -> list[dict[str, Any]]:
        """The parked documents woken since the last call, in the order they were consumed (those retried and
        gone meanwhile, by the backoff loop, are forgotten)."""
        woken, self._woken = self._woken, set()
        ids = sorted(woken)
        docs = await find_among(self.collection, "_id", ids)
        self._forget(woken - {doc["_id"] for doc in docs})
        return sorted(docs, key=_consumed_order)

    async def run(self, retry: Callable[[list[dict[str, Any]]], Awaitable[None]]) -> None:
        """The background loop: hand due parked documents to `retry` (the consumer decides their fate)."""
        while True:
            try:
                docs = await self.due()
                if docs:
                    await retry(docs)
            except asyncio.CancelledError:
                raise
            except Exception:  # the store or broker is away: the documents stay parked, try again shortly
                log.exception("retrying parked events failed; will try again", group=self.group)
            await asyncio.sleep(self._retry)
