"""A soak run: a steady rate for many minutes, CPU per complaint measured per window, to show it stays flat.

Short runs never see a cost that grows with the store's history (the embedded store's retryable-writes slowdown
appeared only after ~10,000 writes); this one reports each window's cost and the last windows against the first.
"""

import os
from typing import Any

from ..loadgen import LoadPlan, run_load
from ..suite import BROKER_PROCESS, SERVICES, Suite
from .cpu import CpuMeter, cost_per_complaint, spent


def drift(windows: list[dict[str, Any]], *, without_broker: bool = False) -> float | None:
    """CPU per complaint of the last third of the windows over the first third (1.0 = flat); `without_broker`
    leaves out the embedded broker, whose cost per record grows with the log it holds in memory
    (docs/performance.md), which Apache Kafka's offset index does not."""
    costs = [w["product_ms_per_complaint"] - (w.get("broker_ms_per_complaint", 0.0) if without_broker else 0.0)
             for w in windows if w["through"]]
    third = len(costs) // 3
    if third == 0:
        return None
    first, last = sum(costs[:third]) / third, sum(costs[-third:]) / third
    return round(last / first, 2) if first else None


async def soak(suite: Suite, *, minutes: int, rate: float, window_seconds: int = 60) -> dict[str, Any]:
    """Offer `rate` complaints/s (half over HTTP) for `minutes`, one load window at a time."""
    urls = tuple((s, suite.url(s)) for s in SERVICES)
    meter = CpuMeter({**suite.pids(), "loadgen": os.getpid()})
    windows = []
    for n in range(max(1, minutes * 60 // window_seconds)):
        before = meter.sample()
        run = await run_load(LoadPlan(count=int(rate * window_seconds), rate=rate, http_share=0.5,
                                      bootstrap=suite.kafka_bootstrap, intake_url=suite.url("intake"),
                                      service_urls=urls, seed=1000 + n, settle_seconds=60))
        cost = cost_per_complaint(spent(before, meter.sample()), run["through"], cores=os.cpu_count() or 1)
        windows.append({"window": n, "offered": run["submitted"], "through": run["through"],
                        "p99_s": run["stages"]["acknowledged"]["p99_s"],
                        "product_ms_per_complaint": cost["product_ms_per_complaint"],
                        "broker_ms_per_complaint": cost["ms_per_complaint"].get(BROKER_PROCESS, 0.0),
                        "total_ms_per_complaint": cost["total_ms_per_complaint"]})
    return {"minutes": minutes, "rate_per_s": rate, "windows": windows, "drift": drift(windows),
            "drift_without_broker": drift(windows, without_broker=True)}


def render_soak(result: dict[str, Any]) -> list[str]:
    lines = ["", f"## Soak: {result['rate_per_s']}/s for {result['minutes']} minutes", "",
             f"CPU per complaint, last third of the windows over the first third: **{result['drift']}** "
             f"(1.0 = flat); without the embedded broker (the services and their stores): "
             f"**{result.get('drift_without_broker')}**.", "",
             "| window | offered | through every stage | p99 to ack | CPU ms per complaint (product) | "
             "of it the embedded broker |",
             "|---|---|---|---|---|---|"]
    for w in result["windows"]:
        p99 = "—" if w["p99_s"] is None else f"{w['p99_s'] * 1000:.0f} ms"
        lines.append(f"| {w['window']} | {w['offered']} | {w['through']} | {p99} | "
                     f"{w['product_ms_per_complaint']} | {w.get('broker_ms_per_complaint', '—')} |")
    return lines
