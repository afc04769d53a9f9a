import io
from pathlib import Path

from complaints_cli.suite.commands import print_where, status_table, where_rows
from complaints_cli.suite.processes import FRONT_END, SERVICES, Suite, SuiteConfig
from rich.console import Console

LONG_MONGO = "mongodb://complaints@db-0.mongo.example.internal:27017/?replicaSet=rs0&retryWrites=true&w=majority"


def suite(tmp_path: Path) -> Suite:
    ports = {s: 8001 + i for i, s in enumerate(SERVICES)} | {FRONT_END: 8000}
    return Suite(SuiteConfig(run_dir=tmp_path, service_ports=ports, kafka_bootstrap="kafka.example.internal:9092",
                             mongo_url=LONG_MONGO))


def test_every_address_is_printed_whole_on_a_narrow_terminal(tmp_path: Path) -> None:
    rows = where_rows(suite(tmp_path))
    out = io.StringIO()

    print_where(rows, Console(file=out, width=80, force_terminal=False))

    printed = out.getvalue()
    assert all(where in printed for _, where, _ in rows)
    assert LONG_MONGO in printed
    assert "…" not in printed


def test_the_portal_desk_every_api_and_its_metrics_are_listed(tmp_path: Path) -> None:
    addresses = [where for _, where, _ in where_rows(suite(tmp_path))]

    assert addresses[:3] == ["http://localhost:8000/", "http://localhost:8000/desk",
                             "http://localhost:8000/desk/operations"]
    assert [f"http://127.0.0.1:{8001 + i}/docs" for i in range(len(SERVICES))] == addresses[3:3 + len(SERVICES)]
    assert "http://127.0.0.1:8000/metrics" in addresses


def test_the_status_table_keeps_process_names_and_addresses_whole_on_a_narrow_terminal() -> None:
    rows = [("notification", "http://127.0.0.1:8004", "yes", "0", "0", "running"),
            ("mongodb-notification", "", "", "2", "1", "running")]
    out = io.StringIO()

    Console(file=out, width=80, force_terminal=False).print(status_table(rows))

    assert "http://127.0.0.1:8004" in out.getvalue()
    assert "mongodb-notification" in out.getvalue()
