"""`complaints status` and `restart` against the state `complaints up` leaves in `.run/`."""

import json
import os
import threading
from pathlib import Path

import pytest
from complaints_cli.main import app
from complaints_cli.suite.control import ControlInbox
from complaints_cli.suite.embedded import free_port
from complaints_cli.suite.state import CONTROL_DIR, STATE_FILE, SUPERVISOR_FILE
from typer.testing import CliRunner

from tests.support.tables import status_cells

WIDE = {"COLUMNS": "250"}


@pytest.fixture
def run_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory where `.run/suite.json` says a suite runs (this process stands in for `complaints up`),
    with services nobody listens for."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / STATE_FILE).parent.mkdir()
    nowhere = f"http://127.0.0.1:{free_port()}"
    (tmp_path / STATE_FILE).write_text(json.dumps({"services": {"routing": nowhere}, "kafka": "127.0.0.1:1",
                                                   "logs": ".run/logs", "pid": os.getpid()}))
    return tmp_path


def test_status_shows_readiness_and_the_supervisors_counts(run_dir: Path) -> None:
    (run_dir / SUPERVISOR_FILE).write_text(json.dumps({
        "routing": {"crash_restarts": 3, "operator_restarts": 1, "last_exit_code": -9, "state": "running"},
        "mongodb-routing": {"crash_restarts": 1, "operator_restarts": 0, "last_exit_code": -9, "state": "running"}}))

    result = CliRunner().invoke(app, ["status"], env=WIDE)

    assert result.exit_code == 1  # routing does not answer
    table = status_cells(result.stdout)
    assert table["routing"][1:] == ["no: ConnectError", "3", "1", "running"]
    assert table["mongodb-routing"][2:] == ["1", "0", "running"]


def test_restart_asks_the_running_suite_and_prints_its_answer(run_dir: Path) -> None:
    inbox = ControlInbox(run_dir / CONTROL_DIR)
    asked = []

    def answer() -> None:
        for _ in range(200):
            for request in inbox.take():
                asked.append((request.action, request.target))
                inbox.reply(request.id, {"ok": True, "detail": "smtp restarted (pid 4242)", "pid": 4242})
                return
            threading.Event().wait(0.05)

    suite = threading.Thread(target=answer)
    suite.start()
    result = CliRunner().invoke(app, ["restart", "smtp", "--timeout", "10"], env=WIDE)
    suite.join()

    assert result.exit_code == 0, result.output
    assert asked == [("restart", "smtp")]
    assert "smtp restarted (pid 4242)" in result.stdout and "smtp is running." in result.stdout


def test_restart_refuses_the_in_memory_broker_and_gives_up_when_nobody_answers(run_dir: Path) -> None:
    broker = CliRunner().invoke(app, ["restart", "kafka"], env=WIDE)
    assert broker.exit_code == 2 and "restarting it empties it" in broker.stdout

    nobody = CliRunner().invoke(app, ["restart", "routing", "--timeout", "0.5"], env=WIDE)
    assert nobody.exit_code == 1 and "no answer from the running suite" in nobody.stdout


def test_a_state_file_left_by_a_suite_that_died_is_not_taken_for_a_running_suite(run_dir: Path) -> None:
    gone = json.loads((run_dir / STATE_FILE).read_text()) | {"pid": 2**22 + 12345}
    (run_dir / STATE_FILE).write_text(json.dumps(gone))

    result = CliRunner().invoke(app, ["status"], env=WIDE)

    assert result.exit_code == 1 and "ended abruptly" in result.stderr
