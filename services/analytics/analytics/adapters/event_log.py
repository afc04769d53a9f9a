"""The topics read as a log: a plain consumer (no group, nothing committed) from given offsets up to the end."""

from collections.abc import Awaitable, Callable, Sequence

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from complaint_contracts import UndecodableEvent, from_kafka
from complaint_contracts.base import Event

from ..domain.ports import LogBatch, Positions

_Offsets = dict[TopicPartition, int]


class KafkaEventLog:
    def __init__(self, *, bootstrap: str, topics: Sequence[str], batch_records: int = 2000) -> None:
        self.bootstrap = bootstrap
        self.topics = tuple(topics)
        self.batch_records = batch_records

    async def read(self, apply: Callable[[LogBatch], Awaitable[None]], *,
                   start: Positions | None = None) -> Positions:
        """Pass every batch from `start` (or the beginning) up to the end each topic had; return where it stopped."""
        reader = AIOKafkaConsumer(bootstrap_servers=self.bootstrap, group_id=None, enable_auto_commit=False,
                                  auto_offset_reset="earliest")
        await reader.start()
        try:
            await reader._client.force_metadata_update()  # the public API has no "refresh metadata" call
            partitions = [TopicPartition(topic, p) for topic in self.topics
                          for p in sorted(reader.partitions_for_topic(topic) or ())]
            if not partitions:
                return {}
            listed = await reader.end_offsets(partitions)
            reader.assign(partitions)
            for tp in partitions:
                reader.seek(tp, (start or {}).get((tp.topic, tp.partition), 0))
            stopped = await self._drain(reader, partitions, listed, apply)
            return {(tp.topic, tp.partition): offset for tp, offset in stopped.items()}
        finally:
            await reader.stop()

    async def _drain(self, reader: AIOKafkaConsumer, partitions: list[TopicPartition], listed: _Offsets,
                     apply: Callable[[LogBatch], Awaitable[None]]) -> _Offsets:
        # The end is the first high watermark a fetch reports (the embedded broker's ListOffsets answers wrongly),
        # fixed once seen so that a busy topic cannot keep the replay from finishing.
        target: _Offsets = {}
        while True:
            batches = await reader.getmany(timeout_ms=500, max_records=self.batch_records)
            await apply(decoded([record for records in batches.values() for record in records]))
            for tp in partitions:
                highwater = reader.highwater(tp)
                if tp not in target and (highwater is not None or not batches):
                    target[tp] = max(listed[tp], highwater or 0)
            positions = {tp: await reader.position(tp) for tp in partitions}
            if len(target) == len(partitions) and all(positions[tp] >= target[tp] for tp in partitions):
                return positions


def decoded(records: Sequence[ConsumerRecord]) -> LogBatch:
    """The events of some records; those the live consumer would dead-letter or skip are only counted."""
    events: list[Event] = []
    for record in records:
        try:
            events.append(from_kafka(record.topic, record.value, list(record.headers)))
        except (UndecodableEvent, ValueError):  # undecodable, of an unknown type, or not valid for its contract
            pass
    return LogBatch(records=len(records), events=events, unreadable=len(records) - len(events))
