"""Watches the suite's topics and times each complaint's stages: received → routed → case opened → acknowledged
(→ resolved → closed for the complaints worked through the staff API)."""

import asyncio
import time
from dataclasses import dataclass, field

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from complaint_contracts import (
    CaseAssigned,
    CaseOpened,
    ComplaintClosed,
    ComplaintReceived,
    ComplaintResolved,
    ComplaintRouted,
    NotificationSent,
    UndecodableEvent,
    from_kafka,
    topics,
)

STAGES = ("received", "routed", "case_opened", "acknowledged", "resolved", "closed")
PATH = STAGES[:4]
"""The stages every complaint goes through at once (the others only when worked to closure)."""
"""The last two are reached only by the complaints the load generator works through the staff API."""
WATCHED = (topics.INTAKE, topics.ROUTING, topics.RESOLUTION, topics.NOTIFICATION)
CREATE_TIME = 0
"""Kafka's timestamp type of a record stamped by its producer (1: by the broker when it was appended)."""


@dataclass
class StageTracker:
    """Records, per complaint, when each stage's event was first published (monotonic seconds on this machine)."""

    bootstrap: str
    seen: dict[str, dict[str, float]] = field(default_factory=dict)
    by_reference: dict[str, str] = field(default_factory=dict)
    """external_reference → complaint id (for complaints submitted over Kafka)."""
    teams: dict[str, str] = field(default_factory=dict)
    """complaint id → the team owning its case, as resolution announces it (whose agents may work the case)."""
    departments: dict[str, str] = field(default_factory=dict)
    """complaint id → the department routing gave it."""
    _consumer: AIOKafkaConsumer | None = None
    _task: asyncio.Task | None = None

    async def start(self) -> None:
        """Start at the current end of every topic: only what happens from now on is timed."""
        self._consumer = AIOKafkaConsumer(bootstrap_servers=self.bootstrap, enable_auto_commit=False,
                                          max_partition_fetch_bytes=4 * 1024 * 1024)
        await self._consumer.start()
        await self._consumer.topics()  # loads metadata, so partitions_for_topic knows every topic
        partitions = [TopicPartition(t, p) for t in WATCHED for p in (self._consumer.partitions_for_topic(t) or ())]
        self._consumer.assign(partitions)
        await self._consumer.seek_to_end(*partitions)
        self._task = asyncio.create_task(self._run())

    def _mark(self, complaint_id: str, stage: str, at: float) -> None:
        self.seen.setdefault(complaint_id, {}).setdefault(stage, at)

    async def _run(self) -> None:
        assert self._consumer is not None
        while True:
            batches = await self._consumer.getmany(timeout_ms=200, max_records=5000)
            now = time.monotonic()
            for records in batches.values():
                for record in records:
                    try:
                        event = from_kafka(record.topic, record.value, record.headers)
                    except UndecodableEvent:
                        continue  # not ours to judge: the services dead-letter what they cannot read
                    self._observe(event, published_at(record, now))

    def _observe(self, event: object, now: float) -> None:
        if isinstance(event, ComplaintReceived):
            if event.external_reference:
                self.by_reference[event.external_reference] = event.complaint_id
            self._mark(event.complaint_id, "received", now)
        elif isinstance(event, ComplaintRouted):
            self.departments.setdefault(event.complaint_id, event.department)
            self._mark(event.complaint_id, "routed", now)
        elif isinstance(event, CaseOpened):
            self.teams.setdefault(event.complaint_id, event.team)
            self._mark(event.complaint_id, "case_opened", now)
        elif isinstance(event, CaseAssigned):
            self.teams[event.complaint_id] = event.team  # a reassigned case is worked by its new team
        elif isinstance(event, ComplaintResolved):
            self._mark(event.complaint_id, "resolved", now)
        elif isinstance(event, ComplaintClosed):
            self._mark(event.complaint_id, "closed", now)
        elif isinstance(event, NotificationSent) and event.template == "acknowledgement" and event.complaint_id:
            self._mark(event.complaint_id, "acknowledged", now)

    def count(self, stage: str, complaint_ids: set[str]) -> int:
        return sum(1 for cid in complaint_ids if stage in self.seen.get(cid, {}))

    def through(self, complaint_id: str) -> float | None:
        """When the complaint was through every stage of `PATH` (None while it is not)."""
        seen = self.seen.get(complaint_id, {})
        return max(seen[stage] for stage in PATH) if all(stage in seen for stage in PATH) else None

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        if self._consumer is not None:
            await self._consumer.stop()


def published_at(record: ConsumerRecord, seen_at: float) -> float:
    """When the service published the record (its producer's timestamp), on the monotonic clock the submissions are
    timed with; when it was seen if the record has no creation time. The tracker's own fetches then add nothing to
    the latencies it reports: a broker may hold a fetch for up to its wait (aiokafka's default: 500 ms)."""
    if record.timestamp_type != CREATE_TIME or record.timestamp is None or record.timestamp <= 0:
        return seen_at
    return min(seen_at, record.timestamp / 1000 - time.time() + time.monotonic())
