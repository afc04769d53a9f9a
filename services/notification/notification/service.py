"""The notification use case: keep the facts, send what an event calls for exactly once, report outcomes."""

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from complaint_contracts import ComplaintEvent, ComplaintReceived, Event, NotificationFailed, NotificationSent

from .channels import Notifier
from .delivery import Delivery, address_message
from .facts import ComplaintFacts, facts_from_received, record_facts
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

    async def remember_received(self, facts: Sequence[ComplaintFacts]) -> None:
        """Store the facts of complaints not known yet (one round trip); known ones are left alone."""
        ...

    async def recorded_among(self, notification_ids: Sequence[str]) -> set[str]:
        """Which of these deliveries already have an outcome (one round trip)."""
        ...

    async def record_outcome(self, outcome: Outcome) -> bool:
        """Write the delivery record and its outcome event together (the outbox publishes the event).

        False when the delivery was recorded already.
        """
        ...


class DeliveryDeferred(Exception):
    """Some deliveries failed transiently: redeliver the event later; recorded deliveries will not repeat."""

    def __init__(self, reasons: list[str], *, recorded: list[Outcome] | None = None) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons
        self.recorded = recorded or []
        """Outcomes recorded before the deferral (they are final)."""


async def notify(*, event: Event, store: NotificationStore, notifiers: Mapping[DeliveryChannel, Notifier],
                 renderer: TemplateRenderer, links: SiteLinks, directory: StaffDirectory,
                 now: datetime) -> list[Outcome]:
    """Send every message the event calls for that has no recorded outcome; return the outcomes recorded now."""
    facts = await _updated_facts(event=event, store=store)
    recorded: list[Outcome] = []
    deferred: list[str] = []
    routes = [route for message in plan_messages(event=event, facts=facts, links=links)
              for route in address_message(message=message, facts=facts, directory=directory,
                                           available_channels=notifiers,
                                           template_languages=renderer.languages(message.template))]
    done = await store.recorded_among([r.notification_id for r in routes]) if routes else set()
    for route in routes:
        if route.notification_id in done:
            continue
        if isinstance(route, Delivery):
            outcome = await _send(delivery=route, notifier=notifiers[route.channel], renderer=renderer,
                                  trigger=event, now=now)
        else:
            outcome = skipped_event(skipped=route, trigger=event)
        if isinstance(outcome, str):
            deferred.append(outcome)
        elif outcome is not None and await store.record_outcome(outcome):
            recorded.append(outcome)
    if deferred:
        raise DeliveryDeferred(deferred, recorded=recorded)
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


@dataclass
class NotificationService:
    """What the Kafka handler calls: the dependencies of `notify`, and who hears about recorded outcomes."""

    store: NotificationStore
    notifiers: Mapping[DeliveryChannel, Notifier]
    renderer: TemplateRenderer
    links: SiteLinks
    directory: StaffDirectory
    clock: Callable[[], datetime]
    on_recorded: Callable[[list[Outcome]], None] = lambda outcomes: None
    """Told of outcomes as they are stored (metrics, waking the outbox relay)."""

    concurrency: int = 32
    """Complaints whose messages are sent at the same time (each complaint's events stay in order)."""

    async def handle(self, events: Sequence[Event]) -> None:
        """Remember the run's new complaints first, then send what each event calls for, in order per complaint."""
        # Facts first: a run may hold a complaint's routing before its receipt (topics are not ordered between
        # each other), and if a later event fails the chassis retries events one by one: the facts must be there.
        await self.store.remember_received([facts_from_received(event=e) for e in events
                                            if isinstance(e, ComplaintReceived)])
        by_complaint: dict[str, list[Event]] = {}
        for event in events:
            if not isinstance(event, ComplaintReceived):
                by_complaint.setdefault(getattr(event, "complaint_id", None) or str(event.id), []).append(event)
        # Different complaints do not depend on each other: their store round trips and SMTP sessions overlap.
        gate = asyncio.Semaphore(self.concurrency)

        async def in_order(complaint_events: list[Event]) -> None:
            async with gate:
                for event in complaint_events:
                    await self._notify(event)

        results = await asyncio.gather(*(in_order(group) for group in by_complaint.values()),
                                       return_exceptions=True)
        failures = [r for r in results if isinstance(r, BaseException)]
        if failures:
            raise failures[0]  # the others were recorded; the chassis retries the run event by event

    async def _notify(self, event: Event) -> None:
        try:
            outcomes = await notify(event=event, store=self.store, notifiers=self.notifiers, renderer=self.renderer,
                                    links=self.links, directory=self.directory, now=self.clock())
        except DeliveryDeferred as deferred:
            self.on_recorded(deferred.recorded)
            raise
        self.on_recorded(outcomes)
