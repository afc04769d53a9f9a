"""`complaints bench`: benchmark a fresh embedded suite and write the report into docs/."""

from pathlib import Path

import typer
from rich.console import Console

from .run import run_bench

console = Console()


def bench(count: int = typer.Option(2000, help="Complaints per run at the target rate")) -> None:
    """Benchmark a fresh embedded suite; write docs/benchmarks.md and docs/benchmarks.json."""
    with console.status("Benchmarking (starts its own suite)…"):
        run_bench(count=count, output=Path("docs/benchmarks.md"), report=Path("docs/benchmarks.json"))
    console.print(Path("docs/benchmarks.md").read_text())
