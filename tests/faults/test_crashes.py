"""Processes killed under load: each service in turn with SIGKILL, one service's embedded store with SIGKILL, and one
service with SIGTERM. The supervisor starts each again; no complaint is lost and none is acknowledged twice."""

import os
import signal
import time
from collections import Counter

import pytest
from complaints_cli.suite import SERVICES

from tests.e2e import journey
from tests.faults.conftest import Load, Supervised, acknowledgements

FAULTS = [*((service, signal.SIGKILL) for service in SERVICES), ("mongodb-intake", signal.SIGKILL),
          ("notification", signal.SIGTERM)]
"""Every service killed in turn; intake's store killed (a filing answered 201 must survive it: writes wait for the
journal); notification stopped with SIGTERM (like any exit, the supervisor starts it again)."""
BETWEEN_FAULTS = 8
"""Complaints filed between two faults, so every restart meets work in flight."""


def inflict(supervised: Supervised, load: Load, target: str, sig: signal.Signals) -> float:
    """Send the signal to the running process, and wait until the supervisor started it again and all is ready;
    returns how long that took (printed, never asserted)."""
    before = len(load.filed)
    journey.wait_until(lambda: len(load.filed) >= before + BETWEEN_FAULTS, what=f"complaints filed before {target}")
    restarts = supervised.supervisor.counts()[target]["crash_restarts"]
    hit = time.monotonic()
    os.kill(supervised.suite.watched()[target].pid, sig)
    journey.wait_until(lambda: supervised.supervisor.counts()[target]["crash_restarts"] == restarts + 1,
                       what=f"{target} restarted by the supervisor", timeout=60)
    supervised.wait_all_ready()
    return time.monotonic() - hit


def settle(supervised: Supervised, filed: list[str], timeout: float = 240) -> Counter[str]:
    """Acknowledgement mails per complaint once every complaint has one (or the time is up), and a moment more
    for any late duplicate."""
    addresses = set(filed)
    deadline = time.monotonic() + timeout
    while set(acknowledged := acknowledgements(supervised.suite, addresses)) != addresses:
        if time.monotonic() > deadline:
            return acknowledged
        time.sleep(1)
    time.sleep(5)
    return acknowledgements(supervised.suite, addresses)


def test_killed_processes_are_restarted_and_nothing_is_lost_or_done_twice(supervised: Supervised,
                                                                         capsys: pytest.CaptureFixture) -> None:
    load = Load(supervised.suite).start()
    recovered = {}
    try:
        for target, sig in FAULTS:
            recovered[f"{target} {sig.name}"] = round(inflict(supervised, load, target, sig), 1)
        after = len(load.filed)
        journey.wait_until(lambda: len(load.filed) >= after + BETWEEN_FAULTS, what="complaints filed after the faults")
    finally:
        load.stop()

    acknowledged = settle(supervised, load.filed)
    lost = sorted(set(load.filed) - set(acknowledged))
    duplicated = {address: n for address, n in acknowledged.items() if n > 1}
    restarts = {name: c["crash_restarts"] for name, c in supervised.supervisor.counts().items()}
    with capsys.disabled():  # the counts are the result of this run: always on the terminal
        print(f"\nfaults, and seconds until all was ready again: {recovered}\n"
              f"filed {len(load.filed)} ({len(load.over_http)} over HTTP, {len(load.over_kafka)} over Kafka; "
              f"{load.retries} HTTP retries), acknowledged {len(acknowledged)}, lost {len(lost)}, "
              f"duplicated {len(duplicated)}\ncrash restarts: {restarts}")

    assert load.errors == []
    assert len(load.filed) == len(set(load.filed)) >= len(FAULTS) * BETWEEN_FAULTS
    assert lost == []
    assert duplicated == {}
    for target, sig in FAULTS:
        exit_code = 0 if sig == signal.SIGTERM else -signal.SIGKILL
        assert any(line.startswith(f"{target} exited with code {exit_code} (") for line in supervised.log.lines)
    assert {name: n for name, n in restarts.items() if n} == Counter(target for target, _ in FAULTS)
