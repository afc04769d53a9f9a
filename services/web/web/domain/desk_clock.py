"""How close a deadline is: the time left and whether it is at risk or breached (for badges)."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

AT_RISK_WITHIN = timedelta(hours=24)
"""A deadline this close is shown as at risk (the 'due soon' queue uses the same window)."""
DUE_SOON_HOURS = AT_RISK_WITHIN.total_seconds() / 3600

Standing = Literal["met", "breached", "at-risk", "on-track", "none"]


@dataclass(frozen=True)
class TimeLeft:
    standing: Standing
    seconds: float
    """Seconds to the deadline (negative once it passed)."""


def time_left(due_at: str | datetime | None, now: datetime, *, met_at: str | None = None) -> TimeLeft:
    if due_at is None:
        return TimeLeft("none", 0.0)
    due = datetime.fromisoformat(due_at) if isinstance(due_at, str) else due_at
    seconds = (due - now).total_seconds()
    if met_at:
        return TimeLeft("met", seconds)
    if seconds < 0:
        return TimeLeft("breached", seconds)
    return TimeLeft("at-risk" if seconds <= AT_RISK_WITHIN.total_seconds() else "on-track", seconds)
