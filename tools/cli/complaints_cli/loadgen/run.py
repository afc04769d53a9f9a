"""Load generator: files complaints at a rate over Kafka and/or HTTP, works a share to closure, times each stage."""

import asyncio
import time
from collections.abc import Callable
from typing import Any

from .casework import CaseWork
from .content import ContentGenerator
from .filing import Submissions, over_http, over_kafka
from .lag import LagSampler
from .plan import LoadPlan
from .report import load_report
from .tracker import StageTracker
from .worked_share import casework_report, chosen, hand_out, worked_slots


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
            over_kafka(plan, [items[i] for i in kafka_slots], submissions, start, kafka_slots, tick),
            over_http(plan, [items[i] for i in http_list], submissions, start, http_list, tick),
        )
        submitted_at = time.monotonic()
        ids = await _settle(plan, tracker, submissions, to_work, casework)
        finished = time.monotonic()
        agents.cancel()
        await asyncio.gather(agents, return_exceptions=True)
    await tracker.stop()
    samples = await lag.stop()
    return load_report(plan, tracker, submissions, ids, start, submitted_at, finished, samples) | {
        "casework": casework_report(to_work, http_slots, casework)}


async def _settle(plan: LoadPlan, tracker: StageTracker, submissions: Submissions, to_work: set[int],
                  casework: CaseWork) -> dict[str, float]:
    """Wait (at most settle_seconds) for every complaint to be through every stage of the path, and for
    the chosen share to be worked and closed."""
    deadline = time.monotonic() + plan.settle_seconds
    while True:
        ids = {tracker.by_reference.get(k[4:], k) if k.startswith("ref:") else k: t
               for k, t in submissions.sent_at.items()}
        ids = {k: t for k, t in ids.items() if not k.startswith("ref:")}
        through = sum(1 for c in ids if tracker.through(c) is not None) >= len(submissions.sent_at)
        worked = casework.finished >= len(to_work & set(submissions.keys))
        # The API answers a closure a moment before its ComplaintClosed reaches the topic, where it is timed.
        closed = tracker.count("closed", set(casework.completed)) >= len(casework.completed)
        if (through and worked and closed) or time.monotonic() > deadline:
            return ids
        await asyncio.sleep(0.25)
