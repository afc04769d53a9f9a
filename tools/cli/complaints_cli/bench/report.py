"""The benchmark's report: docs/benchmarks.md from the measured results."""

from typing import Any

from .soak import render_soak

TARGETS = {"kafka": 250, "http": 120}
"""Complaints per second the suite is meant to sustain, received → routed → case opened → acknowledged (2 cores)."""


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
        "| run | offered/s | through every stage/s | of Kafka produce ceiling | of the rate the cores allow "
        "| through every stage | p50 | p95 | p99 (to ack) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, run in results["runs"].items():
        ack = run["stages"]["acknowledged"]
        ratio = run["through_rate_per_s"] / max(ceilings["kafka"]["produce_per_s"], 1)
        allowed = (run.get("cpu") or {}).get("cpu_bound_ceiling_per_s")
        of_cores = f"{run['through_rate_per_s'] / allowed:.0%}" if allowed else "—"
        lines.append(f"| {name} | {run['offered_rate_per_s']} | {run['through_rate_per_s']} | {ratio:.2%} | "
                     f"{of_cores} | "
                     f"{run['through']}/{run['submitted']} | {_ms(ack['p50_s'])} | {_ms(ack['p95_s'])} | "
                     f"{_ms(ack['p99_s'])} |")
    lines += ["", "Per-stage latencies (p50 / p99 from submission):", ""]
    for name, run in results["runs"].items():
        stages = ", ".join(f"{s} {_ms(v['p50_s'])} / {_ms(v['p99_s'])}" for s, v in run["stages"].items())
        lines.append(f"- {name}: {stages}")
    lines += _cpu_section(results["runs"])
    lines += _floor_section(results)
    if "soak" in results:
        lines += render_soak(results["soak"])
    lines += ["", f"Targets: ≥ {TARGETS['kafka']}/s over Kafka and ≥ {TARGETS['http']}/s over HTTP through",
              "acknowledgement, ≥ 50 % of the floor's rate, p99 < 1 s at half the sustained rate, CPU per complaint",
              "flat over a soak. `*_offered_target` offers the target rate and shows what",
              "the suite sustains; `*_at_half_sustained` offers half of that and shows latency without a queue.",
              "What limits it and what to do about it: [performance.md](performance.md).", ""]
    return "\n".join(lines)


def _cpu_section(runs: dict[str, Any]) -> list[str]:
    """Where the CPU goes per complaint (through every stage) in the saturated runs, and the rate the cores allow."""
    measured = {name: run["cpu"] for name, run in runs.items() if "cpu" in run}
    if not measured:
        return []
    names = list(measured)
    processes = sorted({p for cpu in measured.values() for p in cpu["ms_per_complaint"]},
                       key=lambda p: -max(cpu["ms_per_complaint"].get(p, 0) for cpu in measured.values()))
    lines = ["", "## Where the CPU goes (ms of CPU per complaint through every stage, from submission until every "
                 "consumer has caught up)", "",
             "| process | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for process in processes:
        lines.append(f"| {process} | " + " | ".join(str(measured[n]["ms_per_complaint"].get(process, "—"))
                                                      for n in names) + " |")
    lines.append("| **all** | " + " | ".join(f"**{measured[n]['total_ms_per_complaint']}**" for n in names) + " |")
    lines.append("| rate the cores allow at this cost | " + " | ".join(
        f"{measured[n]['cpu_bound_ceiling_per_s']}/s" for n in names) + " |")
    return lines


def _floor_section(results: dict[str, Any]) -> list[str]:
    """The suite against the floor: the same pipeline shape, insert-only and batched, no rules, same stack."""
    floor = results.get("floor")
    if not floor:
        return []
    floor_ms = floor["cpu"]["total_ms_per_complaint"]
    lines = ["", "## Against the floor of this stack", "",
             f"The floor: {floor['stages']} stages, each with its own store, consuming the previous stage's topic "
             f"in batches of {floor['batch']}, one `insert_many` of ~{floor['value_bytes']} B documents and one "
             "record onward per complaint, then a commit (`bench/floor.py`); no rules, no updates, no mail. It moved "
             f"{floor['complaints']} complaints at **{floor['per_s']}/s** for **{floor_ms} ms** of CPU each "
             "(broker, stores and the pipeline's own process).", "",
             "| run | through every stage/s | of the floor's rate | CPU ms per complaint (all / without mail sink and "
             "load generator) | × the floor's CPU |", "|---|---|---|---|---|"]
    for name, run in results["runs"].items():
        cpu = run.get("cpu")
        if not cpu:
            continue
        lines.append(f"| {name} | {run['through_rate_per_s']} | "
                     f"{run['through_rate_per_s'] / max(floor['per_s'], 0.1):.1%} | "
                     f"{cpu['total_ms_per_complaint']} / {cpu['product_ms_per_complaint']} | "
                     f"{cpu['product_ms_per_complaint'] / max(floor_ms, 0.1):.1f}× |")
    return lines
