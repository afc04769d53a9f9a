"""`complaints bench`: benchmark a fresh embedded suite and write the report into docs/."""

from pathlib import Path

import typer
from rich.console import Console

from .run import run_bench

console = Console()


def bench(count: int = typer.Option(2000, help="Complaints per run at the target rate"),
          soak_minutes: int = typer.Option(0, help="Then a soak run at a steady rate for this many minutes "
                                                   "(20–30 shows whether CPU per complaint stays flat); 0 = none"),
          soak_rate: float = typer.Option(10.0, help="Complaints per second offered during the soak run")) -> None:
    """Benchmark a fresh embedded suite; write docs/benchmarks.md and docs/benchmarks.json."""
    with console.status("Benchmarking (starts its own suite)…"):
        run_bench(count=count, output=Path("docs/benchmarks.md"), report=Path("docs/benchmarks.json"),
                  soak_minutes=soak_minutes, soak_rate=soak_rate)
    console.print(Path("docs/benchmarks.md").read_text())
