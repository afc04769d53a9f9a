"""What operations see, on a real broker and store: one trace from the producer's span to the consumer's, records
on the wire as the AsyncAPI documents describe them, the outbox's oldest pending age, SDK-produced events."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from cloudevents.core.bindings.kafka import to_structured
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent
from complaint_contracts import topics
from complaints_chassis.outbox import OutboxRelay, new_document
from complaints_chassis.runtime import service_app
from fastapi import FastAPI
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from tests.contract.wire import AsyncApiWire
from tests.support.backends import Backend
from tests.support.builders import make_complaint_received
from tests.support.kafka import eventually, produce_raw, read_until
from tests.support.settings import fast_settings

from .probe import CONSUMER, PRODUCER, ConsumerDeps, ProbeSettings, ProducerDeps


@dataclass
class Traced:
    producer_app: FastAPI
    producer: ProducerDeps
    consumer: ConsumerDeps
    backend: Backend
    producer_spans: InMemorySpanExporter
    consumer_spans: InMemorySpanExporter

    async def seen(self, complaint_id: str) -> bool:
        return await self.consumer.seen.find_one({"_id": complaint_id}) is not None


def exported(app: FastAPI) -> InMemorySpanExporter:
    exporter = InMemorySpanExporter()
    app.state.tracer_provider.add_span_processor(SimpleSpanProcessor(exporter))
    return exporter


@pytest.fixture(scope="module")
async def traced(backend: Backend) -> AsyncIterator[Traced]:
    producer_app = service_app(PRODUCER, fast_settings(ProbeSettings, backend))
    consumer_app = service_app(CONSUMER, fast_settings(ProbeSettings, backend))
    producer_spans, consumer_spans = exported(producer_app), exported(consumer_app)
    async with producer_app.router.lifespan_context(producer_app), \
            consumer_app.router.lifespan_context(consumer_app):
        yield Traced(producer_app, producer_app.state.deps, consumer_app.state.deps, backend, producer_spans,
                     consumer_spans)


async def test_one_trace_runs_from_the_producers_span_through_the_broker_to_the_consumer(traced: Traced) -> None:
    tracer = traced.producer_app.state.tracer_provider.get_tracer("test")
    event = make_complaint_received()
    with tracer.start_as_current_span("filing") as filing:
        await traced.producer.file(event)
    trace_id = filing.get_span_context().trace_id

    await eventually(lambda: traced.seen(event.complaint_id))
    await eventually(lambda: _true(any(s.context.trace_id == trace_id for s in traced.consumer_spans
                                       .get_finished_spans())))
    [handled] = [s for s in traced.consumer_spans.get_finished_spans()
                 if s.context.trace_id == trace_id and s.name == f"{topics.INTAKE} process"
                 and s.attributes.get("cloudevents.event_id") == str(event.id)]
    assert handled.parent.span_id == filing.get_span_context().span_id
    published = [s for s in traced.producer_spans.get_finished_spans() if s.name == f"{topics.INTAKE} publish"]
    assert any(s.context.trace_id == trace_id for s in published), "the relay's publish span is in the trace"

    record = await read_until(traced.backend.kafka_bootstrap, topics.INTAKE, lambda r: r.key == event.subject.encode())
    headers = dict(record.headers)
    assert headers["ce_traceparent"].decode().split("-")[1] == f"{trace_id:032x}"
    assert AsyncApiWire.load().problems(record.topic, record.key, record.headers, record.value) == []


async def test_a_structured_mode_event_an_sdk_produced_is_consumed(traced: Traced) -> None:
    event = make_complaint_received()
    message = to_structured(CloudEvent(attributes={
        "id": f"crm/{event.complaint_id}", "source": "/elsewhere", "type": event.type,
        "datacontenttype": "application/json"}, data=event.data()), JSONFormat())
    await produce_raw(traced.backend.kafka_bootstrap, topics.INTAKE, key=event.subject.encode(), value=message.value,
                      headers=list(message.headers.items()))
    await eventually(lambda: traced.seen(event.complaint_id))


async def test_the_outbox_reports_how_long_its_oldest_entry_has_waited(traced: Traced) -> None:
    collection = traced.producer.items.database["aging"]
    runtime = traced.producer_app.state.runtime
    relay = OutboxRelay([collection, traced.producer.items.database["idle"]], runtime.publisher, runtime.metrics)
    older, newer = make_complaint_received(), make_complaint_received()
    await collection.insert_many([new_document({"_id": "a"}, [newer]), new_document({"_id": "b"}, [older])])
    ten_minutes_ago = datetime.now(UTC) - timedelta(minutes=10)
    await collection.update_one({"_id": "b"}, {"$set": {"_outbox.0.stored_at": ten_minutes_ago}})

    age = await relay.oldest_pending_age()
    assert 600 <= age < 600 + 60
    assert runtime.registry.get_sample_value("complaints_outbox_oldest_pending_age_seconds") == age

    await relay.flush()
    assert await relay.oldest_pending_age() == 0


async def _true(value: bool) -> bool:
    return value
