"""Business metrics of the read model, named as in deploy/prometheus/METRICS.md (labels: priority, age bucket, score).

They are computed from the facts, not counted as events arrive: a redelivered or replayed event must not count
twice, and the facts are already deduplicated. A refresh loop takes a snapshot; scrapes read the snapshot.
Counters here are totals over the read model (they only fall if a customer changes their rating).
"""

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from complaint_contracts.types import Priority
from prometheus_client import CollectorRegistry
from prometheus_client import Counter as PromCounter
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.registry import Collector

from ..domain.facts import ComplaintFact
from ..domain.kpis import UNKNOWN, age_bucket

HOUR = 3600.0
TIME_BUCKETS_SECONDS: tuple[float, ...] = (HOUR, 4 * HOUR, 8 * HOUR, 24 * HOUR, 48 * HOUR, 72 * HOUR, 120 * HOUR,
                                           168 * HOUR, 336 * HOUR, 672 * HOUR, 1344 * HOUR)
"""1 h … 8 weeks: the service-level and regulatory horizons."""

MILESTONES = {
    "acknowledge": ("complaints_time_to_acknowledge_seconds", "Receipt to first acknowledgement",
                    lambda fact: fact.acknowledged_at),
    "first_response": ("complaints_time_to_first_response_seconds", "Receipt to first substantive response",
                       lambda fact: fact.first_response_at),
    "resolve": ("complaints_time_to_resolve_seconds", "Receipt to the final response that stands",
                lambda fact: fact.resolved_at),
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
        for name, (_, _, reached) in MILESTONES.items():
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


class _SnapshotCollector(Collector):
    def __init__(self) -> None:
        self.current = Snapshot(durations={name: {} for name in MILESTONES})

    def collect(self) -> Iterator[Metric]:
        snap = self.current
        backlog = GaugeMetricFamily("complaints_backlog", "Open complaints now", labels=["priority", "age_bucket"])
        for (priority, bucket), count in sorted(snap.backlog.items()):
            backlog.add_metric([priority, bucket], count)
        yield backlog
        for name, (metric, doc, _) in MILESTONES.items():
            family = HistogramMetricFamily(metric, doc, labels=["priority"])
            # Every priority has a series from start-up (empty until a complaint gets there): panels and alerts
            # grouped by priority see the first one.
            durations = {p.value: [] for p in Priority} | snap.durations[name]
            for priority, values in sorted(durations.items()):
                family.add_metric([priority], histogram_buckets(values), sum_value=sum(values))
            yield family
        ratings = CounterMetricFamily("complaints_satisfaction_ratings", "Satisfaction answers, score 1–5",
                                      labels=["score"])
        for score in range(1, 6):
            ratings.add_metric([str(score)], snap.ratings[score])
        yield ratings


class BusinessMetrics:
    def __init__(self, registry: CollectorRegistry, *, dimensions: Iterable[str] = ()) -> None:
        self._collector = _SnapshotCollector()
        registry.register(self._collector)
        self._systemic_issues = PromCounter("complaints_systemic_issues_detected_total",
                                            "SystemicIssueDetected events queued for publishing", ["dimension"],
                                            registry=registry)
        for dimension in dimensions:  # from start-up: the alert's increase() must see the first issue too
            self._systemic_issues.labels(dimension=dimension)

    def issue_detected(self, dimension: str) -> None:
        """Count one systemic issue queued for publishing."""
        self._systemic_issues.labels(dimension=dimension).inc()

    def refresh(self, facts: Iterable[ComplaintFact], *, now: datetime) -> None:
        """Replace the snapshot the next scrape reports."""
        self._collector.current = snapshot(facts, now=now)
