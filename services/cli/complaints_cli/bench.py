"""`complaints bench`: the load generator against the embedded suite, beside the raw ceilings of that stack."""

import asyncio
import json
import platform
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .ceilings import kafka_ceiling, store_ceiling
from .loadgen import LoadPlan, run_load
from .suite import SERVICES, Suite, SuiteConfig

TARGETS = {"kafka": 500, "http": 200}
"""Complaints per second the suite is meant to sustain, received → routed → acknowledged (2 cores)."""


def machine() -> dict[str, Any]:
    import os

    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {"cpus": os.cpu_count(), "memory_gib": round(memory, 1), "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}", "processor": platform.machine()}


async def measure(suite: Suite, *, count: int) -> dict[str, Any]:
    bootstrap, intake = suite.kafka_bootstrap, suite.url("intake")
    results: dict[str, Any] = {"machine": machine(), "when": datetime.now(UTC).isoformat(timespec="seconds")}
    results["ceilings"] = {"kafka": await kafka_ceiling(bootstrap), "store": await store_ceiling(suite.mongo_url)}
    runs = {}
    urls = tuple((s, suite.url(s)) for s in SERVICES)
    for path, share in (("kafka", 0.0), ("http", 1.0)):
        target = TARGETS[path]
        runs[f"{path}_at_target"] = await run_load(LoadPlan(count=count, rate=target, http_share=share,
                                                            bootstrap=bootstrap, intake_url=intake,
                                                            service_urls=urls))
        runs[f"{path}_at_half"] = await run_load(LoadPlan(count=count // 2, rate=target / 2, http_share=share,
                                                          bootstrap=bootstrap, intake_url=intake, seed=7,
                                                          service_urls=urls))
    results["runs"] = runs
    return results


def run_bench(*, count: int, output: Path, report: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="complaints-bench-") as run_dir:
        suite = Suite(SuiteConfig(run_dir=Path(run_dir), persistent=False))
        try:
            suite.start()
            suite.wait_ready(timeout=180)
            results = asyncio.run(measure(suite, count=count))
        finally:
            suite.stop()
    report.write_text(json.dumps(results, indent=2))
    output.write_text(render_markdown(results, count=count))
    return results


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value * 1000:.0f} ms"


def render_markdown(results: dict[str, Any], *, count: int) -> str:
    m, ceilings = results["machine"], results["ceilings"]
    kafka, store = ceilings["kafka"], ceilings["store"]
    lines = [
        "# Benchmarks", "",
        f"Measured {results['when']} on {m['cpus']} CPUs, {m['memory_gib']} GiB, {m['system']}, Python {m['python']},",
        "embedded stack (Tansu in memory, SecantusDB on WiredTiger), all five services as processes.",
        f"Reproduce: `make bench` (= `complaints bench --count {count}`); raw numbers in `docs/benchmarks.json`.", "",
        "## Raw ceilings of the stack", "",
        "| what | rate |", "|---|---|",
        f"| Kafka produce, {kafka['value_bytes']} B values, acks=all | {kafka['produce_per_s']}/s |",
        f"| Kafka consume | {kafka['consume_per_s']}/s |",
        f"| store bulk insert, {store['document_bytes']} B documents | {store['bulk_insert_per_s']}/s |",
        f"| store bulk update by _id | {store['bulk_update_per_s']}/s |",
        f"| store single insert | {store['single_insert_per_s']}/s |", "",
        "## The suite: submission → received → routed → case opened → acknowledged", "",
        "| run | offered/s | acknowledged/s | of Kafka produce ceiling | acknowledged | p50 | p95 | p99 (to ack) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, run in results["runs"].items():
        ack = run["stages"]["acknowledged"]
        ratio = run["acknowledged_rate_per_s"] / max(ceilings["kafka"]["produce_per_s"], 1)
        lines.append(f"| {name} | {run['offered_rate_per_s']} | {run['acknowledged_rate_per_s']} | {ratio:.1%} | "
                     f"{ack['count']}/{run['submitted']} | {_ms(ack['p50_s'])} | {_ms(ack['p95_s'])} | "
                     f"{_ms(ack['p99_s'])} |")
    lines += ["", "Per-stage latencies (p50 / p99 from submission):", ""]
    for name, run in results["runs"].items():
        stages = ", ".join(f"{s} {_ms(v['p50_s'])} / {_ms(v['p99_s'])}" for s, v in run["stages"].items())
        lines.append(f"- {name}: {stages}")
    lines += ["", f"Targets: ≥ {TARGETS['kafka']}/s over Kafka and ≥ {TARGETS['http']}/s over HTTP through",
              "acknowledgement, p99 < 2 s at half that rate. Analysis of what limits it: see the section below.", ""]
    return "\n".join(lines)
