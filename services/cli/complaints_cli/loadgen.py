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


@dataclass
class Submissions:
    sent_at: dict[str, float] = field(default_factory=dict)
    """complaint id (HTTP) or "ref:" + external reference (Kafka) → when it was submitted."""
    errors: int = 0


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
                    out.sent_at[answer.json()["complaint_id"]] = sent
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
    http_slots = {i for i in range(plan.count) if (i * plan.http_share) % 1 + plan.http_share >= 1 - 1e-9} \
        if plan.http_share < 1 else set(range(plan.count))
    tracker = StageTracker(plan.bootstrap)
    lag = LagSampler(dict(plan.service_urls))
    await tracker.start()
    await lag.start()
    submissions = Submissions()
    start = time.monotonic()
    kafka_slots = [i for i in range(plan.count) if i not in http_slots]
    http_list = sorted(http_slots)
    await asyncio.gather(
        _over_kafka(plan, [items[i] for i in kafka_slots], submissions, start, kafka_slots, tick),
        _over_http(plan, [items[i] for i in http_list], submissions, start, http_list, tick),
    )
    submitted_at = time.monotonic()
    ids = await _settle(plan, tracker, submissions)
    finished = time.monotonic()
    await tracker.stop()
    samples = await lag.stop()
    return _report(plan, tracker, submissions, ids, start, submitted_at, finished, samples)


async def _settle(plan: LoadPlan, tracker: StageTracker, submissions: Submissions) -> dict[str, float]:
    deadline = time.monotonic() + plan.settle_seconds
    while True:
        ids = {tracker.by_reference.get(k[4:], k) if k.startswith("ref:") else k: t
               for k, t in submissions.sent_at.items()}
        ids = {k: t for k, t in ids.items() if not k.startswith("ref:")}
        done = tracker.count("acknowledged", set(ids))
        if done >= len(submissions.sent_at) or time.monotonic() > deadline:
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
