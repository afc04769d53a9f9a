"""The service's clock: wall time plus an offset that tests and demos may shift (never the domain's concern)."""

from datetime import UTC, datetime, timedelta


class ServiceClock:
    """A callable returning aware UTC time, `offset` ahead of the wall clock."""

    def __init__(self, offset_seconds: float = 0.0) -> None:
        self.offset = timedelta(seconds=offset_seconds)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def shift(self, seconds: float) -> datetime:
        """Move the clock forward (or back) and return the new time."""
        self.offset += timedelta(seconds=seconds)
        return self()
