"""Stopping processes within their grace periods: SIGTERM to all at once, SIGKILL to each one still running when
its own grace period is over (so one slow process never eats another's time)."""

import contextlib
import logging
import os
import signal
import subprocess
import time
from collections.abc import Iterable

log = logging.getLogger(__name__)


def stop_within_grace(processes: Iterable[tuple[str, subprocess.Popen, float]]) -> list[str]:
    """Stop (name, process, grace seconds) triples; returns the names that had to be killed."""
    started = time.monotonic()
    running = [(name, proc, grace) for name, proc, grace in processes if proc.poll() is None]
    for _, proc, _ in running:
        with contextlib.suppress(ProcessLookupError):
            proc.terminate()
    killed = []
    for name, proc, grace in sorted(running, key=lambda item: item[2]):
        try:
            proc.wait(timeout=max(started + grace - time.monotonic(), 0))
        except subprocess.TimeoutExpired:
            log.warning("%s did not stop within its %.0f s grace period; killing it", name, grace)
            _kill_group(proc)
            proc.wait()
            killed.append(name)
    return killed


def _kill_group(proc: subprocess.Popen) -> None:
    # Each suite process leads its own session (start_new_session=True): kill whatever it started as well.
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        with contextlib.suppress(ProcessLookupError):
            proc.kill()
