"""Poison records never cost a batch: each is dead-lettered with its reason and every good record is applied.

Each bad record travels in the same producer batch, on the same partition, between good ones, so the consumer
receives them in one batch: the failure must stay with the one record.
"""

import base64
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from aiokafka import AIOKafkaProducer
from complaint_contracts import to_kafka, topics
from complaints_chassis import dead_letters as dl
from complaints_chassis.runtime import service_app
from fastapi import FastAPI

from tests.integration.chassis.probe import CONSUMER, ConsumerDeps, ProbeSettings
from tests.support.backends import Backend
from tests.support.builders import make_complaint_received
from tests.support.kafka import eventually, read_until
from tests.support.settings import fast_settings

LARGE_VALUE = b"x" * (1536 * 1024)


@dataclass
class Consumer:
    app: FastAPI
    deps: ConsumerDeps
    backend: Backend


@pytest.fixture(scope="module")
async def consumer(backend: Backend) -> AsyncIterator[Consumer]:
    settings = fast_settings(ProbeSettings, backend)
    app = service_app(CONSUMER, settings)
    async with app.router.lifespan_context(app):
        yield Consumer(app, app.state.deps, backend)


async def produce_together(bootstrap: str, records: list[tuple[bytes, bytes, list[tuple[str, bytes]]]]) -> None:
    """One producer batch: every record queued before any is sent (same key, so one partition)."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", max_request_size=4 * 1024 * 1024,
                                linger_ms=200)
    await producer.start()
    try:
        futures = [await producer.send(topics.INTAKE, value, key=key, headers=headers)
                   for key, value, headers in records]
        for future in futures:
            await future
    finally:
        await producer.stop()


async def seen(consumer: Consumer, complaint_id: str) -> bool:
    return await consumer.deps.seen.find_one({"_id": complaint_id}) is not None


def good(key: bytes) -> tuple[bytes, bytes, list[tuple[str, bytes]], str]:
    event = make_complaint_received()
    record = to_kafka(event)
    return key, record.value, list(record.headers), event.complaint_id


async def dead_letter_of(backend: Backend, marker: str) -> object:
    return await read_until(backend.kafka_bootstrap, topics.dlq(topics.INTAKE),
                            lambda r: dict(r.headers).get("ce_id", b"") == marker.encode()
                            or dict(r.headers).get(dl.RAW_HEADER_PREFIX + "ce_id", b"") == marker.encode())


async def test_a_header_that_is_not_utf8_costs_only_its_own_record(consumer: Consumer) -> None:
    key = uuid.uuid4().hex.encode()
    before, after = good(key), good(key)
    bad_key, bad_value, bad_headers, _ = good(key)
    marker = f"bad-header-{uuid.uuid4().hex[:6]}"
    bad_headers = [(k, marker.encode() if k == "ce_id" else v) for k, v in bad_headers] + [("x-note", b"\xff\xfe")]
    await produce_together(consumer.backend.kafka_bootstrap,
                           [before[:3], (bad_key, bad_value, bad_headers), after[:3]])

    await eventually(lambda: seen(consumer, before[3]))
    await eventually(lambda: seen(consumer, after[3]))
    letter = await dead_letter_of(consumer.backend, marker)
    headers = dict(letter.headers)
    assert b"not UTF-8" in headers[dl.REASON]
    assert base64.b64decode(headers[dl.RAW_HEADER_PREFIX + "x-note"]) == b"\xff\xfe"


async def test_a_value_nested_beyond_reason_is_dead_lettered_not_retried(consumer: Consumer) -> None:
    key = uuid.uuid4().hex.encode()
    before, after = good(key), good(key)
    marker = f"deep-{uuid.uuid4().hex[:6]}"
    headers = [(k, marker.encode() if k == "ce_id" else v) for k, v in before[2]]
    deep = b"[" * 200_000 + b"]" * 200_000
    await produce_together(consumer.backend.kafka_bootstrap, [before[:3], (key, deep, headers), after[:3]])

    await eventually(lambda: seen(consumer, after[3]))
    letter = await dead_letter_of(consumer.backend, marker)
    assert b"nested too deeply" in dict(letter.headers)[dl.REASON]


async def test_a_record_too_large_to_copy_is_dead_lettered_as_a_truncated_reference(consumer: Consumer) -> None:
    key = uuid.uuid4().hex.encode()
    before, after = good(key), good(key)
    marker = f"large-{uuid.uuid4().hex[:6]}"
    headers = [(k, marker.encode() if k == "ce_id" else v) for k, v in before[2]]
    await produce_together(consumer.backend.kafka_bootstrap, [before[:3], (key, LARGE_VALUE, headers), after[:3]])

    await eventually(lambda: seen(consumer, after[3]))
    letter = await dead_letter_of(consumer.backend, marker)
    headers_of = dict(letter.headers)
    assert b"exceeds" in headers_of[dl.REASON]
    assert int(headers_of[dl.TRUNCATED_FROM]) == len(LARGE_VALUE)
    assert len(letter.value) <= dl.MAX_VALUE_BYTES
    assert headers_of[dl.ORIGINAL_TOPIC] == topics.INTAKE.encode()
