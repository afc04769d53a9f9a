"""The notification use case: keep the facts, send what an event calls for exactly once, report outcomes."""

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from complaint_contracts import ComplaintEvent, ComplaintReceived, Event, NotificationFailed, NotificationSent
from complaints_chassis.group_commit import GroupCommit

from .channels import Notifier
from .delivery import Delivery
from .facts import ComplaintFacts, facts_from_received
from .messages import DeliveryStatus, outgoing_message
from .outcomes import delivery_event, skipped_event
from .plan import SiteLinks
from .recipients import StaffDirectory
from .rendering import TemplateRenderer
from .run_plan import Step, by_complaint, plan_run
from .selection import DeliveryChannel

Outcome = NotificationSent | NotificationFailed


class NotificationStore(Protocol):
    """Facts per complaint and the delivery log keyed by notification id; every method is one round trip."""

    async def facts_of(self, complaint_ids: Sequence[str]) -> dict[str, ComplaintFacts]: ...

    async def save_facts(self, facts: Sequence[ComplaintFacts]) -> None: ...

    async def remember_received(self, facts: Sequence[ComplaintFacts]) -> None:
        """Store the facts of complaints not known yet; known ones are left alone."""
        ...

    async def recorded_among(self, notification_ids: Sequence[str]) -> set[str]:
        """Which of these deliveries already have an outcome."""
        ...

    async def record_outcomes(self, outcomes: Sequence[Outcome]) -> list[bool]:
        """Write each delivery record with its outcome event (the outbox publishes the event).

        Per outcome: False when that delivery was recorded already.
        """
        ...


class DeliveryDeferred(Exception):
    """Some deliveries failed transiently: redeliver the event later; recorded deliveries will not repeat."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


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
    """Sends what a run of events calls for, exactly once per delivery, and reports the recorded outcomes."""

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

    async def handle(self, events: Sequence[Event]) -> list[Outcome]:
        """Send what each event of the run calls for, in order per complaint; return the outcomes recorded now.

        The store sees a handful of round trips per run, not per event: facts are read and written in one go,
        the delivery log is asked once, and outcomes are recorded by group commit as their sends finish.
        """
        # Facts first: a run may hold a complaint's routing before its receipt (topics are not ordered between
        # each other), and if a later event fails the chassis retries events one by one: the facts must be there.
        await self.store.remember_received([facts_from_received(event=e) for e in events
                                            if isinstance(e, ComplaintReceived)])
        groups = by_complaint(events)
        complaint_ids = [key for key, group in groups.items() if isinstance(group[0], ComplaintEvent)]
        known = await self.store.facts_of(complaint_ids) if complaint_ids else {}
        plan = plan_run(groups=groups, known=known, links=self.links, directory=self.directory,
                        channels=self.notifiers, renderer=self.renderer)
        if plan.changed_facts:
            await self.store.save_facts(plan.changed_facts)
        ids = plan.notification_ids()
        done = await self.store.recorded_among(ids) if ids else set()
        record = GroupCommit(self.store.record_outcomes)
        recorded: list[Outcome] = []
        gate = asyncio.Semaphore(self.concurrency)

        async def in_order(steps: list[Step]) -> None:
            # Different complaints do not depend on each other: their SMTP sessions and writes overlap.
            async with gate:
                for step in steps:
                    await self._deliver(step, done=done, record=record, recorded=recorded)

        results = await asyncio.gather(*(in_order(steps) for steps in plan.steps.values() if steps),
                                       return_exceptions=True)
        self.on_recorded(recorded)
        failures = plan.failures + [r for r in results if isinstance(r, BaseException)]
        if failures:
            raise failures[0]  # the others were recorded; the chassis retries the run event by event
        return recorded

    async def _deliver(self, step: Step, *, done: set[str], record: GroupCommit[Outcome, bool],
                       recorded: list[Outcome]) -> None:
        deferred: list[str] = []
        for route in step.routes:
            if route.notification_id in done:
                continue
            if isinstance(route, Delivery):
                outcome = await _send(delivery=route, notifier=self.notifiers[route.channel], renderer=self.renderer,
                                      trigger=step.event, now=self.clock())
            else:
                outcome = skipped_event(skipped=route, trigger=step.event)
            if isinstance(outcome, str):
                deferred.append(outcome)
            elif outcome is not None and await record(outcome):
                recorded.append(outcome)
        if deferred:
            raise DeliveryDeferred(deferred)
