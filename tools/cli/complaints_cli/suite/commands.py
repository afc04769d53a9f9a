"""`complaints up`, `status`, `restart` and `mail`: run the embedded suite, keep it up, and look at it."""

import logging
import signal
import time
from email.header import decode_header, make_header

import httpx
import typer
from rich import box
from rich.console import Console
from rich.logging import RichHandler
from rich.table import Column, Table

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
        print_where(where_rows(suite), console)
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


def where_rows(suite: Suite) -> list[tuple[str, str, str]]:
    """What the running suite offers: (what, address, how to use it), every address whole."""
    web = suite.url(FRONT_END).replace("127.0.0.1", "localhost")
    rows = [("Customer portal", f"{web}/", ""),
            ("Staff desk", f"{web}/desk", "development sign-in: pick a demo member of staff"),
            ("Operations overview", f"{web}/desk/operations", "")]
    rows += [(f"{service} API", f"{suite.url(service)}/docs", "metrics: /metrics, ready: /readyz")
             for service in SERVICES]
    rows += [("web metrics", f"{suite.url(FRONT_END)}/metrics", "ready: /readyz"),
             ("Partners' sealing keys", f"{suite.url('intake')}/v1/data-keys/sealing-keys",
              f"HTTP Basic {', '.join(KEY_SEALERS)}: secrets in {suite.personal_data_secrets}"),
             ("Kafka (embedded)", suite.kafka_bootstrap, "")]
    rows += [(f"{service} store (embedded MongoDB)", suite.mongo_url_of(service), "") for service in SERVICES]
    rows += [("Mailbox", str(suite.mailbox), "`complaints mail`"), ("Logs", str(suite.logs), "")]
    return rows


def print_where(rows: list[tuple[str, str, str]], out: Console) -> None:
    # One line per address, never cut to the terminal's width (a table ellipsised long URLs on an 80-column
    # terminal and in logs): a line longer than the terminal wraps whole, so it can still be copied.
    out.print("[bold]Complaints suite is running[/bold]")
    width = max(len(what) for what, _, _ in rows)
    for what, where, note in rows:
        line = f"  {what:<{width}}  {where}" + (f"  ({note})" if note else "")
        out.print(line, soft_wrap=True, highlight=False, markup=False)
    out.print("Press Ctrl-C to stop.")


def status() -> None:
    """Readiness of each service of the running suite, and how often the supervisor restarted each process."""
    state = running()
    counts = read_counts(SUPERVISOR_FILE)
    rows: list[tuple[str, ...]] = []
    healthy = True
    for service, url in state["services"].items():
        try:
            answer = httpx.get(f"{url}/readyz", timeout=3)
            ready = "yes" if answer.status_code == 200 else f"no: {answer.json().get('checks')}"
        except httpx.HTTPError as exc:
            ready = f"no: {type(exc).__name__}"
        healthy &= ready == "yes"
        rows.append((service, url, ready, *_restart_cells(counts.pop(service, {}))))
    for name, row in counts.items():  # the mail sink, the embedded broker and stores
        rows.append((name, "", "", *_restart_cells(row)))
    console.print(status_table(rows))
    raise typer.Exit(0 if healthy else 1)


def status_table(rows: list[tuple[str, ...]]) -> Table:
    """Names and addresses are never cut short (an address cut to "http://127…" says nothing); the other columns
    wrap their headers to make room on a narrow terminal."""
    whole = [Column(header, no_wrap=True, min_width=max([len(header)] + [len(row[i]) for row in rows]))
             for i, header in enumerate(("process", "url"))]
    table = Table(*whole, "ready", "crashes", "restarts", "state", box=box.SIMPLE_HEAD,
                  show_edge=False, padding=(0, 1, 0, 0),
                  caption="crashes: started again after it died; restarts: asked for with `complaints restart`")
    for row in rows:
        table.add_row(*row)
    return table


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
