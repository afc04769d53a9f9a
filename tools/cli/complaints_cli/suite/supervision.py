"""Keeping the suite up: a process that dies is started again after a backoff, and operators can restart one.

A crash costs only the crashed process: it is started again after 1 s, then 2 s, 4 s … at most 30 s while it keeps
dying, and from 1 s again once it has stayed up for a while (a process that dies at start-up must not spin).
Each exit and each restart is logged, and counted per process (`complaints status` shows the counts,
`complaints up` prints them when it stops). The supervisor works on anything with the `Supervised` methods:
the suite's services, its mail sink, and the embedded broker and stores.
"""

import json
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)


class Supervised(Protocol):
    def exited(self) -> dict[str, int]:
        """Every watched process that is no longer running: name → exit code (negative: killed by a signal)."""

    def respawn(self, name: str) -> int:
        """Start the process again as it was started; returns its new pid."""

    def terminate(self, name: str) -> int:
        """Stop the process gracefully (SIGTERM, SIGKILL after its grace period); returns its exit code."""


@dataclass(frozen=True)
class Backoff:
    first_seconds: float = 1.0
    max_seconds: float = 30.0
    healthy_after_seconds: float = 60.0
    """A process up this long before it dies is treated as healthy: its next restart waits `first_seconds`."""

    def delay(self, crashes_in_a_row: int) -> float:
        return min(self.first_seconds * 2 ** (crashes_in_a_row - 1), self.max_seconds)


@dataclass
class ProcessRecord:
    """What the supervisor knows of one process; `crash_restarts` and `operator_restarts` are shown to operators."""

    crash_restarts: int = 0
    operator_restarts: int = 0
    last_exit_code: int | None = None
    state: str = "running"
    crashes_in_a_row: int = 0
    started_at: float = 0.0
    restart_at: float | None = None


Done = Callable[[dict[str, object]], None]
"""Called with the outcome of an operator's restart (`ok`, `detail`)."""


class Supervisor:
    def __init__(self, suite: Supervised, *, names: list[str], backoff: Backoff | None = None,
                 state_file: Path | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self._suite = suite
        self._backoff = backoff or Backoff()
        self._state_file = state_file
        self._clock = clock
        self._lock = threading.Lock()
        self.records = {name: ProcessRecord(started_at=clock()) for name in names}
        self._busy: set[str] = set()
        """Processes an operator is restarting: their exit is intended, not a crash."""
        self._halt = threading.Event()
        self._thread: threading.Thread | None = None
        self._saved: dict[str, dict[str, object]] | None = None
        self._operators: list[threading.Thread] = []

    def check(self) -> None:
        """One pass: notice processes that died, start those whose backoff has passed."""
        now = self._clock()
        exited = self._suite.exited()
        with self._lock:
            due = []
            for name, record in self.records.items():
                if name in self._busy:
                    continue
                if record.restart_at is None and name in exited:
                    self._crashed(name, record, exited[name], now)
                elif record.restart_at is not None and now >= record.restart_at:
                    due.append(name)
        for name in due:
            self._restart_after_crash(name)
        self._save()

    def _crashed(self, name: str, record: ProcessRecord, code: int, now: float) -> None:
        if now - record.started_at >= self._backoff.healthy_after_seconds:
            record.crashes_in_a_row = 0
        record.crashes_in_a_row += 1
        record.last_exit_code = code
        delay = self._backoff.delay(record.crashes_in_a_row)
        record.restart_at = now + delay
        record.state = f"exited ({code}); restarting"
        log.warning("%s exited with code %s (%s in a row); restarting it in %.0f s", name, code,
                    record.crashes_in_a_row, delay)

    def _restart_after_crash(self, name: str) -> None:
        try:
            pid = self._suite.respawn(name)
        except Exception as exc:  # logged and tried again after the next backoff: supervision never gives up
            with self._lock:
                record = self.records[name]
                record.crashes_in_a_row += 1
                delay = self._backoff.delay(record.crashes_in_a_row)
                record.restart_at = self._clock() + delay
            log.error("%s could not be started (%s); trying again in %.0f s", name, exc, delay)
            return
        with self._lock:
            record = self.records[name]
            record.crash_restarts += 1
            record.restart_at = None
            record.started_at = self._clock()
            record.state = "running"
        log.info("%s restarted (pid %s); %s crash restart(s) so far", name, pid, record.crash_restarts)

    def restart(self, name: str, done: Done) -> None:
        """An operator's restart: graceful stop, start again, then `done(outcome)`; runs in its own thread."""
        with self._lock:
            if name not in self.records:
                done({"ok": False, "detail": f"unknown process {name!r}; one of {', '.join(self.records)}"})
                return
            if name in self._busy:
                done({"ok": False, "detail": f"{name} is already being restarted"})
                return
            self._busy.add(name)
            self.records[name].state = "restarting (operator)"
            worker = threading.Thread(target=self._operator_restart, args=(name, done), name=f"restart-{name}",
                                      daemon=True)
            self._operators = [t for t in self._operators if t.is_alive()] + [worker]
        worker.start()

    def _operator_restart(self, name: str, done: Done) -> None:
        log.info("%s: restart requested by an operator", name)
        code: int | None = None
        try:
            code = self._suite.terminate(name)
            pid = self._suite.respawn(name)
        except Exception as exc:  # the operator gets the reason; the crash path takes over from here
            outcome: dict[str, object] = {"ok": False, "detail": f"{name} could not be restarted: {exc}"}
        else:
            outcome = {"ok": True, "detail": f"{name} stopped (exit code {code}) and started again (pid {pid})",
                       "pid": pid, "exit_code": code}
        with self._lock:
            record = self.records[name]
            if outcome["ok"]:
                record.operator_restarts += 1
                record.crashes_in_a_row = 0
            record.last_exit_code = code if code is not None else record.last_exit_code
            record.started_at = self._clock()
            record.restart_at = None
            record.state = "running"
            self._busy.discard(name)
        log.log(logging.INFO if outcome["ok"] else logging.ERROR, "%s", outcome["detail"])
        self._save()
        done(outcome)

    def start(self, interval: float = 0.25) -> None:
        def loop() -> None:
            while not self._halt.wait(interval):
                try:
                    self.check()
                except Exception:  # one failed pass must not end supervision; logged with its trace
                    log.exception("supervision pass failed")

        self._thread = threading.Thread(target=loop, name="supervisor", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop supervising (before the suite stops, so its processes' exits are not taken for crashes); an
        operator's restart under way is finished first, so nothing is started behind the suite's back."""
        self._halt.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        for worker in list(self._operators):
            worker.join()

    def counts(self) -> dict[str, dict[str, object]]:
        with self._lock:
            return {name: {"crash_restarts": r.crash_restarts, "operator_restarts": r.operator_restarts,
                           "last_exit_code": r.last_exit_code, "state": r.state}
                    for name, r in self.records.items()}

    def _save(self) -> None:
        counts = self.counts()
        if self._state_file is None or counts == self._saved:
            return
        self._saved = counts
        temporary = self._state_file.with_suffix(".tmp")
        temporary.write_text(json.dumps(counts))
        os.replace(temporary, self._state_file)  # readers never see half a file


def read_counts(state_file: Path) -> dict[str, dict[str, object]]:
    """What the running suite's supervisor last wrote (empty when it has not written yet)."""
    try:
        return json.loads(state_file.read_text())
    except FileNotFoundError:
        return {}

