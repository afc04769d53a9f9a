"""`complaints loadgen`: the load generator against the running suite."""

import json
import secrets
from pathlib import Path

import typer
import uvloop
from rich.console import Console
from rich.progress import Progress, TimeElapsedColumn
from rich.table import Table

from ..suite.state import running, staff_secret
from .plan import LoadPlan
from .run import run_load

console = Console()


def loadgen(
    count: int = typer.Option(1000, help="Complaints to file"),
    rate: float = typer.Option(100.0, help="Complaints per second, both paths together"),
    http_share: float = typer.Option(0.0, min=0.0, max=1.0, help="Share filed over HTTP (the rest over Kafka)"),
    seed: int | None = typer.Option(None, help="Seed of the generated content (the same seed files the same "
                                    "customers' complaints again, which routing links as duplicates); "
                                    "default: a new one, printed"),
    report: Path = typer.Option(".run/loadgen.json", help="Where the JSON report goes"),
    resolve_share: float = typer.Option(0.0, min=0.0, max=1.0, help="Share of each path's complaints worked "
                                        "through the staff API to resolution and closure"),
) -> None:
    """File complaints against the running suite and time each stage (received, routed, case, acknowledged;
    resolved and closed for the share worked through the staff API)."""
    state = running()
    if seed is None:
        seed = secrets.randbelow(10**6)
        console.print(f"seed {seed} (--seed {seed} files the same complaints again)")
    plan = LoadPlan(count=count, rate=rate, http_share=http_share, bootstrap=state["kafka"],
                    intake_url=state["services"]["intake"], seed=seed,
                    service_urls=tuple(state["services"].items()), resolve_share=resolve_share,
                    resolution_url=state["services"]["resolution"],
                    staff_secret=staff_secret(state) if resolve_share > 0 else "")
    with Progress(*Progress.get_default_columns(), TimeElapsedColumn(), console=console) as progress:
        task = progress.add_task("filing", total=count)
        result = uvloop.run(run_load(plan, tick=lambda: progress.advance(task)))
    report.write_text(json.dumps(result, indent=2))
    table = Table("stage", "count", "p50", "p95", "p99")
    for stage, row in result["stages"].items():
        table.add_row(stage, str(row["count"]), *(f"{row[k]:.3f} s" if row[k] is not None else "—"
                                                  for k in ("p50_s", "p95_s", "p99_s")))
    console.print(table)
    console.print(f"offered {result['offered_rate_per_s']}/s, through every stage {result['through_rate_per_s']}/s; "
                  f"report: {report}")
    work = result["casework"]
    if work["chosen"]:
        console.print(f"cases chosen {work['chosen']}, worked {work['worked']}, closed {work['completed']} "
                      f"{work['completed_by_path']}, failed {work['failed']} {work['failed_by_step']}")
