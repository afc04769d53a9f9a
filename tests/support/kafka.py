"""Test helpers that talk to the broker directly."""

import asyncio
import time
from collections.abc import Awaitable, Callable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord
from complaints_chassis.reading_from_start import seek_to_start


async def read_until(bootstrap: str, topic: str, predicate: Callable[[ConsumerRecord], bool], *,
                     timeout: float = 30.0) -> ConsumerRecord:
    """Read `topic` from the beginning (no consumer group) until a record matches."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest")
    await consumer.start()
    try:
        partitions = await _partitions(consumer, topic, timeout)
        consumer.assign(partitions)
        seek_to_start(consumer, partitions)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            batches = await consumer.getmany(timeout_ms=500)
            for records in batches.values():
                for record in records:
                    if predicate(record):
                        return record
        raise AssertionError(f"no matching record on {topic} within {timeout} s")
    finally:
        await consumer.stop()


async def _partitions(consumer: AIOKafkaConsumer, topic: str, timeout: float) -> list:
    from aiokafka import TopicPartition

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        parts = consumer.partitions_for_topic(topic)
        if parts:
            return [TopicPartition(topic, p) for p in sorted(parts)]
        await consumer._client.force_metadata_update()  # the topic may have been created a moment ago
        await asyncio.sleep(0.2)
    raise AssertionError(f"topic {topic} does not exist")


async def produce_raw(bootstrap: str, topic: str, *, key: bytes | None, value: bytes,
                      headers: list[tuple[str, bytes]] | None = None) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        await producer.send_and_wait(topic, value, key=key, headers=headers or [])
    finally:
        await producer.stop()


async def eventually(check: Callable[[], Awaitable[bool]], *, timeout: float = 30.0, interval: float = 0.1) -> None:
    """Poll until `check` is true; fail with the timeout otherwise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await check():
            return
        await asyncio.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s")
