"""Recovering from a broker that lost its topics (the embedded broker keeps everything in memory).

Apache Kafka keeps what it acknowledged; the embedded broker forgets every topic and record when it restarts. The
services then see missing topics, and the events their outboxes had already published are gone. Two parts:

- `PublishedLog`: when `outbox_keep_published_seconds` > 0 (the embedded stack sets it), every record the outbox
  relay publishes is first inserted into `_published` (insert-only, batched per relay round; pruned after the
  keep period). Recording *before* sending means a crash in between re-publishes (consumers deduplicate) and never
  leaves a sent record unrecorded.
- `BrokerWatch`: a background loop lists the broker's topics and re-creates missing ones the service uses. With
  the log kept, the service also keeps a presence topic that only it creates (`topics.presence(name)`): finding it
  missing means the broker lost what this service published (whoever re-created the shared topics first), so the
  service publishes the log again in the order it was written. Consumers are idempotent, so records the broker
  still had are absorbed. On a fresh broker the log is empty and nothing is sent.
"""

import asyncio
import itertools
from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import Any

import structlog
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError
from bson import Binary
from complaint_contracts import KafkaRecord
from complaint_contracts.topics import presence
from prometheus_client import CollectorRegistry, Counter
from pymongo import ASCENDING
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import PyMongoError

from .clock import Now
from .publishing import OutgoingRecord, RecordPublisher
from .topics_admin import TopicSpec, apply_specs, ensure_topics

log = structlog.get_logger(__name__)

PUBLISHED_COLLECTION = "_published"


class PublishedLog:
    """What the relay sent, kept for `keep`, in the order it was sent."""

    def __init__(self, collection: AsyncCollection, *, keep: timedelta, clock: Now) -> None:
        self.collection = collection
        self.keep = keep
        self._clock = clock
        self._seq = itertools.count()

    async def ensure_indexes(self) -> None:
        await self.collection.create_index([("published_at", ASCENDING)], name="published_at")

    async def record(self, records: Sequence[OutgoingRecord]) -> None:
        if not records:
            return
        now = self._clock()
        await self.collection.insert_many([
            {"topic": r.topic, "key": Binary(r.record.key) if r.record.key is not None else None,
             "value": Binary(r.record.value), "headers": [[k, Binary(v)] for k, v in r.record.headers],
             "published_at": now, "seq": next(self._seq)}
            for r in records], ordered=True)

    async def replay(self, publisher: RecordPublisher, *, batch_size: int = 500) -> int:
        """Publish everything kept, oldest first; return how many records."""
        sent = 0
        cursor = self.collection.find({}).sort([("published_at", ASCENDING), ("seq", ASCENDING)])
        batch: list[OutgoingRecord] = []
        async for doc in cursor:
            batch.append(_outgoing(doc))
            if len(batch) >= batch_size:
                await publisher.send(batch)
                sent, batch = sent + len(batch), []
        if batch:
            await publisher.send(batch)
            sent += len(batch)
        return sent

    async def prune(self) -> None:
        await self.collection.delete_many({"published_at": {"$lt": self._clock() - self.keep}})


def _outgoing(doc: dict[str, Any]) -> OutgoingRecord:
    return OutgoingRecord(topic=doc["topic"], record=KafkaRecord(
        key=bytes(doc["key"]) if doc["key"] is not None else None, value=bytes(doc["value"]),
        headers=[(k, bytes(v)) for k, v in doc["headers"]]))


class KeepingPublisher:
    """A publisher that writes each batch to the published log before sending it."""

    def __init__(self, publisher: RecordPublisher, published: PublishedLog) -> None:
        self._publisher = publisher
        self._published = published

    async def send(self, records: Sequence[OutgoingRecord]) -> None:
        await self._published.record(records)
        await self._publisher.send(records)


class BrokerWatch:
    """Re-creates missing topics and gives the broker back what the published log kept."""

    def __init__(self, *, service: str, bootstrap: str, topics: Iterable[str], partitions: int, replication: int,
                 publisher: RecordPublisher, published: PublishedLog | None, registry: CollectorRegistry,
                 interval_seconds: float, client: dict[str, Any] | None = None) -> None:
        self._bootstrap = bootstrap
        self._client = client or {}
        self._topics = sorted(set(topics))
        self._presence = presence(service) if published is not None else None
        self._partitions = partitions
        self._replication = replication
        self._publisher = publisher
        self._published = published
        self._interval = interval_seconds
        self._unreachable = 0
        self.recoveries = Counter("complaints_broker_recoveries_total",
                                  "Times the service found its topics missing and re-created them",
                                  registry=registry)
        self.republished = Counter("complaints_broker_republished_records_total",
                                   "Records published again after the broker lost them", registry=registry)

    async def _existing_topics(self) -> set[str]:
        admin = AIOKafkaAdminClient(bootstrap_servers=self._bootstrap, **self._client)
        await admin.start()
        try:
            return set(await admin.list_topics())
        finally:
            await admin.close()

    async def check_once(self) -> bool:
        """Recover if topics are missing; True when a recovery ran."""
        existing = await self._existing_topics()
        missing = [t for t in self._topics if t not in existing]
        lost = self._presence is not None and self._presence not in existing
        if not missing and not lost:
            return False
        log.warning("topics missing on the broker: re-creating them", missing=len(missing), lost_ours=lost)
        await ensure_topics(self._bootstrap, self._topics, partitions=self._partitions,
                            replication=self._replication, **self._client)
        self.recoveries.inc()
        if lost and self._published is not None and self._presence is not None:
            self.republished.inc(await self._published.replay(self._publisher))
            # Marked only once the log is given back: a crash before this point gives it back again.
            await apply_specs(self._bootstrap, [TopicSpec(name=self._presence, partitions=1,
                                                          replication_factor=self._replication)], **self._client)
        return True

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self._interval)
            try:
                await self.check_once()
                if self._published is not None:
                    await self._published.prune()
                self._unreachable = 0
            except (TimeoutError, KafkaError, OSError, PyMongoError) as exc:
                self._unreachable += 1
                if self._unreachable & (self._unreachable - 1) == 0:  # 1st, 2nd, 4th, 8th …: no log flood
                    log.warning("broker unreachable; will check again", attempts=self._unreachable,
                                error_class=type(exc).__name__)
