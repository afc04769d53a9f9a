"""The notification use case: keep the facts, send what an event calls for exactly once, report outcomes."""

from collections.abc import Mapping
from datetime import datetime
from typing import Protocol

from complaint_contracts import ComplaintEvent, Event, NotificationFailed, NotificationSent

from .channels import Notifier
from .delivery import Delivery, address_message
from .facts import ComplaintFacts, record_facts
from .messages import DeliveryStatus, outgoing_message
from .outcomes import delivery_event, skipped_event
from .plan import SiteLinks
from .planning import plan_messages
from .recipients import StaffDirectory
from .rendering import TemplateRenderer
from .selection import DeliveryChannel

Outcome = NotificationSent | NotificationFailed


class NotificationStore(Protocol):
    """Facts per complaint and the delivery log keyed by notification id."""

    async def get_facts(self, complaint_id: str) -> ComplaintFacts | None: ...

    async def save_facts(self, facts: ComplaintFacts) -> None: ...

    async def has_outcome(self, notification_id: str) -> bool: ...

    async def record_outcome(self, outcome: Outcome) -> None:
        """Write the delivery record and its outcome event together (the outbox publishes the event)."""
        ...


class DeliveryDeferred(Exception):
    """Some deliveries failed transiently: redeliver the event later; recorded deliveries will not repeat."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


async def notify(*, event: Event, store: NotificationStore, notifiers: Mapping[DeliveryChannel, Notifier],
                 renderer: TemplateRenderer, links: SiteLinks, directory: StaffDirectory,
                 now: datetime) -> list[Outcome]:
    """Send every message the event calls for that has no recorded outcome; return the outcomes recorded now."""
    facts = await _updated_facts(event=event, store=store)
    recorded: list[Outcome] = []
    deferred: list[str] = []
    for message in plan_messages(event=event, facts=facts, links=links):
        routes = address_message(message=message, facts=facts, directory=directory, available_channels=notifiers,
                                 template_languages=renderer.languages(message.template))
        for route in routes:
            if await store.has_outcome(route.notification_id):
                continue
            if isinstance(route, Delivery):
                outcome = await _send(delivery=route, notifier=notifiers[route.channel], renderer=renderer,
                                      trigger=event, now=now)
            else:
                outcome = skipped_event(skipped=route, trigger=event)
            if isinstance(outcome, str):
                deferred.append(outcome)
            elif outcome is not None:
                await store.record_outcome(outcome)
                recorded.append(outcome)
    if deferred:
        raise DeliveryDeferred(deferred)
    return recorded


async def _updated_facts(*, event: Event, store: NotificationStore) -> ComplaintFacts | None:
    if not isinstance(event, ComplaintEvent):
        return None
    known = await store.get_facts(event.complaint_id)
    updated = record_facts(facts=known, event=event)
    if updated is not None and updated != known:
        await store.save_facts(updated)
    return updated


async def _send(*, delivery: Delivery, notifier: Notifier, renderer: TemplateRenderer, trigger: Event,
                now: datetime) -> Outcome | str:
    """The outcome event, or the reason of a transient failure (nothing is recorded, so a retry sends it)."""
    message = outgoing_message(delivery=delivery, rendered=renderer.render_delivery(delivery), created_at=now)
    result = await notifier.send(message)
    if result.status is DeliveryStatus.TRANSIENT_FAILURE:
        return f"{delivery.channel.value}: {result.reason}"
    return delivery_event(message=message, result=result, trigger=trigger)
