"""Reading dead letters and single records straight from the broker, without a consumer group (nothing is
committed: looking never moves anyone's offsets)."""

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from complaints_chassis.reading_from_start import seek_to_start

from .letters import DeadLetter, Location, is_dead_letter_topic

FETCH_BYTES = 16 * 1024 * 1024
"""Large enough for any record the producers may send (a record too large to dead-letter is why we look)."""
READ_TIMEOUT = 30.0


METADATA_WAIT = 5.0
"""How long to wait for a topic that exists to show its partitions (a freshly created one may not yet)."""


async def partitions_of(bootstrap: str, topics: list[str]) -> list[TopicPartition]:
    """The partitions of the topics, asked of the cluster itself rather than a consumer's cached metadata: a dead-letter
    topic created a moment ago is listed by the broker before every cache knows its partitions."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        deadline = time.monotonic() + METADATA_WAIT
        while True:
            described = {t["topic"]: t for t in await admin.describe_topics(topics)}
            known = {name: t.get("partitions") or [] for name, t in described.items() if not t.get("error_code")}
            if all(known.get(topic) for topic in topics) or time.monotonic() > deadline:
                return [TopicPartition(topic, p["partition"]) for topic in topics
                        for p in sorted(known.get(topic, []), key=lambda p: p["partition"])]
            await asyncio.sleep(0.2)
    finally:
        await admin.close()


async def dead_letter_topics(bootstrap: str) -> list[str]:
    """Every dead-letter topic on the cluster (listing never creates one)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        return sorted(t for t in await admin.list_topics() if is_dead_letter_topic(t))
    finally:
        await admin.close()


@contextlib.asynccontextmanager
async def _reader(bootstrap: str) -> AsyncIterator[AIOKafkaConsumer]:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest",
                                max_partition_fetch_bytes=FETCH_BYTES, fetch_max_bytes=FETCH_BYTES)
    await consumer.start()
    try:
        await consumer.topics()  # loads the metadata of every topic, so partitions are known
        yield consumer
    finally:
        await consumer.stop()


def _letter(record: ConsumerRecord) -> DeadLetter:
    return DeadLetter(location=Location(record.topic, record.partition, record.offset), timestamp_ms=record.timestamp,
                      key=record.key, value=record.value or b"", headers=[(k, v or b"") for k, v in record.headers])


async def read_letters(bootstrap: str, topics: list[str]) -> list[DeadLetter]:
    """Every record of the topics, from the beginning to their current ends."""
    partitions = await partitions_of(bootstrap, topics)
    if not partitions:
        return []
    async with _reader(bootstrap) as consumer:
        consumer.assign(partitions)
        # An end offset of 0 means empty on every broker; any other is only a hint (see _behind).
        ends = await consumer.end_offsets(partitions)
        behind = [p for p in partitions if ends[p] > 0]
        if not behind:
            return []
        seek_to_start(consumer, behind)
        found: list[DeadLetter] = []
        deadline = time.monotonic() + READ_TIMEOUT
        while behind:
            if time.monotonic() > deadline:
                raise TimeoutError(f"could not read {', '.join(topics)} to the end within {READ_TIMEOUT:.0f} s")
            for batch in (await consumer.getmany(*behind, timeout_ms=500)).values():
                found.extend(_letter(r) for r in batch)
            behind = [p for p in behind if await _behind(consumer, p)]
        return sorted(found, key=lambda letter: (letter.location.topic, letter.location.partition,
                                                 letter.location.offset))


async def _behind(consumer: AIOKafkaConsumer, tp: TopicPartition) -> bool:
    """Whether records are left on the partition, by the high-water mark of the last fetch: the embedded broker
    answers ListOffsets with the last batch's first offset + 1, short of the end when that batch holds several."""
    highwater = consumer.highwater(tp)
    return highwater is None or await consumer.position(tp) < highwater


async def read_record(bootstrap: str, where: Location) -> ConsumerRecord | None:
    """The record at exactly this place, or None (past the end, or removed by retention)."""
    async with _reader(bootstrap) as consumer:
        if where.partition not in (consumer.partitions_for_topic(where.topic) or ()):
            return None
        tp = TopicPartition(where.topic, where.partition)
        consumer.assign([tp])
        consumer.seek(tp, where.offset)
        deadline = time.monotonic() + READ_TIMEOUT
        while time.monotonic() < deadline:
            for record in (await consumer.getmany(tp, timeout_ms=500)).get(tp, []):
                if record.offset >= where.offset:
                    return record if record.offset == where.offset else None
            if not await _behind(consumer, tp):
                return None
        raise TimeoutError(f"could not read {where} within {READ_TIMEOUT:.0f} s")


async def read_letter(bootstrap: str, where: Location) -> DeadLetter | None:
    record = await read_record(bootstrap, where)
    return _letter(record) if record is not None else None
