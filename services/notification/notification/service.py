"""The notification use case: keep the facts, send what events call for exactly once, report the outcomes."""

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from complaint_contracts import ComplaintReceived, Event
from complaints_chassis.clock import Now
from complaints_chassis.group_commit import GroupCommit
from complaints_chassis.parking import Deferred

from .domain.delivery import Delivery, DeliveryStatus, outgoing_message
from .domain.facts import facts_from_received
from .domain.links import SiteLinks
from .domain.outcomes import Outcome, delivery_event, skipped_event
from .domain.planning import FactsNotYetKnown
from .domain.ports import MessageRenderer, NotificationStore, Notifier, OutcomeCounter
from .domain.recipients import StaffDirectory
from .domain.runs import Step, by_complaint, complaints_in, plan_run
from .domain.selection import DeliveryChannel


class DeliveryDeferred(Exception):
    """Some deliveries failed transiently: redeliver the event later; recorded deliveries will not repeat."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass
class NotificationService:
    """Sends what a run of events calls for, exactly once per delivery, and reports the recorded outcomes."""

    store: NotificationStore
    notifiers: Mapping[DeliveryChannel, Notifier]
    renderer: MessageRenderer
    links: SiteLinks
    directory: StaffDirectory
    clock: Now
    metrics: OutcomeCounter
    notify: Callable[[], None]
    """Wakes the outbox relay once outcomes are stored."""

    concurrency: int = 32
    """Complaints whose messages are sent at the same time (each complaint's events stay in order)."""

    async def deliver(self, *, events: Sequence[Event]) -> list[Outcome]:
        """Send what each event of the run calls for, in order per complaint; return the outcomes recorded now."""
        # The store sees a handful of round trips per run, not per event: facts are read and written in one go,
        # the delivery log is asked once, and outcomes are recorded by group commit as their sends finish.
        # Facts first: a run may hold a complaint's routing before its receipt (topics are not ordered between
        # each other), and if a later event fails the chassis retries events one by one: the facts must be there.
        await self.store.remember_received([facts_from_received(event=e) for e in events
                                            if isinstance(e, ComplaintReceived)])
        groups = by_complaint(events)
        complaint_ids = complaints_in(groups)
        known = await self.store.facts_of(complaint_ids) if complaint_ids else {}
        plan = plan_run(groups=groups, known=known, links=self.links, directory=self.directory,
                        channels=self.notifiers, template_languages=self.renderer.languages)
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
                    await self._deliver_step(step, done=done, record=record, recorded=recorded)

        results = await asyncio.gather(*(in_order(steps) for steps in plan.steps.values() if steps),
                                       return_exceptions=True)
        if recorded:
            self.metrics.recorded(recorded)
            self.notify()
        failures = [*plan.failures, *(r for r in results if isinstance(r, BaseException))]
        if not failures:
            return recorded
        # The others were recorded; the chassis retries the run event by event. An event ahead of its complaint's
        # receipt is parked until the receipt is in.
        if isinstance(failures[0], FactsNotYetKnown):
            raise Deferred(str(failures[0])) from failures[0]
        raise failures[0]

    async def _deliver_step(self, step: Step, *, done: set[str], record: GroupCommit[Outcome, bool],
                            recorded: list[Outcome]) -> None:
        deferred: list[str] = []
        for route in step.routes:
            if route.notification_id in done:
                continue
            if isinstance(route, Delivery):
                outcome = await self._send(route, trigger=step.event)
            else:
                outcome = skipped_event(skipped=route, trigger=step.event)
            if isinstance(outcome, str):
                deferred.append(outcome)
            elif outcome is not None and await record(outcome):
                recorded.append(outcome)
        if deferred:
            raise DeliveryDeferred(deferred)

    async def _send(self, delivery: Delivery, *, trigger: Event) -> Outcome | str:
        """The outcome event, or the reason of a transient failure (nothing is recorded, so a retry sends it)."""
        message = outgoing_message(delivery=delivery, rendered=self.renderer.render_delivery(delivery),
                                   created_at=self.clock())
        result = await self.notifiers[delivery.channel].send(message)
        if result.status is DeliveryStatus.TRANSIENT_FAILURE:
            return f"{delivery.channel.value}: {result.reason}"
        return delivery_event(message=message, result=result, trigger=trigger)
