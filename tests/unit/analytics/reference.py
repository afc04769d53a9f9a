"""The business gauges as the service computed them before they were kept as facts change: from every fact at once.

Kept here, as it was, as the reference the gauges kept from changes must equal (tests only).
"""

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from analytics.domain.facts import ComplaintFact
from analytics.domain.gauges import TIME_BUCKETS_SECONDS, GaugeSnapshot
from analytics.domain.kpis import UNKNOWN, age_bucket

MILESTONES = {
    "acknowledge": lambda fact: fact.acknowledged_at,
    "first_response": lambda fact: fact.first_response_at,
    "resolve": lambda fact: fact.resolved_at,
}


@dataclass(frozen=True)
class Snapshot:
    backlog: Counter[tuple[str, str]] = field(default_factory=Counter)
    durations: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    ratings: Counter[int] = field(default_factory=Counter)


def snapshot(facts: Iterable[ComplaintFact], *, now: datetime) -> Snapshot:
    """Compute what the metrics report from a set of facts."""
    result = Snapshot(durations={name: {} for name in MILESTONES})
    for fact in facts:
        if fact.received_at is None:
            continue
        priority = str(fact.priority or UNKNOWN)
        if fact.is_open_at(now):
            result.backlog[(priority, age_bucket(now - fact.received_at))] += 1
        for name, reached in MILESTONES.items():
            at = reached(fact)
            if at is not None:
                result.durations[name].setdefault(priority, []).append((at - fact.received_at).total_seconds())
        if fact.satisfaction is not None:
            result.ratings[fact.satisfaction] += 1
    return result


def histogram_buckets(values: Sequence[float]) -> list[tuple[str, float]]:
    """Cumulative Prometheus buckets (`le` → count) of some durations."""
    buckets = [(repr(edge), float(sum(v <= edge for v in values))) for edge in TIME_BUCKETS_SECONDS]
    return [*buckets, ("+Inf", float(len(values)))]


def assert_same_gauges(kept: GaugeSnapshot, reference: Snapshot) -> None:
    """The gauges kept from changes report what the reference computes (sums up to float rounding)."""
    assert kept.backlog == reference.backlog
    assert kept.ratings == reference.ratings
    for name, by_priority in reference.durations.items():
        assert set(kept.durations[name]) == set(by_priority), name
        for priority, values in by_priority.items():
            histogram = kept.durations[name][priority]
            assert histogram.buckets() == histogram_buckets(values), (name, priority)
            assert math.isclose(histogram.total.total_seconds(), sum(values), rel_tol=1e-12, abs_tol=1e-6)
