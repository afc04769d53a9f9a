"""The topics read as a log: a plain consumer (no group, nothing committed) from given offsets up to the end."""

import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from complaint_contracts import UndecodableEvent, from_kafka
from complaint_contracts.base import Event

from ..domain.ports import LogBatch, Positions
from ..domain.replay_coverage import PartitionStart

_Offsets = dict[TopicPartition, int]
FIRST_RECORD_WAIT_SECONDS = 30.0
"""How long to wait for the record at a truncated partition's start before calling its start unknown."""


class KafkaEventLog:
    def __init__(self, *, bootstrap: str, topics: Sequence[str], batch_records: int = 2000) -> None:
        self.bootstrap = bootstrap
        self.topics = tuple(topics)
        self.batch_records = batch_records

    async def read(self, apply: Callable[[LogBatch], Awaitable[None]], *,
                   start: Positions | None = None) -> Positions:
        """Pass every batch from `start` (or the beginning) up to the end each topic had; return where it stopped."""
        reader = await self._reader()
        try:
            partitions = await self._partitions(reader)
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

    async def starts(self) -> list[PartitionStart]:
        """Each partition's earliest retained offset and, where retention moved it past 0, its record's time."""
        reader = await self._reader()
        try:
            partitions = await self._partitions(reader)
            earliest = await reader.beginning_offsets(partitions) if partitions else {}
            truncated = {tp: earliest[tp] for tp in partitions if earliest[tp] > 0}
            oldest = await self._record_times(reader, truncated) if truncated else {}
            return [PartitionStart(tp.topic, tp.partition, earliest[tp], oldest.get(tp)) for tp in partitions]
        finally:
            await reader.stop()

    async def record_times(self, offsets: _Offsets) -> dict[TopicPartition, datetime]:
        """The timestamp of the record at each given offset (absent where there is none, or it was not read in
        time)."""
        reader = await self._reader()
        try:
            return await self._record_times(reader, offsets)
        finally:
            await reader.stop()

    async def _reader(self) -> AIOKafkaConsumer:
        reader = AIOKafkaConsumer(bootstrap_servers=self.bootstrap, group_id=None, enable_auto_commit=False,
                                  auto_offset_reset="earliest")
        await reader.start()
        return reader

    async def _partitions(self, reader: AIOKafkaConsumer) -> list[TopicPartition]:
        await reader._client.force_metadata_update()  # the public API has no "refresh metadata" call
        return [TopicPartition(topic, p) for topic in self.topics
                for p in sorted(reader.partitions_for_topic(topic) or ())]

    @staticmethod
    async def _record_times(reader: AIOKafkaConsumer, offsets: _Offsets) -> dict[TopicPartition, datetime]:
        ends = await reader.end_offsets(list(offsets))
        wanted = {tp for tp, offset in offsets.items() if ends[tp] > offset}
        if not wanted:
            return {}
        reader.assign(sorted(wanted, key=lambda tp: (tp.topic, tp.partition)))
        for tp in wanted:
            reader.seek(tp, offsets[tp])
        found: dict[TopicPartition, datetime] = {}
        deadline = time.monotonic() + FIRST_RECORD_WAIT_SECONDS
        while wanted - set(found) and time.monotonic() < deadline:
            for tp, records in (await reader.getmany(timeout_ms=500, max_records=len(wanted))).items():
                if records and tp not in found:
                    found[tp] = datetime.fromtimestamp(records[0].timestamp / 1000, UTC)
                    reader.pause(tp)
        return found

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
