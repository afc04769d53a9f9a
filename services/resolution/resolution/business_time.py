"""What the clocks need from a working-time calendar; the shared chassis BusinessCalendar satisfies it as it is."""

from datetime import datetime, timedelta
from typing import Protocol


class BusinessCalendar(Protocol):
    """Working-time arithmetic of one jurisdiction (weekends, holidays, opening hours, time zone)."""

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Return the working time from start to end (zero when end is not later)."""
        ...

    def add_business_hours(self, start: datetime, duration: timedelta) -> datetime:
        """Return the instant when the given working time has passed since start."""
        ...
