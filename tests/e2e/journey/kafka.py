"""The suite's topics as another system sees them: every record so far, the events decoded, waiting for one, and
submissions produced like a call centre's."""

import asyncio
import time
import uuid
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from complaint_contracts import (
    ComplaintReceived,
    ComplaintRouted,
    ComplaintSubmission,
    Event,
    KafkaRecord,
    from_kafka,
    to_kafka,
    topics,
)
from complaints_chassis.personal_data.http_keys import SubmissionSealer
from complaints_chassis.reading_from_start import seek_to_start
from complaints_cli.suite import Suite

from .customer import unique_email
from .waiting import WAIT, wait_until

T = TypeVar("T")


async def _records(bootstrap: str, topic: str, timeout: float) -> list[ConsumerRecord]:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest")
    await consumer.start()
    try:
        deadline = time.monotonic() + timeout
        appears_by = time.monotonic() + 3.0
        while not (parts := consumer.partitions_for_topic(topic)):
            if time.monotonic() > appears_by:
                return []  # nobody has written to the topic yet
            await consumer._client.force_metadata_update()
            await asyncio.sleep(0.2)
        partitions = [TopicPartition(topic, p) for p in sorted(parts)]
        consumer.assign(partitions)
        seek_to_start(consumer, partitions)
        ends = await consumer.end_offsets(partitions)
        found: list[ConsumerRecord] = []
        behind = [p for p in partitions if ends[p] > 0]
        while behind:
            if time.monotonic() > deadline:
                raise AssertionError(f"could not read {topic} to its end within {timeout:.0f} s")
            for batch in (await consumer.getmany(*behind, timeout_ms=500)).values():
                found.extend(batch)
            behind = [p for p in behind if await consumer.position(p) < ends[p]]
        return found
    finally:
        await consumer.stop()


def records(suite: Suite, topic: str, *, timeout: float = 20.0) -> list[ConsumerRecord]:
    """Every record on the topic so far (an absent topic has none)."""
    return asyncio.run(_records(suite.kafka_bootstrap, topic, timeout))


def events(suite: Suite, topic: str, kind: type[Event] | None = None, *,
           about: Iterable[str] | str | None = None) -> list[Any]:
    """The decoded events on the topic so far, of one type and about some complaints if asked. Publishing is at
    least once (a redelivered input publishes what it caused again, under the same event id): an event counts once,
    as consumers see it."""
    wanted = {about} if isinstance(about, str) else set(about) if about is not None else None
    decoded = {}
    for record in records(suite, topic):
        event = from_kafka(topic, record.value, record.headers)
        decoded.setdefault(event.id, event)
    return [e for e in decoded.values() if (kind is None or isinstance(e, kind))
            and (wanted is None or getattr(e, "complaint_id", None) in wanted)]


def wait_event(suite: Suite, topic: str, kind: type[T], *, about: str, check: Callable[[T], bool] = lambda _: True,
               what: str | None = None, timeout: float = WAIT) -> T:
    """The first event of this type about the complaint that passes `check`."""
    return wait_until(
        lambda: next((e for e in events(suite, topic, kind, about=about) if check(e)), None),  # type: ignore[arg-type]
        what=what or f"{kind.__name__} about {about} on {topic}", timeout=timeout, interval=0.5)


def routed(suite: Suite, complaint_id: str, *, timeout: float = WAIT) -> ComplaintRouted:
    """Routing's decision about the complaint."""
    return wait_event(suite, topics.ROUTING, ComplaintRouted, about=complaint_id, timeout=timeout)


async def _produce(bootstrap: str, topic: str, records: list[KafkaRecord]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        for record in records:
            await producer.send_and_wait(topic, record.value, key=record.key, headers=record.headers)
    finally:
        await producer.stop()


def produce(suite: Suite, *records: KafkaRecord, topic: str = topics.SUBMISSIONS) -> None:
    """Write the records, in order, as another system would."""
    asyncio.run(_produce(suite.kafka_bootstrap, topic, list(records)))


def submission(**overrides: Any) -> ComplaintSubmission:
    """A call centre's submission of a complaint, unique by its external reference."""
    fields: dict[str, Any] = {
        "source": "/crm/callcentre", "source_system": "crm", "external_reference": f"CRM-{uuid.uuid4().hex[:12]}",
        "channel": "phone", "language": "en", "jurisdiction": "GB",
        "customer": {"name": "Robin Hale", "email": unique_email("caller"), "preferred_channel": "email"},
        "title": "Parcel arrived late", "description": "My parcel arrived two weeks late and the box was open.",
    }
    fields.update(overrides)
    return ComplaintSubmission(**fields)


def submit(suite: Suite, *submissions: ComplaintSubmission) -> None:
    produce(suite, *(to_kafka(s) for s in submissions))


async def _sealed(suite: Suite, submissions: tuple[ComplaintSubmission, ...]) -> list[KafkaRecord]:
    partner = submissions[0].source_system
    sealer = SubmissionSealer(httpx.AsyncClient(base_url=suite.url("intake"), timeout=15,
                                                auth=httpx.BasicAuth(partner, suite.sealer_secret(partner))))
    try:
        return [await sealer.record(s) for s in submissions]
    finally:
        await sealer.aclose()


def submit_sealed(suite: Suite, *submissions: ComplaintSubmission) -> None:
    """Publish the submissions as a partner that seals them: every personal value under the customer's key, asked
    of intake's key API with the partner's own secret (one system's submissions at a time)."""
    produce(suite, *asyncio.run(_sealed(suite, submissions)))


def received_submission(suite: Suite, submitted: ComplaintSubmission, *, timeout: float = WAIT) -> ComplaintReceived:
    """The complaint intake recorded for a submission."""
    return wait_until(lambda: next(iter(received_for(suite, submitted)), None),
                      what=f"ComplaintReceived for submission {submitted.external_reference}", timeout=timeout,
                      interval=0.5)


def received_for(suite: Suite, submitted: ComplaintSubmission) -> list[ComplaintReceived]:
    """Every ComplaintReceived intake published for the submission's system and reference."""
    return [e for e in events(suite, topics.INTAKE, ComplaintReceived)
            if (e.source_system, e.external_reference) == (submitted.source_system, submitted.external_reference)]
