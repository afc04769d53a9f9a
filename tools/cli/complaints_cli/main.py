"""`complaints`: run the embedded suite and look at it."""

import asyncio
import json
import mailbox
import signal
import time
from email.header import decode_header, make_header
from pathlib import Path

import httpx
import typer
from rich.console import Console
from rich.progress import Progress, TimeElapsedColumn
from rich.table import Table

from .bench import run_bench
from .loadgen import LoadPlan, run_load
from .suite import SERVICES, Suite, SuiteConfig
from .tokens import app as token_app

app = typer.Typer(help="Customer-complaint management platform: run and inspect the suite.", no_args_is_help=True)
console = Console()
app.add_typer(token_app, name="token")
RUN_DIR = Path(".run")
STATE_FILE = RUN_DIR / "suite.json"


@app.command()
def up(
    base_port: int = typer.Option(8001, help="Intake listens here; the other services on the next ports"),
    kafka_port: int = typer.Option(39092, help="Embedded Kafka-compatible broker"),
    mongo_port: int = typer.Option(37017, help="First embedded MongoDB-compatible server (one per service, on the "
                                               "next ports)"),
    smtp_port: int = typer.Option(2525, help="Local SMTP sink that keeps every mail"),
) -> None:
    """Start the embedded broker and store, an SMTP sink and all five services; Ctrl-C stops everything."""
    ports = {s: base_port + i for i, s in enumerate(SERVICES)}
    suite = Suite(SuiteConfig(run_dir=RUN_DIR, kafka_port=kafka_port, mongo_port=mongo_port, smtp_port=smtp_port,
                              service_ports=ports))
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    try:
        with console.status("Starting the embedded stack and the services…"):
            suite.start()
            suite.wait_ready()
        # Explicit handlers: a shell that starts us in the background may have set SIGINT to "ignore".
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        STATE_FILE.write_text(json.dumps({"services": {s: suite.url(s) for s in SERVICES},
                                          "kafka": suite.kafka_bootstrap,
                                          "mailbox": str(suite.mailbox), "logs": str(suite.logs),
                                          "resolution_jwt_secret": suite.resolution_jwt_secret}))
        _print_where(suite)
        while not stopping:
            exited = {k: v for k, v in suite.readiness().items() if v.startswith("exited")}
            if exited:
                console.print(f"[red]stopped unexpectedly: {exited}; see {suite.logs}[/red]")
                raise typer.Exit(1)
            time.sleep(1)
    finally:
        with console.status("Stopping: services finish their work, then the broker and the store…"):
            suite.stop()
        STATE_FILE.unlink(missing_ok=True)
        console.print("Stopped.")


def _print_where(suite: Suite) -> None:
    table = Table(title="Complaints suite is running", show_lines=False)
    for column in ("what", "where"):
        table.add_column(column)
    for service in SERVICES:
        table.add_row(f"{service} API", f"{suite.url(service)}/docs  (metrics: /metrics, ready: /readyz)")
    table.add_row("Kafka (embedded)", suite.kafka_bootstrap)
    for service in SERVICES:
        table.add_row(f"{service} store (embedded MongoDB)", suite.mongo_url_of(service))
    table.add_row("Mailbox", f"{suite.mailbox}  (`complaints mail`)")
    table.add_row("Logs", str(suite.logs))
    console.print(table)
    console.print("Press Ctrl-C to stop.")


@app.command()
def status() -> None:
    """Readiness of each service of the running suite."""
    if not STATE_FILE.exists():
        console.print("The suite is not running (start it with `make run`).")
        raise typer.Exit(1)
    state = json.loads(STATE_FILE.read_text())
    table = Table("service", "url", "ready")
    healthy = True
    for service, url in state["services"].items():
        try:
            answer = httpx.get(f"{url}/readyz", timeout=3)
            ready = "yes" if answer.status_code == 200 else f"no: {answer.json().get('checks')}"
        except httpx.HTTPError as exc:
            ready = f"no: {type(exc).__name__}"
        healthy &= ready == "yes"
        table.add_row(service, url, ready)
    console.print(table)
    raise typer.Exit(0 if healthy else 1)


@app.command()
def mail(last: int = typer.Option(20, help="How many of the newest mails to list")) -> None:
    """List the mails the local SMTP sink kept."""
    box = mailbox.Maildir(RUN_DIR / "mail", create=False)
    messages = sorted(box, key=lambda m: m.get_date())[-last:]
    table = Table("received", "to", "subject")
    for message in messages:
        table.add_row(time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(message.get_date())),
                      str(message["To"]), str(make_header(decode_header(message["Subject"] or ""))))
    console.print(table)


def _running() -> dict:
    if not STATE_FILE.exists():
        console.print("The suite is not running (start it with `make run`).")
        raise typer.Exit(1)
    return json.loads(STATE_FILE.read_text())


@app.command()
def loadgen(
    count: int = typer.Option(1000, help="Complaints to file"),
    rate: float = typer.Option(100.0, help="Complaints per second, both paths together"),
    http_share: float = typer.Option(0.0, min=0.0, max=1.0, help="Share filed over HTTP (the rest over Kafka)"),
    seed: int = typer.Option(2026, help="Seed of the generated content"),
    report: Path = typer.Option(".run/loadgen.json", help="Where the JSON report goes"),
    resolve_share: float = typer.Option(0.0, min=0.0, max=1.0, help="Share of each path's complaints worked "
                                        "through the staff API to resolution and closure"),
) -> None:
    """File complaints against the running suite and time each stage (received, routed, case, acknowledged;
    resolved and closed for the share worked through the staff API)."""
    state = _running()
    if resolve_share > 0 and not state.get("resolution_jwt_secret"):
        console.print("The running suite did not record a token secret for the agents; restart it.")
        raise typer.Exit(1)
    plan = LoadPlan(count=count, rate=rate, http_share=http_share, bootstrap=state["kafka"],
                    intake_url=state["services"]["intake"], seed=seed,
                    service_urls=tuple(state["services"].items()), resolve_share=resolve_share,
                    resolution_url=state["services"]["resolution"],
                    staff_secret=state.get("resolution_jwt_secret", ""))
    with Progress(*Progress.get_default_columns(), TimeElapsedColumn(), console=console) as progress:
        task = progress.add_task("filing", total=count)
        result = asyncio.run(run_load(plan, tick=lambda: progress.advance(task)))
    report.write_text(json.dumps(result, indent=2))
    table = Table("stage", "count", "p50", "p95", "p99")
    for stage, row in result["stages"].items():
        table.add_row(stage, str(row["count"]), *(f"{row[k]:.3f} s" if row[k] is not None else "—"
                                                  for k in ("p50_s", "p95_s", "p99_s")))
    console.print(table)
    console.print(f"offered {result['offered_rate_per_s']}/s, acknowledged {result['acknowledged_rate_per_s']}/s; "
                  f"report: {report}")
    work = result["casework"]
    if work["chosen"]:
        console.print(f"cases chosen {work['chosen']}, worked {work['worked']}, closed {work['completed']} "
                      f"{work['completed_by_path']}, failed {work['failed']} {work['failed_by_step']}")


@app.command()
def bench(count: int = typer.Option(2000, help="Complaints per run at the target rate")) -> None:
    """Benchmark a fresh embedded suite; write docs/benchmarks.md and docs/benchmarks.json."""
    with console.status("Benchmarking (starts its own suite)…"):
        run_bench(count=count, output=Path("docs/benchmarks.md"), report=Path("docs/benchmarks.json"))
    console.print(Path("docs/benchmarks.md").read_text())


if __name__ == "__main__":
    app()
