"""The benchmark: the load generator against a fresh embedded suite, beside the raw ceilings of that stack."""

import asyncio
import json
import os
import platform
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import uvloop

from ..loadgen import LoadPlan, run_load
from ..loadgen.lag import LagSampler
from ..suite import SERVICES, Suite, SuiteConfig
from ..suite.processes import PROCESSES
from .ceilings import kafka_ceiling, store_ceiling
from .cpu import CpuMeter, cost_per_complaint, spent
from .floor import floor_pipeline
from .report import TARGETS, render_markdown
from .soak import soak


def machine() -> dict[str, Any]:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {"cpus": os.cpu_count(), "memory_gib": round(memory, 1), "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}", "processor": platform.machine()}


async def measure(suite: Suite, *, count: int, soak_minutes: int = 0, soak_rate: float = 10.0) -> dict[str, Any]:
    bootstrap, intake = suite.kafka_bootstrap, suite.url("intake")
    results: dict[str, Any] = {"machine": machine(), "when": datetime.now(UTC).isoformat(timespec="seconds")}
    results["ceilings"] = {"kafka": await kafka_ceiling(bootstrap), "store": await store_ceiling(suite.mongo_url)}
    runs = {}
    urls = tuple((s, suite.url(s)) for s in SERVICES)
    meter = CpuMeter({**suite.pids(), "loadgen": os.getpid()})
    before = meter.sample()
    floor = await floor_pipeline(bootstrap, {s: suite.mongo_url_of(s) for s in SERVICES})
    # The floor runs in this process against the broker and the stores; the idle services are not part of it.
    floor_cpu = {name: seconds for name, seconds in spent(before, meter.sample()).items()
                 if name not in PROCESSES and name != "smtp"}
    floor["cpu"] = cost_per_complaint(floor_cpu, floor["complaints"], cores=os.cpu_count() or 1)
    results["floor"] = floor
    # Each run files complaints of its own customers (its own seed): a run repeating an earlier run's customers and
    # texts would make every complaint a possible duplicate of one already stored, and measure duplicate linking.
    for first_seed, (path, share) in enumerate((("kafka", 0.0), ("http", 1.0)), start=1):
        # Offer the target rate to find what the suite sustains, then time latency at half of what it sustains
        # (latency at a rate it cannot sustain only measures the queue). Drain in between: a run must not
        # inherit the previous run's backlog.
        await drain(urls)
        before = meter.sample()
        saturated = await run_load(LoadPlan(count=count, rate=TARGETS[path], http_share=share, bootstrap=bootstrap,
                                            intake_url=intake, service_urls=urls, seed=100 * first_seed,
                                            settle_seconds=300))
        # What the complaints set off after their acknowledgement (analytics' facts, intake's timeline, staff
        # mails) is part of their cost: the CPU is sampled once every consumer has caught up.
        await drain(urls)
        saturated["cpu"] = cost_per_complaint(spent(before, meter.sample()),
                                              saturated["through"], cores=os.cpu_count() or 1)
        runs[f"{path}_offered_target"] = saturated
        half = max(saturated["through_rate_per_s"] / 2, 1.0)
        runs[f"{path}_at_half_sustained"] = await run_load(LoadPlan(
            count=max(int(half * 30), 20), rate=half, http_share=share, bootstrap=bootstrap, intake_url=intake,
            service_urls=urls, seed=100 * first_seed + 1, settle_seconds=120))
    results["runs"] = runs
    if soak_minutes > 0:
        await drain(urls)
        results["soak"] = await soak(suite, minutes=soak_minutes, rate=soak_rate)
    return results


async def drain(urls: tuple[tuple[str, str], ...], *, timeout: float = 300.0) -> None:
    """Wait until no service has a consumer lag (twice in a row), or the timeout."""
    sampler = LagSampler(dict(urls))
    await sampler.start()
    try:
        deadline, quiet = time.monotonic() + timeout, 0
        while quiet < 2 and time.monotonic() < deadline:
            row = await sampler.sample()
            quiet = quiet + 1 if all(v == 0 for k, v in row.items() if k != "t_s") else 0
            await asyncio.sleep(1)
    finally:
        await sampler.stop()


def run_bench(*, count: int, output: Path, report: Path, soak_minutes: int = 0,
              soak_rate: float = 10.0) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="complaints-bench-") as run_dir:
        suite = Suite(SuiteConfig(run_dir=Path(run_dir), persistent=False))
        try:
            suite.start()
            suite.wait_ready(timeout=180)
            # The floor and the load generator run on the services' event loop (uvloop), so the ratio to the floor
            # compares like with like.
            results = uvloop.run(measure(suite, count=count, soak_minutes=soak_minutes, soak_rate=soak_rate))
        finally:
            suite.stop()
    report.write_text(json.dumps(results, indent=2))
    output.write_text(render_markdown(results, count=count))
    return results
