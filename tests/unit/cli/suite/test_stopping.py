"""Stopping within grace periods: SIGTERM first; only a process still running after its own grace is killed."""

import subprocess
import sys

from complaints_cli.suite.stopping import stop_within_grace

OBEDIENT = "import time; time.sleep(60)"
STUBBORN = "import signal, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('ready', flush=True); " \
           "time.sleep(60)"


def start(code: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, start_new_session=True)
    if "ready" in code:
        assert proc.stdout is not None and proc.stdout.readline() == b"ready\n"  # its handler is installed
    return proc


def test_a_process_that_stops_on_sigterm_is_not_killed_and_one_that_ignores_it_is() -> None:
    obedient, stubborn = start(OBEDIENT), start(STUBBORN)

    killed = stop_within_grace([("obedient", obedient, 30.0), ("stubborn", stubborn, 0.5)])

    assert killed == ["stubborn"]
    assert obedient.returncode == -15 and stubborn.returncode == -9


def test_processes_already_gone_are_left_alone() -> None:
    gone = start("pass")
    gone.wait()

    assert stop_within_grace([("gone", gone, 1.0)]) == []
