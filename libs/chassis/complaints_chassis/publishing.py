"""Publishing encoded records through the FastStream broker, in batches, waiting for every acknowledgement."""

import asyncio
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from complaint_contracts import EVENT_TOPIC, Event, KafkaRecord, to_kafka
from complaint_contracts.kafka_binding import PersonalData
from faststream.kafka import KafkaBroker
from opentelemetry import context as otel_context

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


class RecordPublisher:
    """Sends records and returns only when the broker acknowledged all of them (acks=all)."""

    def __init__(self, broker: KafkaBroker) -> None:
        self._broker = broker

    async def send(self, records: Sequence[OutgoingRecord]) -> None:
        """Send all records, pipelined; raise if any was not acknowledged."""
        # Sequential enqueue keeps per-partition order; waiting on all futures at once keeps throughput.
        futures = [await self._send_one(r) for r in records]
        await asyncio.gather(*futures)

    async def _send_one(self, out: OutgoingRecord) -> asyncio.Future:
        # Published in the trace the event was created in (stored with it, maybe long ago): the broker's telemetry
        # middleware makes its publish span a child of that context, not of whatever runs the relay.
        headers = {k: v.decode() for k, v in out.record.headers}
        token = otel_context.attach(context_of(headers.get(TRACEPARENT_HEADER), headers.get(TRACESTATE_HEADER)))
        try:
            return await self._broker.publish(out.record.value, out.topic, key=out.record.key, headers=headers,
                                              no_confirm=True)
        finally:
            otel_context.detach(token)

    async def publish(self, events: Iterable[Event]) -> None:
        """Encode and send events directly (only for events that need no stored state: use the outbox otherwise)."""
        await self.send([outgoing(e) for e in events])
