"""`complaints up`, `status`, `restart` and `mail`: run the embedded suite, keep it up, and look at it."""

import logging
import signal
import time
from email.header import decode_header, make_header

import httpx
import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.table import Table

from .control import ControlInbox, ask
from .embedded import BROKER_PROCESS
from .mail_sink import newest_mails
from .processes import FRONT_END, KEY_SEALERS, SERVICES, Suite, SuiteConfig
from .state import CONTROL_DIR, RUN_DIR, SUPERVISOR_FILE, forget_running, record_running, running
from .supervision import Supervisor, read_counts

console = Console()


def up(
    web_port: int = typer.Option(8000, help="The customer portal and the staff desk"),
    base_port: int = typer.Option(8001, help="Intake listens here; the other services on the next ports"),
    kafka_port: int = typer.Option(39092, help="Embedded Kafka-compatible broker"),
    mongo_port: int = typer.Option(37017, help="First embedded MongoDB-compatible server (one per service, on the "
                                               "next ports)"),
    smtp_port: int = typer.Option(2525, help="Local SMTP sink that keeps every mail"),
) -> None:
    """Start the embedded broker and store, an SMTP sink, all five services and the web front end, and keep them up
    (a process that dies is started again); Ctrl-C stops everything."""
    ports = {s: base_port + i for i, s in enumerate(SERVICES)} | {FRONT_END: web_port}
    suite = Suite(SuiteConfig(run_dir=RUN_DIR, kafka_port=kafka_port, mongo_port=mongo_port, smtp_port=smtp_port,
                              service_ports=ports))
    stopping = False
    supervisor: Supervisor | None = None

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    try:
        with console.status("Starting the embedded stack and the services…"):
            suite.start()
            suite.wait_ready()
        _log_supervision(suite)
        # Explicit handlers: a shell that starts us in the background may have set SIGINT to "ignore".
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        record_running(suite)
        _print_where(suite)
        supervisor = Supervisor(suite, names=list(suite.watched()), state_file=SUPERVISOR_FILE)
        supervisor.start()
        inbox = ControlInbox(CONTROL_DIR)
        while not stopping:
            inbox.serve(supervisor.restart)
            time.sleep(0.5)
    finally:
        if supervisor is not None:
            supervisor.stop()  # first: the exits that follow are ours, not crashes
        with console.status("Stopping: services finish their work, then the broker and the store…"):
            killed = suite.stop()
        forget_running()
        if killed:
            console.print(f"[yellow]Killed after their grace period: {', '.join(killed)}[/yellow]")
        if supervisor is not None:
            _print_restarts(supervisor.counts())
        console.print("Stopped.")


def _log_supervision(suite: Suite) -> None:
    """Supervision and stopping log to the console and to .run/logs/supervisor.log."""
    file = logging.FileHandler(suite.logs / "supervisor.log")
    file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    for name in ("complaints_cli.suite.supervision", "complaints_cli.suite.stopping"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.INFO)
        logger.addHandler(RichHandler(console=console, show_path=False))
        logger.addHandler(file)


def _print_restarts(counts: dict[str, dict[str, object]]) -> None:
    table = Table("process", "crash restarts", "operator restarts", "last exit code", title="Restarts during this run")
    for name, row in counts.items():
        table.add_row(name, str(row["crash_restarts"]), str(row["operator_restarts"]),
                      "—" if row["last_exit_code"] is None else str(row["last_exit_code"]))
    console.print(table)


def _print_where(suite: Suite) -> None:
    table = Table(title="Complaints suite is running", show_lines=False)
    for column in ("what", "where"):
        table.add_column(column)
    web = suite.url(FRONT_END).replace("127.0.0.1", "localhost")
    table.add_row("Customer portal", f"{web}/")
    table.add_row("Staff desk", f"{web}/desk  (development sign-in: pick a demo member of staff)")
    table.add_row("Operations overview", f"{web}/desk/operations")
    for service in SERVICES:
        table.add_row(f"{service} API", f"{suite.url(service)}/docs  (metrics: /metrics, ready: /readyz)")
    table.add_row("web metrics", f"{suite.url(FRONT_END)}/metrics  (ready: /readyz)")
    table.add_row("Partners' sealing keys", f"{suite.url('intake')}/v1/data-keys/sealing-keys  (HTTP Basic "
                                            f"{', '.join(KEY_SEALERS)}: secrets in {suite.personal_data_secrets})")
    table.add_row("Kafka (embedded)", suite.kafka_bootstrap)
    for service in SERVICES:
        table.add_row(f"{service} store (embedded MongoDB)", suite.mongo_url_of(service))
    table.add_row("Mailbox", f"{suite.mailbox}  (`complaints mail`)")
    table.add_row("Logs", str(suite.logs))
    console.print(table)
    console.print("Press Ctrl-C to stop.")


def status() -> None:
    """Readiness of each service of the running suite, and how often the supervisor restarted each process."""
    state = running()
    counts = read_counts(SUPERVISOR_FILE)
    table = Table("process", "url", "ready", "crash restarts", "operator restarts", "supervisor")
    healthy = True
    for service, url in state["services"].items():
        try:
            answer = httpx.get(f"{url}/readyz", timeout=3)
            ready = "yes" if answer.status_code == 200 else f"no: {answer.json().get('checks')}"
        except httpx.HTTPError as exc:
            ready = f"no: {type(exc).__name__}"
        healthy &= ready == "yes"
        table.add_row(service, url, ready, *_restart_cells(counts.pop(service, {})))
    for name, row in counts.items():  # the mail sink, the embedded broker and stores
        table.add_row(name, "", "", *_restart_cells(row))
    console.print(table)
    raise typer.Exit(0 if healthy else 1)


def _restart_cells(row: dict[str, object]) -> tuple[str, str, str]:
    return str(row.get("crash_restarts", "—")), str(row.get("operator_restarts", "—")), str(row.get("state", "—"))


def restart(
    process: str = typer.Argument(..., help="A service (intake, routing, …), `smtp`, or an embedded store "
                                            "(`mongodb-<service>`)"),
    timeout: float = typer.Option(120.0, help="Seconds to wait for the restart and for readiness"),
) -> None:
    """Restart one process of the running suite gracefully (SIGTERM, SIGKILL after its grace period) and wait until
    it is ready again."""
    state = running()
    if process == BROKER_PROCESS:
        console.print("[red]The embedded broker keeps every record in memory: restarting it empties it. Stop the "
                      "suite instead (Ctrl-C in `make run`).[/red]")
        raise typer.Exit(2)
    deadline = time.monotonic() + timeout
    try:
        outcome = ask(CONTROL_DIR, action="restart", target=process, timeout=timeout)
    except TimeoutError as exc:
        console.print(f"[red]{exc}; is `complaints up` still running?[/red]")
        raise typer.Exit(1) from None
    if not outcome.get("ok"):
        console.print(f"[red]{outcome.get('detail')}[/red]")
        raise typer.Exit(1)
    console.print(str(outcome["detail"]))
    url = state["services"].get(process)
    if url is not None and not _wait_ready(url, deadline):
        console.print(f"[red]{process} did not report ready within {timeout:.0f} s; see {state['logs']}[/red]")
        raise typer.Exit(1)
    console.print(f"{process} is {'ready' if url else 'running'}.")


def _wait_ready(url: str, deadline: float) -> bool:
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/readyz", timeout=3).status_code == 200:
                return True
        except httpx.HTTPError:
            pass  # not listening yet: it is starting
        time.sleep(0.5)
    return False


def mail(last: int = typer.Option(20, help="How many of the newest mails to list")) -> None:
    """List the mails the local SMTP sink kept."""
    messages = newest_mails(RUN_DIR / "mail", last)
    table = Table("received", "to", "subject")
    for message in messages:
        table.add_row(time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(message.get_date())),
                      str(message["To"]), str(make_header(decode_header(message["Subject"] or ""))))
    console.print(table)
