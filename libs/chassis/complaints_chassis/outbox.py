"""Transactional outbox kept inside the aggregate's own document.

A state change and the events it must publish are written in one single-document update (atomic on any MongoDB,
no replica set or transaction needed). The relay publishes pending entries in order, then pulls them. A crash
between publishing and pulling publishes them again, which idempotent consumers absorb; nothing is lost.

With several instances of a service, each relay publishes the entries its own process queued (every entry names
the process, `by`), so two instances never race for the same entries; what a stopped or crashed process left
behind is swept, once it is older than `orphan_after_seconds`, by the one instance holding the sweep's lease.
"""

import asyncio
import contextlib
import time
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import structlog
from bson import Binary
from complaint_contracts import Event, KafkaRecord
from complaint_contracts.kafka_binding import PersonalData
from pymongo import ASCENDING
from pymongo.asynchronous.collection import AsyncCollection

from .bulk import take_entries
from .metrics import ChassisMetrics
from .publishing import OutgoingRecord, RecordSender, outgoing

log = structlog.get_logger(__name__)

INSTANCE = uuid.uuid4().hex[:12]
"""This process, as the writer of the outbox entries it queues."""
PENDING = "_outbox"
"""Array of encoded records waiting to be published."""
HAS_PENDING = "_outbox_pending"
"""Indexed flag: true while the document has entries to publish."""


def event_entry(event: Event, personal: PersonalData | None = None) -> dict[str, Any]:
    """An entry for an event, under its id; `personal` seals its personal fields."""
    return record_entry(str(event.id), outgoing(event, personal))


def record_entry(entry_id: str, out: OutgoingRecord) -> dict[str, Any]:
    """An outbox entry for an already-encoded record (e.g. a copy bound for a dead-letter topic)."""
    return {"id": entry_id, "topic": out.topic, "key": Binary(out.record.key) if out.record.key else None,
            "value": Binary(out.record.value), "headers": [[k, Binary(v)] for k, v in out.record.headers],
            "stored_at": datetime.now(UTC), "by": INSTANCE}


def with_events(update: dict[str, Any], events: Iterable[Event],
                personal: PersonalData | None = None) -> dict[str, Any]:
    """Merge "queue these events" into a MongoDB update document (returns a new one); `personal` seals their
    personal fields (see `personal_data.sealing`)."""
    entries = [event_entry(e, personal) for e in events]
    if not entries:
        return update
    merged = {op: dict(body) for op, body in update.items()}
    merged.setdefault("$push", {})[PENDING] = {"$each": entries}
    merged.setdefault("$set", {})[HAS_PENDING] = True
    return merged


def new_document(document: dict[str, Any], events: Iterable[Event],
                 records: Iterable[tuple[str, OutgoingRecord]] = (),
                 personal: PersonalData | None = None) -> dict[str, Any]:
    """A document to insert, carrying its first events (and any extra encoded records, by entry id); `personal`
    seals the events' personal fields."""
    entries = [event_entry(e, personal) for e in events] + [record_entry(entry_id, out) for entry_id, out in records]
    return {**document, PENDING: entries, HAS_PENDING: bool(entries)}


async def ensure_outbox_index(collection: AsyncCollection) -> None:
    await collection.create_index([(HAS_PENDING, ASCENDING)], name="outbox_pending")


def entry_record(entry: dict[str, Any]) -> OutgoingRecord:
    """The record an outbox entry holds, ready to send again."""
    return OutgoingRecord(topic=entry["topic"], record=KafkaRecord(
        key=bytes(entry["key"]) if entry.get("key") is not None else None, value=bytes(entry["value"]),
        headers=[(k, bytes(v)) for k, v in entry["headers"]]))


class OutboxRelay:
    """Publishes what the given collections' documents queued; woken by `notify()` or every idle interval."""

    def __init__(self, collections: Sequence[AsyncCollection], publisher: RecordSender, metrics: ChassisMetrics,
                 *, batch_size: int = 500, idle_seconds: float = 0.5, age_every_seconds: float = 10.0,
                 orphan_after_seconds: float = 5.0) -> None:
        self._collections = collections
        self._orphan_after = orphan_after_seconds
        self._publisher = publisher
        self._metrics = metrics
        self._batch_size = batch_size
        self._idle = idle_seconds
        self._age_every = age_every_seconds
        self._age_measured_at = -age_every_seconds
        self._wake = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None

    def notify(self) -> None:
        """Something was queued: publish it now rather than at the next poll."""
        self._wake.set()

    async def drain_once(self, *, orphans: bool = False) -> int:
        """Publish one round of this process's pending events from every collection (or, with `orphans`, of
        entries no process published within `orphan_after_seconds`); return how many."""
        published = 0
        for collection in self._collections:
            if orphans:
                older = datetime.now(UTC) - timedelta(seconds=self._orphan_after)
                wanted = {HAS_PENDING: True, f"{PENDING}.stored_at": {"$lt": older}}
            else:
                wanted = {HAS_PENDING: True, f"{PENDING}.by": INSTANCE}
            docs = await collection.find(wanted, {PENDING: 1}).limit(self._batch_size).to_list()
            if not orphans:
                self._metrics.outbox_pending.set(len(docs))
            if not docs:
                continue
            await self._publisher.send([entry_record(e) for d in docs for e in d[PENDING]])
            await take_entries(collection, {d["_id"]: d[PENDING] for d in docs}, array=PENDING, flag=HAS_PENDING,
                               key="id")
            count = sum(len(d[PENDING]) for d in docs)
            self._metrics.outbox_published.inc(count)
            published += count
        return published

    async def oldest_pending_age(self) -> float:
        """Seconds the oldest entry still waiting to be published has waited (0 when none waits); kept in a gauge.

        Sorting on an array field orders documents by its smallest element, so the first pending document holds the
        oldest entry. Only pending documents are read (indexed flag), and the relay asks only every
        `age_every_seconds`, so a backlog costs little.
        """
        stamps: list[datetime] = []
        for collection in self._collections:
            docs = await (collection.find({HAS_PENDING: True}, {f"{PENDING}.stored_at": 1})
                          .sort(f"{PENDING}.stored_at", ASCENDING).limit(1).to_list())
            stamps += [entry["stored_at"] for doc in docs for entry in doc.get(PENDING, []) if "stored_at" in entry]
        # A client that is not tz_aware reads the stored UTC time as naive.
        oldest = min((s if s.tzinfo else s.replace(tzinfo=UTC) for s in stamps), default=None)
        age = max((datetime.now(UTC) - oldest).total_seconds(), 0.0) if oldest is not None else 0.0
        self._metrics.outbox_oldest_pending_age.set(age)
        return age

    async def _measure_age_now_and_then(self) -> None:
        if time.monotonic() - self._age_measured_at < self._age_every:
            return
        self._age_measured_at = time.monotonic()
        try:
            await self.oldest_pending_age()
        except Exception as exc:  # the store is away: the relay round reports that; the gauge keeps its last value
            log.warning("could not measure the outbox's oldest pending entry", error_class=type(exc).__name__)

    async def flush(self) -> None:
        """Publish until nothing is pending (used on shutdown)."""
        while await self.drain_once():
            pass

    async def _run(self) -> None:
        while not self._stopping:
            await self._measure_age_now_and_then()
            try:
                if await self.drain_once():
                    continue
            except asyncio.CancelledError:
                raise
            except Exception:  # broker or store unavailable: keep the entries and try again shortly
                log.exception("outbox relay round failed; retrying")
                if self._stopping:
                    break  # the entries stay stored; the next start publishes them
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._idle)
            self._wake.clear()

    async def sweep(self) -> None:
        """Publish what stopped or crashed processes left queued (run by one instance at a time, under a lease)."""
        while True:
            try:
                while await self.drain_once(orphans=True):
                    pass
            except asyncio.CancelledError:
                raise
            except Exception:  # broker or store unavailable: the entries stay; the next round tries again
                log.exception("outbox sweep round failed; retrying")
            await asyncio.sleep(self._orphan_after / 2)

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="outbox-relay")

    async def stop(self) -> None:
        """Let the current round finish (cancelling it between publishing and pulling would publish its entries
        twice), then flush what is left."""
        if self._task is not None:
            self._stopping = True
            self._wake.set()
            await self._task
            self._task = None
        await self.flush()
