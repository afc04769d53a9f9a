"""Operating the supervised suite as `complaints up` runs it: `complaints restart` restarts a service gracefully
through the control folder, and `complaints status` shows what the supervisor counted."""

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from complaints_cli.main import app
from complaints_cli.suite.control import ControlInbox
from complaints_cli.suite.state import CONTROL_DIR, record_running
from typer.testing import CliRunner

from tests.faults.conftest import Supervised
from tests.support.tables import status_cells

WIDE = {"COLUMNS": "250"}


@pytest.fixture
def operated(supervised: Supervised, monkeypatch: pytest.MonkeyPatch) -> Iterator[Supervised]:
    """The suite's `.run/` as `complaints up` keeps it, answering control requests as its loop does."""
    monkeypatch.chdir(supervised.run_dir)
    record_running(supervised.suite)
    inbox = ControlInbox(Path(CONTROL_DIR))
    halt = threading.Event()

    def loop() -> None:
        while not halt.wait(0.2):
            inbox.serve(supervised.supervisor.restart)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    yield supervised
    halt.set()
    thread.join()


def test_an_operator_restarts_a_service_gracefully_and_status_counts_it(operated: Supervised) -> None:
    before = operated.supervisor.counts()["routing"]
    old_pid = operated.suite.watched()["routing"].pid

    restarted = CliRunner().invoke(app, ["restart", "routing", "--timeout", "120"], env=WIDE)

    assert restarted.exit_code == 0, restarted.output
    new_pid = operated.suite.watched()["routing"].pid
    assert f"routing stopped (exit code 0) and started again (pid {new_pid})" in restarted.stdout
    assert new_pid != old_pid and "routing is ready." in restarted.stdout
    after = operated.supervisor.counts()["routing"]
    assert (after["operator_restarts"], after["crash_restarts"]) == (before["operator_restarts"] + 1,
                                                                   before["crash_restarts"])

    status = CliRunner().invoke(app, ["status"], env=WIDE)

    assert status.exit_code == 0, status.output
    cells = status_cells(status.stdout)["routing"]
    assert cells[1:] == ["yes", str(after["crash_restarts"]), str(after["operator_restarts"]), "running"]


def test_an_unknown_process_is_refused_by_the_running_suite(operated: Supervised) -> None:
    refused = CliRunner().invoke(app, ["restart", "nonsense", "--timeout", "30"], env=WIDE)

    assert refused.exit_code == 1
    assert "unknown process 'nonsense'" in refused.stdout
