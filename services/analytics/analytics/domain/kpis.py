"""Operational KPIs over complaint facts: volume, backlog, time to each milestone, deadline compliance.

These pure functions are the reference; the store may compute some of them as aggregation pipelines, and its
results must match these on the same facts. Times are in UTC; a fact missing what a KPI needs is left out.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Literal

import numpy as np
from complaint_contracts.types import Clock
from pydantic import BaseModel

from .facts import ComplaintFact, State
from .ids import aggregate_id

UNKNOWN = "unknown"
"""Value reported for a dimension the fact does not know yet (e.g. not routed)."""

Granularity = Literal["day", "week", "month"]

DIMENSIONS: dict[str, Callable[[ComplaintFact], str | None]] = {
    "channel": lambda fact: fact.channel,
    "category": lambda fact: fact.category,
    "product": lambda fact: fact.product,
    "department": lambda fact: fact.department,
    "priority": lambda fact: fact.priority,
    "regime": lambda fact: fact.regime,
    "jurisdiction": lambda fact: fact.jurisdiction,
}

DEFAULT_AGE_BUCKETS_DAYS: tuple[int, ...] = (3, 7, 14, 28, 56)
"""Backlog age edges in days: 3 business-ish days (DISP 1.5), 1, 2 and 4 weeks, 8 weeks (DISP 1.6)."""


class VolumeRow(BaseModel):
    id: str
    period_start: date
    dimension: str
    value: str
    count: int


class BacklogRow(BaseModel):
    age_bucket: str
    priority: str
    count: int


class TimingRow(BaseModel):
    milestone: Literal["acknowledge", "first_response", "resolve"]
    priority: str
    count: int
    p50_seconds: float
    p90_seconds: float


class ComplianceRow(BaseModel):
    clock: Clock
    met: int
    breached: int
    pending: int
    percent: float | None


def period_start(moment: datetime, granularity: Granularity) -> date:
    """Return the first day of the day, ISO week (Monday) or month that contains a moment (UTC)."""
    day = moment.date()
    if granularity == "week":
        return day - timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    return day


def volume(*, facts: Iterable[ComplaintFact], dimension: str, granularity: Granularity = "day",
           start: datetime | None = None, end: datetime | None = None) -> list[VolumeRow]:
    """Count complaints received per period and dimension value, in [start, end)."""
    value_of = DIMENSIONS[dimension]
    counts: Counter[tuple[date, str]] = Counter()
    for fact in facts:
        received = fact.received_at
        if received is None or (start and received < start) or (end and received >= end):
            continue
        counts[(period_start(received, granularity), str(value_of(fact) or UNKNOWN))] += 1
    return [VolumeRow(id=str(aggregate_id(name=f"volume-{granularity}", period=period, dimension=dimension,
                                          value=value)),
                      period_start=period, dimension=dimension, value=value, count=count)
            for (period, value), count in sorted(counts.items())]


def age_bucket(age: timedelta, edges_days: Sequence[int] = DEFAULT_AGE_BUCKETS_DAYS) -> str:
    """Name the half-open age bucket [lower, upper) days that an age falls in, e.g. `3-7d` or `56d+`."""
    lower = 0
    for upper in edges_days:
        if age < timedelta(days=upper):
            return f"{lower}-{upper}d"
        lower = upper
    return f"{lower}d+"


def backlog(*, facts: Iterable[ComplaintFact], as_of: datetime,
            edges_days: Sequence[int] = DEFAULT_AGE_BUCKETS_DAYS) -> list[BacklogRow]:
    """Count complaints open just before `as_of` by age bucket and priority."""
    counts: Counter[tuple[str, str]] = Counter()
    for fact in facts:
        if fact.received_at is not None and fact.is_open_at(as_of):
            counts[(age_bucket(as_of - fact.received_at, edges_days), str(fact.priority or UNKNOWN))] += 1
    order = [age_bucket(timedelta(days=lower), edges_days) for lower in (0, *edges_days)]
    return [BacklogRow(age_bucket=bucket, priority=priority, count=count)
            for (bucket, priority), count in sorted(counts.items(), key=lambda item: (order.index(item[0][0]),
                                                                                        item[0][1]))]


_MILESTONES: dict[str, Callable[[ComplaintFact], datetime | None]] = {
    "acknowledge": lambda fact: fact.acknowledged_at,
    "first_response": lambda fact: fact.first_response_at,
    "resolve": lambda fact: fact.resolved_at,
}


def time_to_milestones(*, facts: Iterable[ComplaintFact]) -> list[TimingRow]:
    """Return p50/p90 of the time from receipt to each milestone, per priority and for `all`."""
    durations: dict[tuple[str, str], list[float]] = {}
    for fact in facts:
        if fact.received_at is None:
            continue
        for milestone, reached_at in _MILESTONES.items():
            at = reached_at(fact)
            if at is None:
                continue
            seconds = (at - fact.received_at).total_seconds()
            for priority in (str(fact.priority or UNKNOWN), "all"):
                durations.setdefault((milestone, priority), []).append(seconds)
    rows = []
    for (milestone, priority), values in sorted(durations.items()):
        p50, p90 = np.percentile(values, [50, 90])
        rows.append(TimingRow(milestone=milestone, priority=priority, count=len(values),
                              p50_seconds=float(p50), p90_seconds=float(p90)))
    return rows


REPORTED_DEADLINES = frozenset({"mdr_report", "mdr_five_day_report"})
"""Deadlines (routing's FDA 21 CFR 803 clocks) only a report to the regulator meets, never the customer's answer."""


def deadline_status(fact: ComplaintFact, name: str, as_of: datetime) -> Literal["met", "breached", "pending"]:
    """Judge one deadline of a fact as of a moment, trusting resolution's `DeadlineBreached` events (a breach stands
    even if a report recorded later says it was filed in time, as resolution counts it)."""
    deadline = fact.deadlines[name]
    if deadline.breached_at is not None and deadline.breached_at < as_of:
        return "breached"
    if deadline.met_at is not None and deadline.met_at < as_of:
        return "met"
    if deadline.due_at is not None and deadline.due_at <= as_of:
        return "met"
    if deadline.name not in REPORTED_DEADLINES and fact.state_at(as_of) is not State.OPEN:
        return "met"
    return "pending"


def deadline_compliance(*, facts: Iterable[ComplaintFact], as_of: datetime) -> list[ComplianceRow]:
    """Return met/breached counts and compliance % per clock (service SLA and regulatory)."""
    counts: Counter[tuple[Clock, str]] = Counter()
    for fact in facts:
        for name, deadline in fact.deadlines.items():
            counts[(deadline.clock, deadline_status(fact, name, as_of))] += 1
    rows = []
    for clock in Clock:
        met, breached = counts[(clock, "met")], counts[(clock, "breached")]
        percent = 100.0 * met / (met + breached) if met + breached else None
        rows.append(ComplianceRow(clock=clock, met=met, breached=breached, pending=counts[(clock, "pending")],
                                  percent=percent))
    return rows
