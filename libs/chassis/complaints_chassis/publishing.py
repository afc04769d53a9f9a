"""Publishing encoded records through the FastStream broker, in batches, waiting for every acknowledgement."""

import asyncio
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from complaint_contracts import EVENT_TOPIC, Event, KafkaRecord, to_kafka
from faststream.kafka import KafkaBroker


@dataclass(frozen=True, slots=True)
class OutgoingRecord:
    topic: str
    record: KafkaRecord


def outgoing(event: Event) -> OutgoingRecord:
    """The record an event becomes, on the one topic its class belongs to."""
    return OutgoingRecord(topic=EVENT_TOPIC[type(event)], record=to_kafka(event))


class RecordPublisher:
    """Sends records and returns only when the broker acknowledged all of them (acks=all)."""

    def __init__(self, broker: KafkaBroker) -> None:
        self._broker = broker

    async def send(self, records: Sequence[OutgoingRecord]) -> None:
        """Send all records, pipelined; raise if any was not acknowledged."""
        # Sequential enqueue keeps per-partition order; waiting on all futures at once keeps throughput.
        futures = [
            await self._broker.publish(
                r.record.value, r.topic, key=r.record.key,
                headers={k: v.decode() for k, v in r.record.headers}, no_confirm=True,
            )
            for r in records
        ]
        await asyncio.gather(*futures)

    async def publish(self, events: Iterable[Event]) -> None:
        """Encode and send events directly (only for events that need no stored state: use the outbox otherwise)."""
        await self.send([outgoing(e) for e in events])
