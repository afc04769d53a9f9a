"""The supervisor: a process that dies is started again after a growing, capped backoff; operators restart one."""

import json
import logging
import threading
from pathlib import Path

import pytest
from complaints_cli.suite.supervision import Backoff, Supervisor, read_counts


class FakeSuite:
    """Processes that die when the test says so; `respawn` starts them again (or fails while `broken`)."""

    def __init__(self, names: list[str]) -> None:
        self.running = dict.fromkeys(names, True)
        self.codes: dict[str, int] = {}
        self.spawned: list[str] = []
        self.terminated: list[str] = []
        self.broken: set[str] = set()
        self.pid = 100

    def die(self, name: str, code: int = -9) -> None:
        self.running[name] = False
        self.codes[name] = code

    def exited(self) -> dict[str, int]:
        return {n: self.codes[n] for n, up in self.running.items() if not up}

    def respawn(self, name: str) -> int:
        if name in self.broken:
            raise OSError("cannot start")
        self.running[name] = True
        self.spawned.append(name)
        self.pid += 1
        return self.pid

    def terminate(self, name: str) -> int:
        self.terminated.append(name)
        self.die(name, 0)
        return 0


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def supervisor(suite: FakeSuite, clock: Clock, tmp_path: Path | None = None) -> Supervisor:
    return Supervisor(suite, names=list(suite.running), clock=clock,
                      backoff=Backoff(first_seconds=1, max_seconds=30, healthy_after_seconds=60),
                      state_file=tmp_path / "supervisor.json" if tmp_path else None)


def crash_and_wait(suite: FakeSuite, watch: Supervisor, clock: Clock, name: str) -> float:
    """Kill `name`, and return how long the supervisor waited before starting it again."""
    suite.die(name)
    watch.check()
    started = clock.now
    while not suite.running[name]:
        clock.now += 0.25
        watch.check()
        assert clock.now - started < 120, "never restarted"
    return clock.now - started


def test_the_backoff_doubles_while_a_process_keeps_dying_and_stops_at_its_cap(clock: Clock) -> None:
    suite = FakeSuite(["routing", "intake"])
    watch = supervisor(suite, clock)

    waits = [crash_and_wait(suite, watch, clock, "routing") for _ in range(7)]

    assert waits == [1, 2, 4, 8, 16, 30, 30]
    assert suite.spawned == ["routing"] * 7
    assert watch.counts()["routing"]["crash_restarts"] == 7 and watch.counts()["intake"]["crash_restarts"] == 0
    assert watch.counts()["routing"]["last_exit_code"] == -9


def test_a_process_that_stayed_up_for_a_while_starts_from_the_first_delay_again(clock: Clock) -> None:
    suite = FakeSuite(["routing"])
    watch = supervisor(suite, clock)
    assert [crash_and_wait(suite, watch, clock, "routing") for _ in range(3)] == [1, 2, 4]

    clock.now += 61

    assert crash_and_wait(suite, watch, clock, "routing") == 1


def test_a_process_that_cannot_be_started_is_tried_again_later_each_time_logged(
        clock: Clock, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="complaints_cli.suite")
    suite = FakeSuite(["notification"])
    watch = supervisor(suite, clock)
    suite.broken.add("notification")
    suite.die("notification", 1)
    for _ in range(9):  # 2 s: the first try, after 1 s, fails; the next is 2 s after it
        watch.check()
        clock.now += 0.25
    suite.broken.clear()
    for _ in range(3):
        watch.check()
        clock.now += 0.25
    assert not suite.running["notification"]
    watch.check()  # 2 s after the failed try

    assert suite.running["notification"]
    messages = [r.getMessage() for r in caplog.records]
    assert "notification exited with code 1 (1 in a row); restarting it in 1 s" in messages
    assert "notification could not be started (cannot start); trying again in 2 s" in messages
    assert any(m.startswith("notification restarted (pid ") for m in messages)


def test_an_operator_restart_stops_and_starts_the_process_and_is_not_a_crash(clock: Clock, tmp_path: Path) -> None:
    suite = FakeSuite(["routing", "smtp"])
    watch = supervisor(suite, clock, tmp_path)
    answered = threading.Event()
    outcomes = []

    def done(outcome: dict) -> None:
        outcomes.append(outcome)
        answered.set()

    watch.restart("routing", done)
    assert answered.wait(5)
    watch.check()

    assert outcomes == [{"ok": True, "detail": "routing stopped (exit code 0) and started again (pid 101)",
                         "pid": 101, "exit_code": 0}]
    assert suite.terminated == ["routing"] and suite.spawned == ["routing"]
    counts = read_counts(tmp_path / "supervisor.json")
    assert counts["routing"] == {"crash_restarts": 0, "operator_restarts": 1, "last_exit_code": 0,
                                 "state": "running"}


def test_an_unknown_process_is_refused(clock: Clock) -> None:
    watch = supervisor(FakeSuite(["routing"]), clock)
    outcomes: list[dict] = []

    watch.restart("nonsense", outcomes.append)

    assert outcomes == [{"ok": False, "detail": "unknown process 'nonsense'; one of routing"}]


def test_the_counts_are_written_for_complaints_status(clock: Clock, tmp_path: Path) -> None:
    suite = FakeSuite(["routing"])
    watch = supervisor(suite, clock, tmp_path)
    crash_and_wait(suite, watch, clock, "routing")

    assert json.loads((tmp_path / "supervisor.json").read_text())["routing"]["crash_restarts"] == 1
    assert read_counts(tmp_path / "absent.json") == {}
