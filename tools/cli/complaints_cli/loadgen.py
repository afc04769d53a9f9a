"""Load generator: files complaints at a rate over Kafka and/or HTTP, works a share to closure, times each stage."""

import asyncio
import statistics
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import httpx
from aiokafka import AIOKafkaProducer
from complaint_contracts import ComplaintSubmission, to_kafka, topics

from .casework import CaseWork, WorkItem
from .content import ContentGenerator
from .lag import LagSampler
from .tracker import STAGES, StageTracker
from .worked_share import casework_report, chosen, hand_out, worked_slots

# Plan fields left out of the report: where the suite runs, and the secret that signs staff tokens.
NOT_REPORTED = ("bootstrap", "intake_url", "service_urls", "resolution_url", "staff_secret")


@dataclass(frozen=True)
class LoadPlan:
    count: int
    rate: float
    """Complaints per second, both paths together."""
    http_share: float
    """0 = all over the submissions topic, 1 = all over HTTP."""
    bootstrap: str
    intake_url: str
    service_urls: tuple[tuple[str, str], ...] = ()
    """(service, base URL) pairs whose consumer lag is sampled."""
    seed: int = 2026
    settle_seconds: float = 120.0
    """How long to wait after the last submission for the stages to complete."""
    http_concurrency: int = 64
    resolve_share: float = 0.0
    """Share of each filing path's complaints worked through the staff API to closure once their case opens."""
    resolution_url: str = ""
    staff_secret: str = ""
    """Signs the agents' tokens (the identity provider's secret of the running suite)."""
    agents: int = 16
    """Cases worked at the same time."""

    def __post_init__(self) -> None:
        if self.resolve_share > 0 and not (self.resolution_url and self.staff_secret):
            raise ValueError("working cases needs resolution's URL and the secret that signs staff tokens")


@dataclass
class Submissions:
    sent_at: dict[str, float] = field(default_factory=dict)
    """complaint id (HTTP) or "ref:" + external reference (Kafka) → when it was submitted."""
    errors: int = 0
    receipts: dict[str, tuple[str, str]] = field(default_factory=dict)
    """complaint id → (tracking number, access code) of HTTP filings."""
    keys: dict[int, str] = field(default_factory=dict)
    """The plan's slot → its key in `sent_at`, once submitted."""

    def work_item(self, slot: int, tracker: StageTracker) -> WorkItem | None:
        """The slot's complaint ready to be worked: submitted, its case open and its owning team known."""
        key = self.keys.get(slot)
        complaint_id = (tracker.by_reference.get(key[4:]) if key.startswith("ref:") else key) if key else None
        if complaint_id is None or complaint_id not in tracker.teams:
            return None
        tracking_number, access_code = self.receipts.get(complaint_id, (None, None))
        return WorkItem(complaint_id, tracker.teams[complaint_id], tracker.departments.get(complaint_id),
                        tracking_number=tracking_number, access_code=access_code)


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


async def _pace(index: int, start: float, rate: float) -> None:
    delay = start + index / rate - time.monotonic()
    if delay > 0:
        await asyncio.sleep(delay)


async def _over_kafka(plan: LoadPlan, items: list[dict[str, Any]], out: Submissions, start: float,
                      slots: list[int], tick: Callable[[], None]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=plan.bootstrap, acks="all", linger_ms=5)
    await producer.start()
    try:
        futures = []
        for index, details in zip(slots, items, strict=True):
            await _pace(index, start, plan.rate)
            reference = f"LOAD-{uuid.uuid4().hex[:16]}"
            event = ComplaintSubmission(source="/loadgen", source_system="loadgen", external_reference=reference,
                                        **details)
            record = to_kafka(event)
            out.sent_at[f"ref:{reference}"] = time.monotonic()
            out.keys[index] = f"ref:{reference}"
            futures.append(await producer.send(topics.SUBMISSIONS, record.value, key=record.key,
                                               headers=record.headers))
            tick()
        await asyncio.gather(*futures)
    finally:
        await producer.stop()


async def _over_http(plan: LoadPlan, items: list[dict[str, Any]], out: Submissions, start: float,
                     slots: list[int], tick: Callable[[], None]) -> None:
    limits = httpx.Limits(max_connections=plan.http_concurrency)
    async with httpx.AsyncClient(base_url=plan.intake_url, limits=limits, timeout=30) as client:
        gate = asyncio.Semaphore(plan.http_concurrency)

        async def file(index: int, details: dict[str, Any]) -> None:
            async with gate:
                sent = time.monotonic()
                answer = await client.post("/v1/complaints", json=details,
                                           headers={"Idempotency-Key": uuid.uuid4().hex})
                if answer.status_code in (200, 201):
                    receipt = answer.json()
                    out.sent_at[receipt["complaint_id"]] = sent
                    out.receipts[receipt["complaint_id"]] = (receipt["tracking_number"], receipt["access_code"])
                    out.keys[index] = receipt["complaint_id"]
                else:
                    out.errors += 1
                tick()

        tasks = []
        for index, details in zip(slots, items, strict=True):
            await _pace(index, start, plan.rate)
            tasks.append(asyncio.create_task(file(index, details)))
        await asyncio.gather(*tasks)


async def run_load(plan: LoadPlan, tick: Callable[[], None] = lambda: None) -> dict[str, Any]:
    """Submit the plan's complaints, work the chosen share to closure, and report per-stage latencies."""
    generator = ContentGenerator(plan.seed)
    items = [generator.details() for _ in range(plan.count)]
    http_slots = chosen(plan.count, plan.http_share)
    to_work = worked_slots(plan.count, http_slots, plan.resolve_share)
    tracker = StageTracker(plan.bootstrap)
    lag = LagSampler(dict(plan.service_urls))
    await tracker.start()
    await lag.start()
    submissions = Submissions()
    async with CaseWork(resolution_url=plan.resolution_url, intake_url=plan.intake_url,
                        staff_secret=plan.staff_secret, agents=plan.agents) as casework:
        start = time.monotonic()
        kafka_slots = [i for i in range(plan.count) if i not in http_slots]
        http_list = sorted(http_slots)
        agents = asyncio.create_task(hand_out(to_work, lambda slot: submissions.work_item(slot, tracker), casework))
        await asyncio.gather(
            _over_kafka(plan, [items[i] for i in kafka_slots], submissions, start, kafka_slots, tick),
            _over_http(plan, [items[i] for i in http_list], submissions, start, http_list, tick),
        )
        submitted_at = time.monotonic()
        ids = await _settle(plan, tracker, submissions, to_work, casework)
        finished = time.monotonic()
        agents.cancel()
        await asyncio.gather(agents, return_exceptions=True)
    await tracker.stop()
    samples = await lag.stop()
    return _report(plan, tracker, submissions, ids, start, submitted_at, finished, samples) | {
        "casework": casework_report(to_work, http_slots, casework)}


async def _settle(plan: LoadPlan, tracker: StageTracker, submissions: Submissions, to_work: set[int],
                  casework: CaseWork) -> dict[str, float]:
    """Wait (at most settle_seconds) for every acknowledgement, and for the chosen share to be worked and closed."""
    deadline = time.monotonic() + plan.settle_seconds
    while True:
        ids = {tracker.by_reference.get(k[4:], k) if k.startswith("ref:") else k: t
               for k, t in submissions.sent_at.items()}
        ids = {k: t for k, t in ids.items() if not k.startswith("ref:")}
        acknowledged = tracker.count("acknowledged", set(ids)) >= len(submissions.sent_at)
        worked = casework.finished >= len(to_work & set(submissions.keys))
        # The API answers a closure a moment before its ComplaintClosed reaches the topic, where it is timed.
        closed = tracker.count("closed", set(casework.completed)) >= len(casework.completed)
        if (acknowledged and worked and closed) or time.monotonic() > deadline:
            return ids
        await asyncio.sleep(0.25)


def _report(plan: LoadPlan, tracker: StageTracker, submissions: Submissions, ids: dict[str, float], start: float,
            submitted_at: float, finished: float, lag: list[dict[str, Any]]) -> dict[str, Any]:
    stages: dict[str, Any] = {}
    for stage in STAGES:
        latencies = [tracker.seen[c][stage] - sent for c, sent in ids.items() if stage in tracker.seen.get(c, {})]
        stages[stage] = {"count": len(latencies), "p50_s": percentile(latencies, 50),
                         "p95_s": percentile(latencies, 95), "p99_s": percentile(latencies, 99)}
    acked = [tracker.seen[c]["acknowledged"] for c in ids if "acknowledged" in tracker.seen.get(c, {})]
    span = (max(acked) - start) if acked else None
    return {
        "plan": {k: v for k, v in asdict(plan).items() if k not in NOT_REPORTED},
        "submitted": len(submissions.sent_at), "submit_errors": submissions.errors,
        "submit_seconds": round(submitted_at - start, 3), "total_seconds": round(finished - start, 3),
        "offered_rate_per_s": round(len(submissions.sent_at) / max(submitted_at - start, 1e-9), 1),
        "acknowledged_rate_per_s": round(len(acked) / span, 1) if span else 0.0,
        "stages": stages, "consumer_lag": lag,
    }
