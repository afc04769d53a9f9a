"""The load generator: files complaints at a target rate over Kafka and/or HTTP and times each stage."""

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
    """Share of the complaints worked through the staff API to resolution and closure once their case opens."""
    resolution_url: str = ""
    staff_secret: str = ""
    """Signs the agents' tokens (the identity provider's secret of the running suite)."""


@dataclass
class Submissions:
    sent_at: dict[str, float] = field(default_factory=dict)
    """complaint id (HTTP) or "ref:" + external reference (Kafka) → when it was submitted."""
    errors: int = 0
    receipts: dict[str, tuple[str, str]] = field(default_factory=dict)
    """complaint id → (tracking number, access code) of HTTP filings."""


def chosen(count: int, share: float) -> set[int]:
    """Indexes spread evenly over `count` so that `share` of them are chosen (0 → none, 1 → all)."""
    return {i for i in range(count) if int((i + 1) * share + 1e-9) > int(i * share + 1e-9)}


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

        async def file(details: dict[str, Any]) -> None:
            async with gate:
                sent = time.monotonic()
                answer = await client.post("/v1/complaints", json=details,
                                           headers={"Idempotency-Key": uuid.uuid4().hex})
                if answer.status_code in (200, 201):
                    receipt = answer.json()
                    out.sent_at[receipt["complaint_id"]] = sent
                    out.receipts[receipt["complaint_id"]] = (receipt["tracking_number"], receipt["access_code"])
                else:
                    out.errors += 1
                tick()

        tasks = []
        for index, details in zip(slots, items, strict=True):
            await _pace(index, start, plan.rate)
            tasks.append(asyncio.create_task(file(details)))
        await asyncio.gather(*tasks)


async def run_load(plan: LoadPlan, tick: Callable[[], None] = lambda: None) -> dict[str, Any]:
    """Submit the plan's complaints, wait for them to be acknowledged, and report per-stage latencies."""
    generator = ContentGenerator(plan.seed)
    items = [generator.details() for _ in range(plan.count)]
    http_slots = chosen(plan.count, plan.http_share)
    tracker = StageTracker(plan.bootstrap)
    lag = LagSampler(dict(plan.service_urls))
    await tracker.start()
    await lag.start()
    submissions = Submissions()
    casework = CaseWork(plan.resolution_url, plan.intake_url, plan.staff_secret)
    start = time.monotonic()
    kafka_slots = [i for i in range(plan.count) if i not in http_slots]
    http_list = sorted(http_slots)
    worker = asyncio.create_task(_work_cases(plan, tracker, submissions, casework))
    await asyncio.gather(
        _over_kafka(plan, [items[i] for i in kafka_slots], submissions, start, kafka_slots, tick),
        _over_http(plan, [items[i] for i in http_list], submissions, start, http_list, tick),
    )
    submitted_at = time.monotonic()
    ids = await _settle(plan, tracker, submissions, casework)
    finished = time.monotonic()
    worker.cancel()
    await asyncio.gather(worker, return_exceptions=True)
    await tracker.stop()
    samples = await lag.stop()
    return _report(plan, tracker, submissions, ids, start, submitted_at, finished, samples) | {
        "casework": casework.report()}


async def _work_cases(plan: LoadPlan, tracker: StageTracker, submissions: Submissions, casework: CaseWork) -> None:
    """Start working each chosen complaint as soon as its case is open; every chosen one gets worked once."""
    if plan.resolve_share <= 0:
        return
    started: set[str] = set()
    tasks: list[asyncio.Task] = []
    try:
        while True:
            keys = list(submissions.sent_at)  # in submission order
            for index in sorted(chosen(len(keys), plan.resolve_share)):
                key = keys[index]
                complaint_id = tracker.by_reference.get(key[4:]) if key.startswith("ref:") else key
                if complaint_id is None or complaint_id in started:
                    continue
                if "case_opened" not in tracker.seen.get(complaint_id, {}) or complaint_id not in tracker.teams:
                    continue
                started.add(complaint_id)
                receipt = submissions.receipts.get(complaint_id, (None, None))
                tasks.append(asyncio.create_task(casework.work(WorkItem(
                    complaint_id, tracker.teams[complaint_id], tracking_number=receipt[0], access_code=receipt[1]))))
            await asyncio.sleep(0.25)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def _settle(plan: LoadPlan, tracker: StageTracker, submissions: Submissions,
                  casework: CaseWork) -> dict[str, float]:
    deadline = time.monotonic() + plan.settle_seconds
    while True:
        ids = {tracker.by_reference.get(k[4:], k) if k.startswith("ref:") else k: t
               for k, t in submissions.sent_at.items()}
        ids = {k: t for k, t in ids.items() if not k.startswith("ref:")}
        done = tracker.count("acknowledged", set(ids))
        to_work = len(chosen(len(submissions.sent_at), plan.resolve_share))
        worked = casework.completed + sum(casework.failed.values())
        # A closed case is timed when its ComplaintClosed is seen on the topic, a moment after the API answered.
        closed = tracker.count("closed", set(ids)) >= casework.completed
        if (done >= len(submissions.sent_at) and worked >= to_work and closed) or time.monotonic() > deadline:
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
        "plan": {k: v for k, v in asdict(plan).items() if k not in ("bootstrap", "intake_url", "service_urls")},
        "submitted": len(submissions.sent_at), "submit_errors": submissions.errors,
        "submit_seconds": round(submitted_at - start, 3), "total_seconds": round(finished - start, 3),
        "offered_rate_per_s": round(len(submissions.sent_at) / max(submitted_at - start, 1e-9), 1),
        "acknowledged_rate_per_s": round(len(acked) / span, 1) if span else 0.0,
        "stages": stages, "consumer_lag": lag,
    }
