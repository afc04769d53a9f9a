"""Metrics the chassis keeps beside FastStream's own, in the service's registry (bounded labels only)."""

from prometheus_client import CollectorRegistry, Counter, Gauge


class ConsumerMetrics:
    def __init__(self, metrics: "ChassisMetrics", topic: str, group: str) -> None:
        self._handled = metrics.consumed.labels(topic=topic, group=group, outcome="handled")
        self._ignored = metrics.consumed.labels(topic=topic, group=group, outcome="ignored")
        self._dead = metrics.consumed.labels(topic=topic, group=group, outcome="dead_lettered")
        self._retried = metrics.retries.labels(topic=topic, group=group)

    def record(self, *, handled: int, ignored: int, dead_lettered: int) -> None:
        self._handled.inc(handled)
        self._ignored.inc(ignored)
        self._dead.inc(dead_lettered)

    def retried(self) -> None:
        self._retried.inc()


class ChassisMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.consumed = Counter("complaints_events_consumed_total",
                                "Events consumed, by what became of them", ["topic", "group", "outcome"],
                                registry=registry)
        self.retries = Counter("complaints_event_retries_total", "Transient failures retried",
                               ["topic", "group"], registry=registry)
        self.outbox_published = Counter("complaints_outbox_published_total", "Events the outbox relay published",
                                        registry=registry)
        self.outbox_pending = Gauge("complaints_outbox_pending_documents",
                                    "Documents with unpublished events at the last relay round", registry=registry)

    def for_consumer(self, topic: str, group: str) -> ConsumerMetrics:
        return ConsumerMetrics(self, topic, group)
