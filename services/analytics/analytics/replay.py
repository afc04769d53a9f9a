"""Rebuild every read model from the topics: `python -m analytics.replay`.

The topics are read from the beginning by a plain consumer (no group, nothing committed) into a fresh
collection, which then replaces the live one by rename. The live service may keep consuming meanwhile: the
rebuild catches up to the end once more before the swap and once after it, on the live collection, so whatever
the live consumer wrote to the old collection during the swap is applied again. Fact updates commute and are
idempotent, so applying an event twice or out of order changes nothing.
Systemic-issue episodes are detector state, not a read model of the topics: they are kept.
"""

import asyncio
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

import structlog
from aiokafka import AIOKafkaConsumer, TopicPartition
from complaint_contracts import UndecodableEvent, from_kafka
from complaint_contracts.base import Event
from complaints_chassis.consumer import PermanentError
from complaints_chassis.mongo import make_mongo_client, service_database
from complaints_chassis.settings import load_settings
from pymongo.asynchronous.database import AsyncDatabase

from .config import AnalyticsSettings
from .fact_updates import FactUpdate, merge_updates
from .handlers import events
from .service import updates_of
from .store import FACTS, MongoFactStore

log = structlog.get_logger(__name__)

Positions = dict[TopicPartition, int]


@dataclass
class ReplayReport:
    records: int = 0
    projected: int = 0
    skipped: int = 0
    """Records the live consumer would dead-letter or ignore (undecodable, unknown or unprojectable)."""
    facts: int = 0


async def replay_into(store: MongoFactStore, *, bootstrap: str, topics: Sequence[str] = events.topics,
                      start: Mapping[TopicPartition, int] | None = None, report: ReplayReport | None = None,
                      batch_records: int = 2000) -> Positions:
    """Apply every record from `start` (or the beginning) up to the end each topic had; return where it stopped."""
    report = report if report is not None else ReplayReport()
    reader = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False,
                              auto_offset_reset="earliest")
    await reader.start()
    try:
        await reader._client.force_metadata_update()  # the public API has no "refresh metadata" call
        partitions = [TopicPartition(topic, p) for topic in topics for p in sorted(reader.partitions_for_topic(topic)
                                                                                     or ())]
        if not partitions:
            return {}
        listed = await reader.end_offsets(partitions)
        reader.assign(partitions)
        for tp in partitions:
            reader.seek(tp, (start or {}).get(tp, 0))
        return await _drain(reader, partitions, listed, store, report, batch_records)
    finally:
        await reader.stop()


async def _drain(reader: AIOKafkaConsumer, partitions: list[TopicPartition], listed: Positions,
                 store: MongoFactStore, report: ReplayReport, batch_records: int) -> Positions:
    # The end is the first high watermark a fetch reports (the embedded broker's ListOffsets answers wrongly),
    # fixed once seen so that a busy topic cannot keep the replay from finishing.
    target: Positions = {}
    while True:
        batches = await reader.getmany(timeout_ms=500, max_records=batch_records)
        updates: list[FactUpdate] = []
        for records in batches.values():
            report.records += len(records)
            for record in records:
                updates += _updates(record.topic, record.value, record.headers, report)
        await store.apply(merge_updates(updates))
        for tp in partitions:
            highwater = reader.highwater(tp)
            if tp not in target and (highwater is not None or not batches):
                target[tp] = max(listed[tp], highwater or 0)
        positions = {tp: await reader.position(tp) for tp in partitions}
        if len(target) == len(partitions) and all(positions[tp] >= target[tp] for tp in partitions):
            return positions


def _updates(topic: str, value: bytes | None, headers: Sequence[tuple[str, bytes]],
             report: ReplayReport) -> list[FactUpdate]:
    try:
        event: Event = from_kafka(topic, value, list(headers))
        updates = updates_of([event])
    except (UndecodableEvent, PermanentError, ValueError):  # the live consumer dead-letters or ignores these
        report.skipped += 1
        return []
    report.projected += bool(updates)
    return updates


async def rebuild(db: AsyncDatabase, *, bootstrap: str, topics: Sequence[str] = events.topics) -> ReplayReport:
    """Rebuild the facts from the topics into a fresh collection and swap it in for the live one."""
    report = ReplayReport()
    fresh = MongoFactStore(db, f"{FACTS}_rebuild_{uuid.uuid4().hex[:8]}")
    await fresh.ensure_indexes()
    positions = await replay_into(fresh, bootstrap=bootstrap, topics=topics, report=report)
    positions = await replay_into(fresh, bootstrap=bootstrap, topics=topics, start=positions, report=report)
    await db.client.admin.command("renameCollection", f"{db.name}.{fresh.facts.name}", to=f"{db.name}.{FACTS}",
                                  dropTarget=True)
    live = MongoFactStore(db)
    await replay_into(live, bootstrap=bootstrap, topics=topics, start=positions, report=report)
    report.facts = await live.facts.count_documents({})
    log.info("read models rebuilt", **asdict(report))
    return report


async def main() -> None:
    settings = load_settings(AnalyticsSettings)
    client = make_mongo_client(settings)
    try:
        report = await rebuild(service_database(client, settings), bootstrap=settings.kafka_bootstrap)
    finally:
        await client.close()
    print(json.dumps(asdict(report)))


if __name__ == "__main__":
    asyncio.run(main())
