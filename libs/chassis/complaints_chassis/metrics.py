"""Metrics the chassis keeps beside FastStream's own, in the service's registry (bounded labels only)."""

from collections import Counter
from collections.abc import Sequence

from aiokafka import ConsumerRecord
from prometheus_client import CollectorRegistry, Gauge
from prometheus_client import Counter as PromCounter


class ChassisMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.consumed = PromCounter("complaints_events_consumed_total",
                                "Events consumed, by what became of them", ["topic", "group", "outcome"],
                                registry=registry)
        self.retries = PromCounter("complaints_event_retries_total", "Transient failures retried",
                               ["topic", "group"], registry=registry)
        self.outbox_published = PromCounter("complaints_outbox_published_total", "Events the outbox relay published",
                                        registry=registry)
        self.outbox_pending = Gauge("complaints_outbox_pending_documents",
                                    "Documents with unpublished events at the last relay round", registry=registry)

        self.lag = Gauge("complaints_consumer_lag_messages",
                         "Messages between the last handled offset and the end of the topic, summed over partitions",
                         ["topic", "group"], registry=registry)
        self.batch_failures = Gauge("complaints_consumer_batch_failures",
                                    "Consecutive failed deliveries of the same batch of a partition (0 when it moves)",
                                    ["topic", "group", "partition"], registry=registry)
        self._lag_by_partition: dict[tuple[str, str], dict[int, int]] = {}

    def record_lag(self, group: str, positions: dict[tuple[str, int], int]) -> None:
        """`positions`: (topic, partition) → messages left after this batch; the gauge sums a topic's partitions."""
        touched = set()
        for (topic, partition), left in positions.items():
            self._lag_by_partition.setdefault((topic, group), {})[partition] = left
            touched.add(topic)
        for topic in touched:
            self.lag.labels(topic=topic, group=group).set(sum(self._lag_by_partition[(topic, group)].values()))

    def declare_consumer(self, *, topic: str, group: str) -> None:
        """Create a consumer's series at zero, so rate() and increase() count its first events too."""
        for outcome in ("handled", "ignored", "parked", "dead_lettered"):
            self.consumed.labels(topic=topic, group=group, outcome=outcome)
        self.retries.labels(topic=topic, group=group)

    def record_batch(self, group: str, records: Sequence[ConsumerRecord], *, ignored: Sequence[ConsumerRecord],
                     failed: Sequence[ConsumerRecord], parked: Sequence[ConsumerRecord] = ()) -> None:
        """Count a batch's records by topic and outcome (one increment per label set, not per record)."""
        outcome = ({id(r): "ignored" for r in ignored} | {id(r): "dead_lettered" for r in failed}
                   | {id(r): "parked" for r in parked})
        tally = Counter((r.topic, outcome.get(id(r), "handled")) for r in records)
        for (topic, result), n in tally.items():
            self.consumed.labels(topic=topic, group=group, outcome=result).inc(n)
