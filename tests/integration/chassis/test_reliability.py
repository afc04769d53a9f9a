"""The chassis keeps its promises on a real broker and store: outbox, exactly-once effect, DLQ, retries."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from complaint_contracts import ComplaintReceived, to_kafka, topics
from complaints_chassis import dead_letters as dl
from complaints_chassis.caused import (
    CAUSED,
    LEGACY_OUTBOX_INDEX,
    CausedPublisher,
    caused_entries,
    publish_left_in_outbox,
)
from complaints_chassis.outbox import (
    HAS_PENDING,
    PENDING,
    OutboxRelay,
    ensure_outbox_index,
    new_document,
    with_events,
)
from complaints_chassis.publishing import OutgoingRecord, outgoing
from complaints_chassis.runtime import service_app
from fastapi import FastAPI

from tests.support.backends import Backend
from tests.support.builders import make_complaint_received
from tests.support.kafka import eventually, produce_raw, read_until
from tests.support.settings import fast_settings

from .probe import CONSUMER, PRODUCER, ConsumerDeps, ProbeSettings, ProducerDeps


@dataclass
class Probe:
    producer_app: FastAPI
    consumer_app: FastAPI
    producer: ProducerDeps
    consumer: ConsumerDeps
    backend: Backend

    async def times_seen(self, complaint_id: str) -> int:
        doc = await self.consumer.seen.find_one({"_id": complaint_id})
        return doc["times"] if doc else 0

    async def metrics(self) -> str:
        transport = httpx.ASGITransport(app=self.consumer_app)
        async with httpx.AsyncClient(transport=transport, base_url="http://probe") as client:
            return (await client.get("/metrics/")).text


@asynccontextmanager
async def _probe_with(backend: Backend, **settings: Any) -> AsyncIterator[Probe]:
    """A producer and a consumer app, each with its own database (and the consumer its own group)."""
    producer_app = service_app(PRODUCER, fast_settings(ProbeSettings, backend, **settings))
    consumer_app = service_app(CONSUMER, fast_settings(ProbeSettings, backend, **settings))
    async with producer_app.router.lifespan_context(producer_app), \
            consumer_app.router.lifespan_context(consumer_app):
        yield Probe(producer_app, consumer_app, producer_app.state.deps, consumer_app.state.deps, backend)


@pytest.fixture(scope="module")
async def probe(backend: Backend) -> AsyncIterator[Probe]:
    # Prerequisites never seen expire after 3 s.
    async with _probe_with(backend, parked_max_age_seconds=3) as probe:
        yield probe


async def test_event_stored_through_the_outbox_is_consumed_once_and_counted(probe: Probe) -> None:
    event = make_complaint_received()
    await probe.producer.file(event)

    await eventually(lambda: _equals(probe.times_seen(event.complaint_id), 1))
    assert await probe.producer.items.count_documents({"_id": event.complaint_id, HAS_PENDING: False}) == 1
    metrics = await probe.metrics()
    assert 'complaints_events_consumed_total{group="' in metrics
    assert 'outcome="handled"' in metrics
    assert "faststream_received_messages_total" in metrics
    assert 'complaints_consumer_lag_messages{group="' in metrics


async def test_outbox_survives_a_crash_between_store_and_publish(probe: Probe) -> None:
    # The "crashed" process stored the state and its event but never published: nobody relays this collection.
    crashed = probe.producer.items.database[f"crashed_{uuid.uuid4().hex[:6]}"]
    event = make_complaint_received()
    await crashed.insert_one(new_document({"_id": event.complaint_id}, [event]))
    assert await probe.times_seen(event.complaint_id) == 0

    restarted = OutboxRelay([crashed], probe.producer_app.state.runtime.publisher,
                            probe.producer_app.state.runtime.metrics)
    assert await restarted.drain_once() == 1

    await eventually(lambda: _equals(probe.times_seen(event.complaint_id), 1))
    assert await crashed.count_documents({HAS_PENDING: True}) == 0


async def test_an_insert_only_change_publishes_what_it_caused_and_again_on_redelivery_with_one_effect(
        probe: Probe) -> None:
    # The handler inserts the document with what it causes, then publishes; a process that died in between never
    # committed its input, so the redelivery meets the stored document and publishes it (again, at worst).
    stored = probe.producer.items.database[f"caused_{uuid.uuid4().hex[:6]}"]
    event, plain = make_complaint_received(), make_complaint_received()
    await stored.insert_many([{"_id": event.complaint_id, CAUSED: caused_entries([(str(event.id), outgoing(event))])},
                              {"_id": plain.complaint_id}])
    caused = CausedPublisher(stored, probe.producer_app.state.runtime.publisher)

    assert await caused.publish([event.complaint_id, plain.complaint_id, "never-stored"]) == 1
    await eventually(lambda: _equals(probe.times_seen(event.complaint_id), 1))
    assert await caused.publish([event.complaint_id]) == 1  # the redelivery

    # Another event of the complaint, published after the repeat (same key, same partition): once it has had its
    # effect, the repeat was handled before it, and had none.
    marker = event.model_copy(update={"id": uuid.uuid4()})
    await probe.producer_app.state.runtime.publisher.publish([marker])
    await eventually(lambda: _equals(probe.times_seen(event.complaint_id), 2))
    assert await probe.times_seen(plain.complaint_id) == 0


async def test_what_an_earlier_version_left_in_an_outbox_is_published_at_start_and_the_flag_index_dropped(
        probe: Probe) -> None:
    # A collection whose service now publishes straight after its inserts (caused.py) once had an outbox.
    upgraded = probe.producer.items.database[f"upgraded_{uuid.uuid4().hex[:6]}"]
    await ensure_outbox_index(upgraded)
    left, done = make_complaint_received(), make_complaint_received()
    await upgraded.insert_many([new_document({"_id": left.complaint_id}, [left]),
                                new_document({"_id": done.complaint_id}, [])])
    publisher, metrics = probe.producer_app.state.runtime.publisher, probe.producer_app.state.runtime.metrics

    assert await publish_left_in_outbox(upgraded, publisher, metrics) == 1

    await eventually(lambda: _equals(probe.times_seen(left.complaint_id), 1))
    assert await upgraded.count_documents({HAS_PENDING: True}) == 0
    assert LEGACY_OUTBOX_INDEX not in await upgraded.index_information()
    assert await publish_left_in_outbox(upgraded, publisher, metrics) == 0, "the next start finds nothing left"


async def test_crash_after_publish_before_marking_republishes_without_a_second_effect(probe: Probe) -> None:
    collection = probe.producer.items.database[f"halfway_{uuid.uuid4().hex[:6]}"]
    event = make_complaint_received()
    await collection.insert_one(new_document({"_id": event.complaint_id}, [event]))
    runtime = probe.producer_app.state.runtime

    class DiesBeforeMarking:
        """The collection as seen by a relay whose process dies right after publishing."""

        def __getattr__(self, name: str):
            return getattr(collection, name)

        async def bulk_write(self, *args, **kwargs):
            raise ConnectionError("process killed")

        async def update_many(self, *args, **kwargs):
            raise ConnectionError("process killed")

    with pytest.raises(ConnectionError):
        await OutboxRelay([DiesBeforeMarking()], runtime.publisher, runtime.metrics).drain_once()
    assert await OutboxRelay([collection], runtime.publisher, runtime.metrics).drain_once() == 1

    await eventually(lambda: _equals(probe.times_seen(event.complaint_id), 1))
    assert await probe.times_seen(event.complaint_id) == 1


async def test_an_event_queued_while_the_relay_publishes_is_kept_for_the_next_round(probe: Probe) -> None:
    collection = probe.producer.items.database[f"meanwhile_{uuid.uuid4().hex[:6]}"]
    first, second = make_complaint_received(), make_complaint_received()
    await collection.insert_one(new_document({"_id": "doc"}, [first]))
    runtime = probe.producer_app.state.runtime

    class WriterInBetween:
        """A service queues another event on the document after the relay read it, before it cleared it."""

        def __getattr__(self, name: str):
            return getattr(collection, name)

        queued = False

        async def update_many(self, *args, **kwargs):
            if not self.queued:
                self.queued = True
                await collection.update_one({"_id": "doc"}, with_events({"$set": {"touched": True}}, [second]))
            return await collection.update_many(*args, **kwargs)

    assert await OutboxRelay([WriterInBetween()], runtime.publisher, runtime.metrics).drain_once() == 1
    doc = await collection.find_one({"_id": "doc"})
    assert [e["id"] for e in doc[PENDING]] == [str(second.id)] and doc[HAS_PENDING] is True

    assert await OutboxRelay([collection], runtime.publisher, runtime.metrics).drain_once() == 1
    doc = await collection.find_one({"_id": "doc"})
    assert doc[PENDING] == [] and doc[HAS_PENDING] is False


async def test_a_redelivered_event_changes_nothing(probe: Probe) -> None:
    event = make_complaint_received()
    record = OutgoingRecord(topics.INTAKE, to_kafka(event))
    publisher = probe.producer_app.state.runtime.publisher
    await publisher.send([record, record])
    await publisher.send([record])
    later = make_complaint_received(complaint_id=event.complaint_id + "-x")
    await publisher.publish([later])  # same partition order is not needed: wait for a later event to land

    await eventually(lambda: _equals(probe.times_seen(later.complaint_id), 1))
    await eventually(lambda: _equals(probe.times_seen(event.complaint_id), 1))
    assert await probe.times_seen(event.complaint_id) == 1


async def test_a_poison_message_is_dead_lettered_with_its_reason_and_the_partition_keeps_flowing(probe: Probe) -> None:
    poison = make_complaint_received(title="POISON")
    healthy = make_complaint_received(complaint_id=poison.complaint_id + "-ok")
    record = to_kafka(poison)
    # Same key as the poison: the healthy event lands on the same partition, right behind it.
    await produce_raw(probe.backend.kafka_bootstrap, topics.INTAKE, key=record.key, value=record.value,
                      headers=record.headers)
    follow = to_kafka(healthy)
    await produce_raw(probe.backend.kafka_bootstrap, topics.INTAKE, key=record.key, value=follow.value,
                      headers=follow.headers)

    await eventually(lambda: _equals(probe.times_seen(healthy.complaint_id), 1))
    dead = await read_until(probe.backend.kafka_bootstrap, topics.dlq(topics.INTAKE),
                            lambda r: r.key == record.key and r.value == record.value)
    headers = {k: v.decode() for k, v in dead.headers}
    assert headers[dl.REASON] == "rejected: the probe refuses POISON"
    assert headers[dl.ERROR_CLASS] == "PermanentError"
    assert headers[dl.ORIGINAL_TOPIC] == topics.INTAKE
    assert int(headers[dl.ORIGINAL_OFFSET]) >= 0 and int(headers[dl.ORIGINAL_PARTITION]) >= 0
    assert headers["ce_type"] == "complaints.intake.ComplaintReceived"
    assert await probe.times_seen(poison.complaint_id) == 0


async def test_an_unparseable_cloud_event_gets_a_clear_reason(probe: Probe) -> None:
    key = f"junk-{uuid.uuid4().hex[:8]}".encode()
    await produce_raw(probe.backend.kafka_bootstrap, topics.INTAKE, key=key, value=b"{not json")

    dead = await read_until(probe.backend.kafka_bootstrap, topics.dlq(topics.INTAKE), lambda r: r.key == key)
    headers = {k: v.decode() for k, v in dead.headers}
    assert headers[dl.REASON] == "undecodable event: missing CloudEvents header ce_specversion"
    assert headers[dl.ERROR_CLASS] == "UndecodableEvent"


async def test_a_contract_violation_names_the_field_without_echoing_the_value(probe: Probe) -> None:
    valid = to_kafka(make_complaint_received())
    key = f"bad-{uuid.uuid4().hex[:8]}".encode()
    value = valid.value.replace(b'"title":"LATE-REFUND"', b'"title":""')
    await produce_raw(probe.backend.kafka_bootstrap, topics.INTAKE, key=key, value=value, headers=valid.headers)

    dead = await read_until(probe.backend.kafka_bootstrap, topics.dlq(topics.INTAKE), lambda r: r.key == key)
    reason = dict(dead.headers)[dl.REASON].decode()
    assert reason.startswith("undecodable event: title: String should have at least 1 character")
    assert "alesia@example.org" not in reason


async def test_a_transient_failure_is_retried_then_applied_once(probe: Probe) -> None:
    flaky = make_complaint_received(title="FLAKY")
    await probe.producer.file(flaky)

    await eventually(lambda: _equals(probe.times_seen(flaky.complaint_id), 1))
    assert probe.consumer.failures_left[flaky.complaint_id] == 0
    assert "complaints_event_retries_total" in await probe.metrics()


async def test_an_event_waiting_for_its_prerequisite_is_parked_then_applied_once(probe: Probe) -> None:
    prerequisite = make_complaint_received()
    dependent = make_complaint_received(title=f"NEEDS:{prerequisite.complaint_id}")
    publisher = probe.producer_app.state.runtime.publisher
    await publisher.publish([dependent])
    await eventually(lambda: _parked(probe, 1))  # stored, so its offset could be committed; nothing blocked

    await publisher.publish([prerequisite])

    await eventually(lambda: _equals(probe.times_seen(dependent.complaint_id), 1))
    await eventually(lambda: _parked(probe, 0))
    assert await probe.times_seen(prerequisite.complaint_id) == 1
    assert 'outcome="parked"' in await probe.metrics()


async def test_a_parked_event_is_retried_as_soon_as_an_event_of_its_complaint_is_applied(backend: Backend) -> None:
    # The backoff loop would first look again in ten minutes: only the wake-up can apply it within the test.
    async with _probe_with(backend, parked_retry_seconds=600) as probe:
        prerequisite = make_complaint_received()
        # Same complaint (so the same Kafka key): it needs its complaint's receipt to have been seen first.
        dependent = make_complaint_received(complaint_id=prerequisite.complaint_id,
                                            title=f"NEEDS:{prerequisite.complaint_id}")
        publisher = probe.producer_app.state.runtime.publisher
        await publisher.publish([dependent])
        await eventually(lambda: _parked(probe, 1))

        await publisher.publish([prerequisite])

        await eventually(lambda: _parked(probe, 0), timeout=20)
        assert await probe.times_seen(prerequisite.complaint_id) == 2  # each of the two applied once


async def test_a_consumer_with_a_batch_interval_takes_what_gathered_meanwhile_in_one_batch(backend: Backend) -> None:
    async with _probe_with(backend, consumer_batch_interval_ms=5000) as probe:
        publisher = probe.producer_app.state.runtime.publisher
        first = make_complaint_received()
        await publisher.publish([first])
        await eventually(lambda: _equals(probe.times_seen(first.complaint_id), 1))
        before = _batches(await probe.metrics())

        later = [make_complaint_received() for _ in range(10)]
        for event in later:  # one by one: without the interval each would likely make its own batch
            await publisher.publish([event])
            await asyncio.sleep(0.05)

        # One deadline for all ten: a consumer that stops consuming fails the test in 30 s, not ten times that.
        await eventually(lambda: _all_seen_once(probe, later))
        assert _batches(await probe.metrics()) - before <= 2


async def _all_seen_once(probe: Probe, events: list[ComplaintReceived]) -> bool:
    return all([await probe.times_seen(event.complaint_id) == 1 for event in events])


def _batches(metrics: str) -> float:
    return sum(float(line.rsplit(" ", 1)[1]) for line in metrics.splitlines()
               if line.startswith("complaints_consumer_batches_total{"))


async def test_an_event_whose_prerequisite_never_comes_is_dead_lettered_with_the_reason(probe: Probe) -> None:
    orphan = make_complaint_received(title="NEEDS:c-never-arrives")
    await probe.producer_app.state.runtime.publisher.publish([orphan])

    dead = await read_until(probe.backend.kafka_bootstrap, topics.dlq(topics.INTAKE),
                            lambda r: r.key == orphan.complaint_id.encode())
    headers = {k: v.decode() for k, v in dead.headers}
    assert headers[dl.REASON] == "waited 0:00:03 for a prerequisite: complaint c-never-arrives not seen yet"
    assert headers[dl.ERROR_CLASS] == "Deferred"
    assert await probe.times_seen(orphan.complaint_id) == 0


async def _parked(probe: Probe, count: int) -> bool:
    parked = probe.consumer.seen.database["_parked_events"]
    return await parked.count_documents({}) == count


async def test_readiness_reports_both_dependencies_and_the_consumers(probe: Probe) -> None:
    transport = httpx.ASGITransport(app=probe.consumer_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://probe") as client:
        ready = await client.get("/readyz")
        live = await client.get("/healthz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"kafka": "ok", "mongodb": "ok", "consumers": "ok"}
    assert live.json() == {"status": "ok"}


async def _equals(value, expected) -> bool:
    return (await value) == expected
