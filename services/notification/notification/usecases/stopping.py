"""Cutting deliveries short when the service stops, so it stops within its grace period.

The chassis waits up to `graceful_timeout_seconds` for in-flight batches and only then cancels them; a batch whose
channel keeps failing would spend that whole time in retry pauses (and the rest of shutdown after it). When the
service is told to stop, a run pausing between a channel's retries is cancelled at once; no run starts a new send
or a new try, and a run the consumer hands back after a failure is cancelled as it arrives; a send already under
way gets `drain_seconds` to finish (its outcome is then recorded) before its run is cancelled too. A cancelled
run's batch is not committed: it comes again after the restart, and the delivery log keeps what was recorded from
repeating. Only tasks inside `deliver` are cancelled: what a consumer does between runs is the chassis' to stop.
"""

import asyncio
import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

_RUN: ContextVar[asyncio.Task | None] = ContextVar("notification_run", default=None)
"""The task running the current `deliver` call (its concurrent sends run in child tasks that inherit this)."""


class DeliveryStop:
    """Knows which tasks are delivering, and cancels them when the service stops."""

    def __init__(self) -> None:
        self.stopping = False
        self._running: set[asyncio.Task] = set()
        self._pausing: dict[asyncio.Task, int] = {}

    @contextlib.contextmanager
    def run(self) -> Iterator[None]:
        """Wrap one `deliver` call (a run of events)."""
        task = asyncio.current_task()
        assert task is not None, "deliver runs in a task"
        token = _RUN.set(task)
        self._running.add(task)
        try:
            self.checkpoint()
            yield
        finally:
            self._running.discard(task)
            _RUN.reset(token)

    def checkpoint(self) -> None:
        """Before a send or a try: once stopping, cancel the run instead of starting it."""
        if self.stopping:
            run = _RUN.get()
            if run is not None and run is not asyncio.current_task():
                run.cancel()  # from a concurrent send: the run awaiting it must end too
            raise asyncio.CancelledError("notification is stopping")

    async def pause(self, seconds: float) -> None:
        """The pause between a channel's retries; cut short (the run cancelled) when the service stops."""
        self.checkpoint()
        run = _RUN.get()
        if run is not None:
            self._pausing[run] = self._pausing.get(run, 0) + 1
        try:
            await asyncio.sleep(seconds)
        finally:
            if run is not None:
                self._pausing[run] -= 1
                if not self._pausing[run]:
                    del self._pausing[run]
        self.checkpoint()

    def stop(self, *, drain_seconds: float) -> None:
        """Stop delivering: runs pausing between retries now, sends under way after `drain_seconds`."""
        self.stopping = True
        for task in self._pausing:
            task.cancel()
        asyncio.get_running_loop().call_later(drain_seconds, self._cancel_running)

    def _cancel_running(self) -> None:
        for task in self._running:
            task.cancel()
