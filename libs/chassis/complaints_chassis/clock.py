"""The one clock of the suite: aware UTC time, shifted by an offset that tests and demos may move.

Domain code and use cases take `Now` (any callable returning aware UTC time), so unit tests pass a fixed time;
the wiring passes the runtime's `Clock`. Production runs with offset zero.
"""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

Now = Callable[[], datetime]
"""What use cases receive to tell the time."""


class Clock:
    """A callable returning aware UTC time, `offset` ahead of the wall clock."""

    def __init__(self, offset_seconds: float = 0.0) -> None:
        self.offset = timedelta(seconds=offset_seconds)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def shift(self, seconds: float) -> datetime:
        """Move the clock forward (or back) and return the new time."""
        self.offset += timedelta(seconds=seconds)
        return self()
