"""Parking for events that arrive before what they depend on (cross-topic order is not guaranteed).

Retrying such an event inside its batch would block the very consumer that is to deliver the prerequisite
(a service reads all its topics in one consumer). So the event is parked in the service's own database — it is
stored, so its offset may be committed — and a background loop retries parked events until they apply, turn out
to be permanently bad (dead-lettered), or wait longer than `max_age` (dead-lettered with that reason).
"""

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

import structlog
from aiokafka import ConsumerRecord
from bson import Binary
from pymongo import ASCENDING, InsertOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import BulkWriteError

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


class Parking:
    def __init__(self, collection: AsyncCollection, group: str, *, clock: Now,
                 retry_seconds: float, max_age: timedelta) -> None:
        self.collection = collection
        self.group = group
        self._clock = clock
        self._retry = retry_seconds
        self.max_age = max_age

    async def ensure_indexes(self) -> None:
        await self.collection.create_index([("group", ASCENDING), ("next_attempt_at", ASCENDING)],
                                           name="parked_due")

    async def park(self, parked: Sequence[tuple[ConsumerRecord, str]]) -> None:
        """Store records with why they wait; parking the same record twice (a redelivery) keeps the first."""
        if not parked:
            return
        now = self._clock()
        try:
            await self.collection.bulk_write([InsertOne(_document(r, self.group, why, now)) for r, why in parked],
                                             ordered=False)
        except BulkWriteError as exc:
            duplicates_only(exc)

    async def due(self, limit: int = 500) -> list[dict[str, Any]]:
        cursor = self.collection.find({"group": self.group, "next_attempt_at": {"$lte": self._clock()}})
        docs = await cursor.sort([("parked_at", ASCENDING), ("_id", ASCENDING)]).limit(limit).to_list()
        # Retried in the order they were consumed: offsets compared as numbers (in `_id` they are text).
        return sorted(docs, key=lambda d: (d["parked_at"], d["topic"], d["partition"], d["offset"]))

    async def done(self, docs: Sequence[dict[str, Any]]) -> None:
        if docs:
            await self.collection.delete_many({"_id": {"$in": [d["_id"] for d in docs]}})

    async def later(self, docs: Sequence[dict[str, Any]]) -> None:
        """Still waiting: back off (doubling, at most a minute) before the next try."""
        now = self._clock()
        for doc in docs:
            delay = min(self._retry * 2 ** doc["attempts"], 60.0)
            await self.collection.update_one({"_id": doc["_id"]}, {
                "$set": {"next_attempt_at": now + timedelta(seconds=delay)}, "$inc": {"attempts": 1}})

    def expired(self, doc: dict[str, Any]) -> bool:
        return self._clock() - doc["parked_at"] > self.max_age

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
