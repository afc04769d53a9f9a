"""Business metrics of the read model, named as in deploy/prometheus/METRICS.md (labels: priority, age bucket, score).

They describe the facts, not events counted as they arrive: a redelivered or replayed event must not count twice,
and the facts are already deduplicated. The gauges are kept from the facts as they change (`gauge_keeper.py`); a
refresh loop hands over a snapshot, scrapes read the snapshot. Counters here are totals over the read model (they
only fall if a customer changes their rating).
"""

from collections.abc import Iterable, Iterator

from complaint_contracts.types import Priority
from prometheus_client import CollectorRegistry
from prometheus_client import Counter as PromCounter
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.registry import Collector

from ..domain.gauges import GaugeSnapshot, Histogram

HISTOGRAMS = {
    "acknowledge": ("complaints_time_to_acknowledge_seconds", "Receipt to first acknowledgement"),
    "first_response": ("complaints_time_to_first_response_seconds", "Receipt to first substantive response"),
    "resolve": ("complaints_time_to_resolve_seconds", "Receipt to the final response that stands"),
}
"""Milestone (each of domain.gauges.MILESTONES) → metric name and help."""


class _SnapshotCollector(Collector):
    def __init__(self) -> None:
        self.current = GaugeSnapshot()

    def collect(self) -> Iterator[Metric]:
        snap = self.current
        backlog = GaugeMetricFamily("complaints_backlog", "Open complaints now", labels=["priority", "age_bucket"])
        for (priority, bucket), count in sorted(snap.backlog.items()):
            backlog.add_metric([priority, bucket], count)
        yield backlog
        for name, (metric, doc) in HISTOGRAMS.items():
            family = HistogramMetricFamily(metric, doc, labels=["priority"])
            # Every priority has a series from start-up (empty until a complaint gets there): panels and alerts
            # grouped by priority see the first one.
            durations = {p.value: Histogram() for p in Priority} | snap.durations[name]
            for priority, histogram in sorted(durations.items()):
                family.add_metric([priority], histogram.buckets(), sum_value=histogram.total.total_seconds())
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

    def refresh(self, snapshot: GaugeSnapshot) -> None:
        """Replace the snapshot the next scrape reports."""
        self._collector.current = snapshot
