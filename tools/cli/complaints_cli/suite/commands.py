"""`complaints up`, `status` and `mail`: run the embedded suite and look at it."""

import mailbox
import signal
import time
from email.header import decode_header, make_header

import httpx
import typer
from rich.console import Console
from rich.table import Table

from .processes import SERVICES, Suite, SuiteConfig
from .state import RUN_DIR, forget_running, record_running, running

console = Console()


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
        record_running(suite)
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
        forget_running()
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


def status() -> None:
    """Readiness of each service of the running suite."""
    table = Table("service", "url", "ready")
    healthy = True
    for service, url in running()["services"].items():
        try:
            answer = httpx.get(f"{url}/readyz", timeout=3)
            ready = "yes" if answer.status_code == 200 else f"no: {answer.json().get('checks')}"
        except httpx.HTTPError as exc:
            ready = f"no: {type(exc).__name__}"
        healthy &= ready == "yes"
        table.add_row(service, url, ready)
    console.print(table)
    raise typer.Exit(0 if healthy else 1)


def mail(last: int = typer.Option(20, help="How many of the newest mails to list")) -> None:
    """List the mails the local SMTP sink kept."""
    box = mailbox.Maildir(RUN_DIR / "mail", create=False)
    messages = sorted(box, key=lambda m: m.get_date())[-last:]
    table = Table("received", "to", "subject")
    for message in messages:
        table.add_row(time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(message.get_date())),
                      str(message["To"]), str(make_header(decode_header(message["Subject"] or ""))))
    console.print(table)
