"""One complaint is one trace: the request's span, the records it queues, their publishing and every consumer."""

import asyncio

import pytest
from aiokafka.errors import KafkaTimeoutError
from complaint_contracts import ComplaintReceived, ComplaintRouted, ComplaintWithdrawn, from_kafka, to_kafka, topics
from complaints_chassis.consumer import EventConsumer
from complaints_chassis.handling import traced_consumer
from complaints_chassis.http import create_http_app
from complaints_chassis.parking import Deferred
from complaints_chassis.publishing import OutgoingRecord, RecordPublisher, outgoing
from complaints_chassis.tracing import context_of, make_tracer_provider, stamped, trace_fields
from fastapi import APIRouter
from fastapi.testclient import TestClient
from opentelemetry import trace
from opentelemetry.trace import SpanKind, StatusCode
from prometheus_client import CollectorRegistry

from tests.support.builders import make_complaint_received

from .conftest import Traces, no_lifespan


def traceparent_of(span) -> str:
    return f"00-{trace.format_trace_id(span.context.trace_id)}-{trace.format_span_id(span.context.span_id)}-" \
           f"{span.context.trace_flags:02x}"


def header(record: OutgoingRecord, name: str) -> str | None:
    return next((v.decode() for k, v in record.record.headers if k == name), None)


def test_a_request_is_a_span_and_the_events_it_queues_carry_it_and_its_correlation_id(traces: Traces) -> None:
    queued: list[OutgoingRecord] = []
    router = APIRouter()

    @router.post("/complaints/{complaint_id}/withdrawal")
    async def withdraw(complaint_id: str) -> dict[str, str]:
        queued.append(outgoing(ComplaintWithdrawn(complaint_id=complaint_id, source="/complaints/intake")))
        return {}

    app = create_http_app(title="t", version="1", description="", registry=CollectorRegistry(), readiness={},
                          lifespan=no_lifespan, routers=[router], tracer_provider=traces.provider)
    answer = TestClient(app).post("/complaints/c-0123456789ab/withdrawal", headers={"X-Correlation-Id": "crm-77"})

    assert answer.status_code == 200 and answer.headers["X-Correlation-Id"] == "crm-77"
    [server] = traces.finished("POST /complaints/{complaint_id}/withdrawal")
    assert server.kind == SpanKind.SERVER
    assert server.attributes["http.route"] == "/complaints/{complaint_id}/withdrawal"
    assert server.attributes["correlation_id"] == "crm-77"
    [record] = queued
    assert header(record, "ce_traceparent") == traceparent_of(server)
    assert header(record, "ce_correlationid") == "crm-77"


def test_a_correlation_id_that_is_not_an_id_is_replaced() -> None:
    app = create_http_app(title="t", version="1", description="", registry=CollectorRegistry(), readiness={},
                          lifespan=no_lifespan)
    given = "<script>alert(1)</script>"
    answer = TestClient(app).get("/healthz", headers={"X-Correlation-Id": given})
    assert answer.headers["X-Correlation-Id"] != given and len(answer.headers["X-Correlation-Id"]) == 32


def test_an_event_that_has_its_trace_context_keeps_it(traces: Traces) -> None:
    mine = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
    with traces.tracer.start_as_current_span("elsewhere"):
        record = outgoing(make_complaint_received(traceparent=mine))
    assert header(record, "ce_traceparent") == mine
    assert header(outgoing(make_complaint_received()), "ce_traceparent") is None  # outside any span: no trace


class AcceptingProducer:
    """Stands in for aiokafka's producer: keeps what it is sent; acknowledges at once, or fails records of one
    topic."""

    def __init__(self, failing_topic: str | None = None) -> None:
        self.sent: list[tuple[str, dict[str, bytes]]] = []
        self.failing_topic = failing_topic

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def send(self, topic: str, value: bytes | None = None, key: bytes | None = None, *,
                   headers: list[tuple[str, bytes]] | None = None) -> asyncio.Future:
        self.sent.append((topic, dict(headers or ())))
        done = asyncio.get_running_loop().create_future()
        if topic == self.failing_topic:
            done.set_exception(KafkaTimeoutError())
        else:
            done.set_result(None)
        return done


async def started(producer: AcceptingProducer, traces: Traces, registry: CollectorRegistry) -> RecordPublisher:
    publisher = RecordPublisher(lambda: producer, registry=registry, tracer_provider=traces.provider)
    await publisher.start()
    return publisher


async def test_the_relay_publishes_each_record_in_the_trace_it_was_queued_in(traces: Traces) -> None:
    with traces.tracer.start_as_current_span("request") as request:
        traced_record = outgoing(make_complaint_received())
    untraced_record = outgoing(make_complaint_received())
    producer = AcceptingProducer()
    publisher = await started(producer, traces, CollectorRegistry())

    with traces.tracer.start_as_current_span("relay round") as relay:  # whatever runs the relay is not the parent
        await publisher.send([traced_record, untraced_record])

    [(_, first_headers), _] = producer.sent
    assert first_headers["ce_traceparent"].decode() == traceparent_of(request)
    first, second = traces.finished(f"{topics.INTAKE} publish")
    assert first.kind == SpanKind.PRODUCER
    assert first.context.trace_id == request.get_span_context().trace_id
    assert first.parent.span_id == request.get_span_context().span_id
    # no trace of its own: a new one starts, not the relay's
    assert second.parent is None and second.context.trace_id != relay.get_span_context().trace_id


async def test_records_acknowledged_are_counted_by_topic_and_a_refused_one_fails_the_send(traces: Traces) -> None:
    registry = CollectorRegistry()
    publisher = await started(AcceptingProducer(failing_topic=topics.ROUTING), traces, registry)
    await publisher.send([outgoing(make_complaint_received()), outgoing(make_complaint_received())])

    with pytest.raises(KafkaTimeoutError):
        await publisher.send([outgoing(make_complaint_received()), outgoing(routed_after(make_complaint_received()))])

    assert registry.get_sample_value("complaints_records_published_total", {"topic": topics.INTAKE}) == 3
    assert registry.get_sample_value("complaints_records_published_total", {"topic": topics.ROUTING}) is None
    [refused] = traces.finished(f"{topics.ROUTING} publish")
    assert refused.status.status_code == StatusCode.ERROR
    assert refused.attributes["error.type"] == "KafkaTimeoutError"


async def test_sending_before_start_is_refused() -> None:
    with pytest.raises(RuntimeError, match="not started"):
        await RecordPublisher(AcceptingProducer).send([outgoing(make_complaint_received())])


def routed_after(received: ComplaintReceived, **overrides) -> ComplaintRouted:
    return ComplaintRouted(complaint_id=received.complaint_id, department="payments", team="payments-1",
                           rules_version="2026.01", kind="complaint", category="billing", priority="low",
                           regime="none", **overrides)


async def test_each_consumed_event_continues_its_own_trace_and_what_it_causes_stays_in_it(traces: Traces) -> None:
    with traces.tracer.start_as_current_span("filing a") as span_a:
        a = from_kafka(topics.INTAKE, *_wire(outgoing(make_complaint_received())))
    with traces.tracer.start_as_current_span("filing b") as span_b:
        b = from_kafka(topics.INTAKE, *_wire(outgoing(make_complaint_received())))
    caused: list = []
    consumer = EventConsumer(group_id="routing")

    @consumer.on(ComplaintReceived)
    async def route(received: list[ComplaintReceived], deps: object) -> None:
        caused.append(outgoing(routed_after(received[0], **received[0].caused())))  # follows the cause's trace
        caused.append(outgoing(routed_after(received[1], causation_id=str(received[1].id))))  # names its cause

    await traced_consumer(consumer, traces.tracer).handlers[ComplaintReceived]([a, b], None)

    processed = traces.finished("complaints.intake.v1 process")
    assert [s.parent.span_id for s in processed] == [span_a.get_span_context().span_id,
                                                     span_b.get_span_context().span_id]
    assert [s.context.trace_id for s in processed] == [span_a.get_span_context().trace_id,
                                                       span_b.get_span_context().trace_id]
    assert processed[0].kind == SpanKind.CONSUMER
    assert processed[0].attributes["messaging.consumer.group.name"] == "routing"
    assert processed[0].attributes["cloudevents.event_id"] == str(a.id)
    assert [header(r, "ce_traceparent") for r in caused] == [traceparent_of(s) for s in processed]


async def test_handlers_that_share_a_function_still_get_runs_across_event_types(traces: Traces) -> None:
    consumer = EventConsumer(group_id="g")

    @consumer.on(ComplaintReceived, ComplaintWithdrawn)
    async def both(events: list, deps: object) -> None: ...

    traced = traced_consumer(consumer, traces.tracer)
    assert traced.handlers[ComplaintReceived] is traced.handlers[ComplaintWithdrawn]
    assert traced.topics == consumer.topics and traced.group_id == "g"


async def test_a_run_of_one_makes_its_span_current_and_a_failure_marks_it_by_class_only(traces: Traces) -> None:
    event = make_complaint_received()
    seen: dict = {}
    consumer = EventConsumer(group_id="g")

    @consumer.on(ComplaintReceived)
    async def handle(events: list, deps: object) -> None:
        seen["current"] = trace.get_current_span().get_span_context()
        raise ValueError("customer said: my phone is +375291234567")

    try:
        await traced_consumer(consumer, traces.tracer).handlers[ComplaintReceived]([event], None)
    except ValueError:
        pass
    [span] = traces.finished()
    assert seen["current"].span_id == span.context.span_id
    assert span.status.status_code == StatusCode.ERROR and span.status.description == "ValueError"
    assert "+375" not in str(span.to_json())


async def test_a_deferred_event_is_not_an_error(traces: Traces) -> None:
    consumer = EventConsumer(group_id="g")

    @consumer.on(ComplaintReceived)
    async def handle(events: list, deps: object) -> None:
        raise Deferred("needs the routing decision")

    try:
        await traced_consumer(consumer, traces.tracer).handlers[ComplaintReceived]([make_complaint_received()], None)
    except Deferred:
        pass
    [span] = traces.finished()
    assert span.status.status_code != StatusCode.ERROR and span.events[0].name.startswith("parked")


def test_trace_context_round_trips_through_w3c_text(traces: Traces) -> None:
    with traces.tracer.start_as_current_span("x") as span:
        fields = trace_fields()
    restored = trace.get_current_span(context_of(fields["traceparent"])).get_span_context()
    assert (restored.trace_id, restored.span_id) == (span.get_span_context().trace_id, span.get_span_context().span_id)
    assert not trace.get_current_span(context_of(None)).get_span_context().is_valid
    assert stamped(make_complaint_received()).traceparent is None


def _wire(out: OutgoingRecord) -> tuple[bytes, list[tuple[str, bytes]]]:
    return out.record.value, out.record.headers


def test_the_binding_carries_the_trace_context_both_ways() -> None:
    event = make_complaint_received(traceparent="00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                                    tracestate="vendor=opaque")
    record = to_kafka(event)
    assert dict(record.headers)["ce_tracestate"] == b"vendor=opaque"
    assert from_kafka(topics.INTAKE, record.value, record.headers) == event


def test_spans_are_exported_only_when_an_otlp_endpoint_is_configured() -> None:
    quiet = make_tracer_provider(service="routing", version="1.0")
    loud = make_tracer_provider(service="routing", version="1.0", otlp_endpoint="http://collector:4318/v1/traces")
    assert quiet.resource.attributes["service.name"] == "routing"
    assert quiet._active_span_processor._span_processors == ()
    [processor] = loud._active_span_processor._span_processors
    assert processor.__class__.__name__ == "BatchSpanProcessor"
    loud.shutdown()


def test_a_request_span_keeps_the_path_but_never_the_query_string(traces: Traces) -> None:
    router = APIRouter()

    @router.get("/v1/data-subjects/export")
    async def export(email: str) -> dict[str, str]:
        return {}

    app = create_http_app(title="t", version="1", description="", registry=CollectorRegistry(), readiness={},
                          lifespan=no_lifespan, routers=[router], tracer_provider=traces.provider)
    assert TestClient(app).get("/v1/data-subjects/export", params={"email": "zorya@example.org"}).status_code == 200
    [server] = traces.finished("GET /v1/data-subjects/export")
    assert "zorya" not in repr(dict(server.attributes))
    assert server.attributes["http.route"] == "/v1/data-subjects/export"
