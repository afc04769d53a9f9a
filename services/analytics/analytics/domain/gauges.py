"""The business gauges, kept as facts change rather than recomputed from every fact.

A complaint with a receipt contributes its satisfaction score to the ratings, the time from receipt to each
milestone it reached to that milestone's histogram (by priority) and, while it is open, one to the backlog (by
priority and age). A fact that changes replaces its complaint's contribution: a fact seen twice counts once, so
redelivered and replayed events never count twice. The backlog moves with the clock (ages grow, lifecycle marks
pass), so it is worked out at each snapshot from the complaints that can still be open then.
"""

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .facts import ComplaintFact, State
from .kpis import UNKNOWN, age_bucket

HOUR = 3600.0
TIME_BUCKETS_SECONDS: tuple[float, ...] = (HOUR, 4 * HOUR, 8 * HOUR, 24 * HOUR, 48 * HOUR, 72 * HOUR, 120 * HOUR,
                                           168 * HOUR, 336 * HOUR, 672 * HOUR, 1344 * HOUR)
"""Histogram edges, 1 h … 8 weeks: the service-level and regulatory horizons."""

MILESTONES: dict[str, Callable[[ComplaintFact], datetime | None]] = {
    "acknowledge": lambda fact: fact.acknowledged_at,
    "first_response": lambda fact: fact.first_response_at,
    "resolve": lambda fact: fact.resolved_at,
}
"""Each timed milestone and when a fact reached it."""

FIELDS = ("complaint_id", "received_at", "routing", "acknowledged_at", "first_response_at", "lifecycle", "feedback")
"""What of a fact its contribution depends on (the store reads only these for the gauges)."""


@dataclass
class Histogram:
    """Durations in the buckets of TIME_BUCKETS_SECONDS: counts per edge then +Inf (not cumulative), exact sum."""

    counts: list[int] = field(default_factory=lambda: [0] * (len(TIME_BUCKETS_SECONDS) + 1))
    total: timedelta = timedelta(0)
    """Kept as a timedelta (whole microseconds), so adding and taking away again leaves no rounding behind."""

    def add(self, duration: timedelta, sign: int) -> None:
        self.counts[bisect_left(TIME_BUCKETS_SECONDS, duration.total_seconds())] += sign
        self.total += sign * duration

    @property
    def count(self) -> int:
        return sum(self.counts)

    def buckets(self) -> list[tuple[str, float]]:
        """Cumulative Prometheus buckets (`le` → count), up to +Inf."""
        running, result = 0, []
        for edge, count in zip((*map(repr, TIME_BUCKETS_SECONDS), "+Inf"), self.counts, strict=True):
            running += count
            result.append((edge, float(running)))
        return result


@dataclass(frozen=True)
class GaugeSnapshot:
    """What the business metrics report at one moment."""

    backlog: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(priority, age bucket) → open complaints."""
    durations: dict[str, dict[str, Histogram]] = field(default_factory=lambda: {name: {} for name in MILESTONES})
    """Milestone → priority → durations from receipt (only priorities with at least one)."""
    ratings: Counter[int] = field(default_factory=Counter)


@dataclass(frozen=True)
class _Counted:
    priority: str
    durations: tuple[tuple[str, timedelta], ...]
    rating: int | None


class ClockWentBack(ValueError):
    """A snapshot earlier than the last one: complaints closed by then were let go, so the gauges must be rebuilt."""


class Gauges:
    """Every complaint's contribution, and their sums."""

    def __init__(self) -> None:
        self._counted: dict[str, _Counted] = {}
        self._may_be_open: dict[str, ComplaintFact] = {}
        self._durations: dict[str, dict[str, Histogram]] = {name: {} for name in MILESTONES}
        self._ratings: Counter[int] = Counter()
        self._horizon: datetime | None = None
        """The moment of the latest snapshot: no later one comes before it."""

    def put(self, complaint_id: str, fact: ComplaintFact | None) -> None:
        """Replace a complaint's contribution with that of its fact as stored now (None: it has none)."""
        old = self._counted.pop(complaint_id, None)
        if old is not None:
            self._count(old, -1)
        self._may_be_open.pop(complaint_id, None)
        if fact is None or fact.received_at is None:
            return
        durations = tuple((name, at - fact.received_at) for name, reached in MILESTONES.items()
                          if (at := reached(fact)) is not None)
        counted = _Counted(str(fact.priority or UNKNOWN), durations, fact.satisfaction)
        self._count(counted, 1)
        self._counted[complaint_id] = counted
        if self._can_be_open(fact):
            self._may_be_open[complaint_id] = fact

    def behind(self, moment: datetime) -> bool:
        """Whether `moment` is before the latest snapshot (a snapshot then needs the gauges rebuilt)."""
        return self._horizon is not None and moment < self._horizon

    def snapshot(self, now: datetime) -> GaugeSnapshot:
        """The gauges at `now` (not before the latest snapshot: ClockWentBack)."""
        if self.behind(now):
            raise ClockWentBack(f"{now.isoformat()} is before the latest snapshot")
        self._horizon = now
        backlog: Counter[tuple[str, str]] = Counter()
        for complaint_id, fact in list(self._may_be_open.items()):
            if fact.is_open_at(now):
                backlog[(str(fact.priority or UNKNOWN), age_bucket(now - fact.received_at))] += 1  # type: ignore[operator]
            elif not self._can_be_open(fact):
                del self._may_be_open[complaint_id]
        durations = {name: {priority: Histogram(list(h.counts), h.total) for priority, h in by_priority.items()}
                     for name, by_priority in self._durations.items()}
        return GaugeSnapshot(backlog=backlog, durations=durations, ratings=+self._ratings)

    def _can_be_open(self, fact: ComplaintFact) -> bool:
        # Closed for good once its last mark is past: a mark counts from just after its moment on.
        if fact.state_at() is State.OPEN:
            return True
        last = max(mark.at for mark in fact.lifecycle.values())
        return self._horizon is None or last >= self._horizon

    def _count(self, counted: _Counted, sign: int) -> None:
        for name, duration in counted.durations:
            histograms = self._durations[name]
            histogram = histograms.setdefault(counted.priority, Histogram())
            histogram.add(duration, sign)
            if histogram.count == 0:
                del histograms[counted.priority]
        if counted.rating is not None:
            self._ratings[counted.rating] += sign
