"""Delivery metrics: sent and failed by channel and template, and how long channels take (bounded labels)."""

import time
from collections.abc import Iterable

from complaint_contracts import NotificationSent
from prometheus_client import CollectorRegistry, Counter, Histogram

from ..domain.delivery import DeliveryResult, DeliveryStatus, OutgoingMessage
from ..domain.outcomes import Outcome
from ..domain.ports import Notifier

LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


class NotificationMetrics:
    def __init__(self, registry: CollectorRegistry) -> None:
        self.sent = Counter("complaints_notification_sent_total", "Messages delivered (recorded once each)",
                            ["channel", "template"], registry=registry)
        self.failed = Counter("complaints_notification_failed_total",
                              "Messages that permanently failed (recorded once each; channel none: unreachable)",
                              ["channel", "template"], registry=registry)
        self.deferred = Counter("complaints_notification_deferred_total",
                                "Deliveries still failing transiently after the channel's retries",
                                ["channel", "template"], registry=registry)
        self.resent_after_unknown_outcome = Counter(
            "complaints_notification_resent_total",
            "Deliveries sent again because an earlier attempt's outcome was lost (possible duplicates, same "
            "Message-ID / webhook-id)", ["channel", "template"], registry=registry)
        self.duration = Histogram("complaints_notification_delivery_duration_seconds",
                                  "Time a channel took to deliver or give up, its retries included",
                                  ["channel"], buckets=LATENCY_BUCKETS, registry=registry)

    def recorded(self, outcomes: Iterable[Outcome]) -> None:
        """Count outcomes that were just recorded (a redelivery records and counts nothing)."""
        for outcome in outcomes:
            counter = self.sent if isinstance(outcome, NotificationSent) else self.failed
            counter.labels(channel=str(outcome.channel), template=outcome.template).inc()

    def resent(self, *, channel: str, template: str) -> None:
        self.resent_after_unknown_outcome.labels(channel=channel, template=template).inc()


class MeteredNotifier(Notifier):
    """Times a channel and counts its transient failures; delivery itself is left to the wrapped channel."""

    def __init__(self, inner: Notifier, metrics: NotificationMetrics) -> None:
        self.inner = inner
        self.metrics = metrics

    async def send(self, message: OutgoingMessage) -> DeliveryResult:
        started = time.perf_counter()
        result = await self.inner.send(message)
        channel = message.channel.value
        self.metrics.duration.labels(channel=channel).observe(time.perf_counter() - started)
        if result.status is DeliveryStatus.TRANSIENT_FAILURE:
            self.metrics.deferred.labels(channel=channel, template=message.template.value).inc()
        return result

    async def aclose(self) -> None:
        await self.inner.aclose()
