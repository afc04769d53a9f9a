"""Batches that keep failing: which partition is stuck, for readiness, a metric and an alert.

Failures of single records never get here (they are retried, parked or dead-lettered inside the batch); a batch
fails as a whole only when that machinery itself cannot proceed (the store or the dead-letter topic is away). Such
a batch is redelivered from the same offsets. Counting redeliveries of the same first offset per partition tells a
passing outage from a partition that no longer moves.
"""

import asyncio
from collections.abc import Sequence

import structlog
from aiokafka import ConsumerRecord
from prometheus_client import Gauge

log = structlog.get_logger(__name__)

Partition = tuple[str, int]


class StuckPartitions:
    def __init__(self, group: str, *, stuck_after: int, backoff_seconds: float, backoff_max_seconds: float,
                 gauge: Gauge | None = None) -> None:
        self.group = group
        self.stuck_after = stuck_after
        self._backoff = backoff_seconds
        self._backoff_max = backoff_max_seconds
        self._failures: dict[Partition, tuple[int, int]] = {}
        self._gauge = gauge
        self._shown: set[Partition] = set()
        """Partitions whose series exists: a partition's first good batch shows it at 0, so the alert's labels
        are there to see before anything fails."""

    @staticmethod
    def _first_offsets(records: Sequence[ConsumerRecord]) -> dict[Partition, int]:
        first: dict[Partition, int] = {}
        for record in records:
            key = (record.topic, record.partition)
            first[key] = min(first.get(key, record.offset), record.offset)
        return first

    async def failed(self, records: Sequence[ConsumerRecord], error: BaseException) -> None:
        """Count a failed delivery and wait before it is redelivered (doubling, bounded: no busy loop)."""
        worst = 0
        for key, offset in self._first_offsets(records).items():
            last_offset, count = self._failures.get(key, (offset, 0))
            count = count + 1 if last_offset == offset else 1
            self._failures[key] = (offset, count)
            worst = max(worst, count)
            if self._gauge is not None:
                self._gauge.labels(topic=key[0], group=self.group, partition=str(key[1])).set(count)
        if worst & (worst - 1) == 0:  # log on the 1st, 2nd, 4th, 8th … failure, not on every one
            log.error("batch failed as a whole; it will be redelivered", group=self.group, failures=worst,
                      error_class=type(error).__name__)
        if not isinstance(error, asyncio.CancelledError):
            await asyncio.sleep(min(self._backoff * 2 ** (worst - 1), self._backoff_max))

    def succeeded(self, records: Sequence[ConsumerRecord]) -> None:
        for key in self._first_offsets(records):
            failed_before = self._failures.pop(key, None) is not None
            if self._gauge is not None and (failed_before or key not in self._shown):
                self._shown.add(key)
                self._gauge.labels(topic=key[0], group=self.group, partition=str(key[1])).set(0)

    def stuck(self) -> list[str]:
        """`topic/partition` of every partition whose batch failed `stuck_after` times in a row."""
        return [f"{t}/{p}" for (t, p), (_, n) in sorted(self._failures.items()) if n >= self.stuck_after]
