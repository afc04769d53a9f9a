"""Metrics the chassis keeps beside FastStream's own, in the service's registry (bounded labels only)."""

from collections import Counter
from collections.abc import Sequence

from aiokafka import ConsumerRecord
from prometheus_client import CollectorRegistry, Gauge
from prometheus_client import Counter as PromCounter
from prometheus_client.gc_collector import GCCollector
from prometheus_client.platform_collector import PlatformCollector
from prometheus_client.process_collector import ProcessCollector


def register_runtime_collectors(registry: CollectorRegistry) -> None:
    """The process (CPU, memory, open files), Python platform and garbage-collector metrics, as the default
    registry has them (`process_*`, `python_info`, `python_gc_*`): a service's registry is its own."""
    ProcessCollector(registry=registry)
    PlatformCollector(registry=registry)
    GCCollector(registry=registry)


class ChassisMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        register_runtime_collectors(registry)
        self.consumed = PromCounter("complaints_events_consumed_total",
                                "Events consumed, by what became of them", ["topic", "group", "outcome"],
                                registry=registry)
        self.batches = PromCounter("complaints_consumer_batches_total",
                                   "Batches handled (records per batch: events consumed over this)", ["group"],
                                   registry=registry)
        self.retries = PromCounter("complaints_event_retries_total", "Transient failures retried",
                               ["topic", "group"], registry=registry)
        self.outbox_published = PromCounter("complaints_outbox_published_total", "Events the outbox relay published",
                                        registry=registry)
        self.outbox_pending = Gauge("complaints_outbox_pending_documents",
                                    "Documents with unpublished events at the last relay round", registry=registry)
        self.outbox_oldest_pending_age = Gauge(
            "complaints_outbox_oldest_pending_age_seconds",
            "How long the oldest event still waiting in an outbox has waited (0 when none waits)", registry=registry)

        self.lag = Gauge("complaints_consumer_lag_messages",
                         "Messages between the last handled offset and the end of the topic, summed over partitions",
                         ["topic", "group"], registry=registry)
        self.partition_lag = Gauge("complaints_consumer_partition_lag_messages",
                                   "Messages between the last handled offset and the end of one partition",
                                   ["topic", "group", "partition"], registry=registry)
        self.batch_failures = Gauge("complaints_consumer_batch_failures",
                                    "Consecutive failed deliveries of the same batch of a partition (0 when it moves)",
                                    ["topic", "group", "partition"], registry=registry)
        self._lag_by_partition: dict[tuple[str, str], dict[int, int]] = {}

    def record_lag(self, group: str, positions: dict[tuple[str, int], int]) -> None:
        """`positions`: (topic, partition) → messages left after this batch; per partition and summed by topic."""
        touched = set()
        for (topic, partition), left in positions.items():
            self._lag_by_partition.setdefault((topic, group), {})[partition] = left
            self.partition_lag.labels(topic=topic, group=group, partition=str(partition)).set(left)
            touched.add(topic)
        for topic in touched:
            self.lag.labels(topic=topic, group=group).set(sum(self._lag_by_partition[(topic, group)].values()))

    def record_batch(self, group: str, records: Sequence[ConsumerRecord], *, ignored: Sequence[ConsumerRecord],
                     failed: Sequence[ConsumerRecord], parked: Sequence[ConsumerRecord] = ()) -> None:
        """Count a batch's records by topic and outcome (one increment per label set, not per record)."""
        outcome = ({id(r): "ignored" for r in ignored} | {id(r): "dead_lettered" for r in failed}
                   | {id(r): "parked" for r in parked})
        self.batches.labels(group=group).inc()
        tally = Counter((r.topic, outcome.get(id(r), "handled")) for r in records)
        for (topic, result), n in tally.items():
            self.consumed.labels(topic=topic, group=group, outcome=result).inc(n)
