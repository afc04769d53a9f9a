"""Publishing encoded records with aiokafka's producer, in batches, waiting for every acknowledgement.

Records go straight to aiokafka (its accumulator batches them per partition): FastStream's publish path costs about
ten times as much CPU per record (its middlewares run per record) and adds nothing here, since the records are
already encoded CloudEvents. What its middlewares gave is kept: a producer span per record, in the trace the event
was created in, and a count of records published per topic.
"""

import asyncio
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from complaint_contracts import EVENT_TOPIC, Event, KafkaRecord, to_kafka
from complaint_contracts.kafka_binding import PersonalData
from opentelemetry.trace import NoOpTracerProvider, SpanKind, Status, StatusCode, TracerProvider
from prometheus_client import CollectorRegistry, Counter

from .tracing import context_of, stamped

TRACEPARENT_HEADER = "ce_traceparent"
TRACESTATE_HEADER = "ce_tracestate"


@dataclass(frozen=True, slots=True)
class OutgoingRecord:
    topic: str
    record: KafkaRecord


def outgoing(event: Event, personal: PersonalData | None = None) -> OutgoingRecord:
    """The record an event becomes, on the one topic its class belongs to, carrying the trace it is created in;
    `personal` seals its personal fields."""
    return OutgoingRecord(topic=EVENT_TOPIC[type(event)], record=to_kafka(stamped(event), personal))


class Producer(Protocol):
    """The part of aiokafka's `AIOKafkaProducer` used here."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def send(self, topic: str, value: bytes | None = None, key: bytes | None = None, *,
                   headers: list[tuple[str, bytes]] | None = None) -> asyncio.Future: ...


class RecordSender(Protocol):
    async def send(self, records: Sequence[OutgoingRecord]) -> None:
        """Send all records; return when the broker acknowledged every one, raise otherwise."""
        ...


class RecordPublisher:
    """Sends records and returns only when the broker acknowledged all of them (the producer is made with acks=all).

    Started and stopped by the runtime; `send` before `start` is a programming error.
    """

    def __init__(self, make_producer: Callable[[], Producer], *, registry: CollectorRegistry | None = None,
                 tracer_provider: TracerProvider | None = None) -> None:
        self._make_producer = make_producer
        self._producer: Producer | None = None
        self._tracer = (tracer_provider or NoOpTracerProvider()).get_tracer(__name__)
        self._published = Counter("complaints_records_published_total",
                                  "Records the broker acknowledged (events, dead letters, replays), by topic",
                                  ["topic"], registry=registry)

    async def start(self) -> None:
        producer = self._make_producer()
        await producer.start()
        self._producer = producer

    async def stop(self) -> None:
        """Waits for what is in flight (aiokafka's stop flushes), then closes the connection."""
        if self._producer is not None:
            producer, self._producer = self._producer, None
            await producer.stop()

    async def send(self, records: Sequence[OutgoingRecord]) -> None:
        """Send all records, pipelined; raise if any was not acknowledged."""
        if self._producer is None:
            raise RuntimeError("the publisher is not started")
        # Sequential enqueue keeps per-partition order; waiting on all futures at once keeps throughput.
        sent = []
        for out in records:
            headers = dict(out.record.headers)
            traceparent, tracestate = headers.get(TRACEPARENT_HEADER), headers.get(TRACESTATE_HEADER)
            # A child of the trace the event was created in (stored with it, maybe long ago), not of whatever runs
            # the relay.
            span = self._tracer.start_span(
                f"{out.topic} publish", kind=SpanKind.PRODUCER,
                context=context_of(traceparent.decode() if traceparent else None,
                                   tracestate.decode() if tracestate else None),
                attributes={"messaging.system": "kafka", "messaging.operation.type": "publish",
                            "messaging.destination.name": out.topic})
            try:
                future = await self._producer.send(out.topic, out.record.value, key=out.record.key,
                                                   headers=list(out.record.headers))
            except BaseException as exc:
                _end(span, exc)
                raise
            sent.append((out.topic, span, future))
        outcomes = await asyncio.gather(*(future for _, _, future in sent), return_exceptions=True)
        failure: BaseException | None = None
        for (topic, span, _), outcome in zip(sent, outcomes, strict=True):
            if isinstance(outcome, BaseException):
                failure = failure or outcome
                _end(span, outcome)
            else:
                self._published.labels(topic).inc()
                span.end()
        if failure is not None:
            raise failure

    async def publish(self, events: Iterable[Event]) -> None:
        """Encode and send events directly (only for events that need no stored state: use the outbox otherwise)."""
        await self.send([outgoing(e) for e in events])


def _end(span, exc: BaseException) -> None:
    # Only the class: a message may quote the record.
    span.set_attribute("error.type", type(exc).__name__)
    span.set_status(Status(StatusCode.ERROR, type(exc).__name__))
    span.end()
