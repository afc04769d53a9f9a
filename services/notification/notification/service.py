"""The notification use case: keep the facts, send what events call for exactly once, report the outcomes."""

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from complaint_contracts import ComplaintReceived, ComplaintRecordExpired, Event
from complaints_calendar import CalendarBook, load_calendars
from complaints_chassis.clock import Now
from complaints_chassis.group_commit import GroupCommit, Participants
from complaints_chassis.parking import Deferred

from .domain.delivery import Delivery, Skipped
from .domain.delivery_log import DeliveryRecord, FinishedDelivery
from .domain.exports import ComplaintRecord, complaint_record
from .domain.facts import facts_from_received
from .domain.links import SiteLinks
from .domain.outcomes import Outcome, skipped_event
from .domain.planning import FactsNotYetKnown
from .domain.ports import KeyCache, MessageRenderer, NotificationStore, Notifier, OutcomeCounter, OutcomePublisher
from .domain.recipients import StaffDirectory
from .domain.runs import Route, Step, by_complaint, complaints_in, plan_run
from .domain.selection import DeliveryChannel
from .usecases.erasing import erasures_in, finish_unsent, forget_keys
from .usecases.sending import Sender
from .usecases.stopping import DeliveryStop


class DeliveryDeferred(Exception):
    """Some deliveries failed transiently: redeliver the event later; recorded deliveries will not repeat."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass
class _Run:
    """What one run knows of the log and writes to it (writes grouped across the run's concurrent sends)."""

    logged: dict[str, DeliveryRecord]
    begin: GroupCommit[DeliveryRecord, bool]
    record: GroupCommit[FinishedDelivery, bool]
    publish: GroupCommit[FinishedDelivery, None]
    """Publishes outcomes as they are stored, in a group commit of its own: storing the next outcomes never waits for
    the broker, and a complaint's acknowledgement goes out without waiting for the run's other complaints."""
    recorded: list[FinishedDelivery] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)
    """Deliveries an earlier event of this run already made: a trigger and its re-sent copy may share a run."""

    def take(self, route: Route) -> bool:
        """Whether the route is still to be made (then it is this caller's): not finished already, under its
        effect id or under the event-based id deliveries had before, and not made earlier in this run."""
        entry = self.logged.get(route.notification_id)
        if (entry is not None and entry.final) or route.legacy_id in self.logged or route.notification_id in self.taken:
            return False
        if isinstance(route, Skipped) and any(i in self.logged for i in route.handled_as):
            return False  # sent before the erasure, or finished by it
        self.taken.add(route.notification_id)
        return True


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
    outcomes: OutcomePublisher
    """Publishes outcome events once their outcomes are stored (before the run returns and its offsets commit)."""
    keys: KeyCache
    """The data subjects' keys the consumer opened events with, cached: erasure drops them."""
    calendars: CalendarBook = field(default_factory=load_calendars)
    """The business calendars: the time zone and working week a customer's deadlines count in (the shared ones unless
    the wiring names a directory)."""
    stopping: DeliveryStop = field(default_factory=DeliveryStop)
    """Cuts runs short when the service stops (the channels' retry pauses go through it too)."""

    concurrency: int = 32
    """Complaints whose messages are sent at the same time (each complaint's events stay in order)."""
    commit_linger_seconds: float = 0.01
    """How long, at most, an intent or outcome waits for those of other deliveries under way to share its write (not
    at all once every complaint of the run under way waits on a write already): sends end a few milliseconds apart,
    and a write for each one or two of them was a third of the service's CPU. Measured (`make bench`): 5 ms → 10 ms
    took notification and its store from ~14.6 to ~8.3 ms of CPU per complaint when offered twice what the suite
    sustains; 20 ms saved little more and lengthened the acknowledgement's p99."""

    def __post_init__(self) -> None:
        self._sender = Sender(notifiers=self.notifiers, renderer=self.renderer, clock=self.clock,
                              metrics=self.metrics, stopping=self.stopping)

    async def deliver(self, *, events: Sequence[Event]) -> list[Outcome]:
        """Send what each event of the run calls for, in order per complaint; return the outcomes recorded (and
        published) now."""
        with self.stopping.run():
            return await self._deliver(events)

    async def export(self, *, complaint_ids: Sequence[str]) -> dict[str, ComplaintRecord]:
        """Everything kept about these complaints (an access request); complaints it knows nothing of are left out."""
        facts = await self.store.facts_of(complaint_ids)
        deliveries: dict[str | None, list[DeliveryRecord]] = {}
        for record in await self.store.deliveries_of(complaint_ids):
            deliveries.setdefault(record.complaint_id, []).append(record)
        return {cid: complaint_record(facts=facts.get(cid), deliveries=deliveries.get(cid, []))
                for cid in complaint_ids if cid in facts or cid in deliveries}

    async def expire(self, *, expired: Sequence[ComplaintRecordExpired]) -> None:
        """Delete the facts and deliveries of complaints whose record retention ended (one write per collection)."""
        await self.store.delete_complaints(sorted({event.complaint_id for event in expired}))

    def stop(self, *, drain_seconds: float) -> None:
        """Stop delivering: runs pausing between retries are cancelled now, sends under way after `drain_seconds`."""
        self.stopping.stop(drain_seconds=drain_seconds)

    async def _deliver(self, events: Sequence[Event]) -> list[Outcome]:
        # The store sees a handful of round trips per run, not per event: facts are read and written in one go,
        # the delivery log is asked once, and intents and outcomes are written by group commit as sends go.
        # Facts first: a run may hold a complaint's routing before its receipt (topics are not ordered between
        # each other), and if a later event fails the chassis retries events one by one: the facts must be there.
        # Round trips that do not depend on each other go together: each waits for its store's turn, and on a busy
        # machine that wait, not the work, is most of a run's time before the first mail goes out.
        erasures = erasures_in(events)
        forget_keys(self.keys, erasures)
        received = {facts.complaint_id: facts for facts in (facts_from_received(event=e) for e in events
                                                            if isinstance(e, ComplaintReceived))}
        groups = by_complaint(events)
        complaint_ids = complaints_in(groups)
        _, stored = await asyncio.gather(self.store.remember_received(list(received.values())),
                                         self.store.facts_of(complaint_ids) if complaint_ids else _nothing())
        # A complaint received in this run and stored by it has no other version than the one it remembered.
        known = {**received, **stored}
        plan = plan_run(groups=groups, known=known, links=self.links, directory=self.directory,
                        channels=self.notifiers, template_languages=self.renderer.languages, calendars=self.calendars)
        ids = plan.logged_ids()
        saving = self.store.save_facts(plan.changed_facts) if plan.changed_facts else _nothing()
        _, logged = await asyncio.gather(saving, self.store.deliveries_among(ids) if ids else _nothing())
        if erasures:  # after the erased facts are stored: earlier versions still hold the contact details
            await self.store.scrub_facts([erasure.complaint_id for erasure in erasures])
        # The complaints under way share the log's writes; a write waits for no one when all of them wait already.
        sending = Participants()
        run = _Run(logged=logged,
                   begin=GroupCommit(self.store.begin_sending, linger_seconds=self.commit_linger_seconds,
                                     participants=sending),
                   record=GroupCommit(self.store.record_outcomes, linger_seconds=self.commit_linger_seconds,
                                      participants=sending),
                   publish=GroupCommit(self._publish))
        # Deliveries finished before are not made again. Where the very event that triggered one is here again, its
        # batch was never committed: publishing what the outcome caused may not have happened (the process stopped
        # between storing and publishing). A delivery another event already made (the same effect planned by two
        # triggers, or a re-sent copy) was published before that event's offset was committed.
        triggers = {str(event.id) for event in events}
        await self.outcomes.publish_again([i for i, record in run.logged.items()
                                           if record.final and record.trigger_event_id in triggers])
        gate = asyncio.Semaphore(self.concurrency)

        async def in_order(steps: list[Step]) -> None:
            # Different complaints do not depend on each other: their SMTP sessions and writes overlap.
            async with gate:
                with sending.taking_part():
                    for step in steps:
                        await self._deliver_step(step, run)

        try:
            if erasures:  # after the facts: a run retried from here finds them erased and sends nothing new
                unsent = await finish_unsent(self.store, erasures)
                run.recorded += unsent
                await self.outcomes.publish(unsent)
            results = await asyncio.gather(*(in_order(steps) for steps in plan.steps.values() if steps),
                                           return_exceptions=True)
        finally:  # also when the run is cut short by a stop: what was recorded is counted
            if run.recorded:
                self.metrics.recorded([finished.outcome for finished in run.recorded])
        failures = [*plan.failures, *(r for r in results if isinstance(r, BaseException))]
        if not failures:
            return [finished.outcome for finished in run.recorded]
        # The others were recorded. Events ahead of their complaint's receipt are parked until the receipt is in,
        # and the chassis applies the rest of the run again together (finding what was recorded); any other failure
        # makes it retry the run event by event.
        if all(isinstance(failure, FactsNotYetKnown) for failure in failures):
            raise Deferred(str(failures[0]), waiting=plan.waiting) from failures[0]
        raise failures[0]

    async def _deliver_step(self, step: Step, run: _Run) -> None:
        deferred: dict[str, str] = {}
        for route in step.routes:
            if not run.take(route):
                continue
            if isinstance(route, Delivery):
                sent = await self._sender.send(route, trigger=step.event, logged=run.logged.get(route.notification_id),
                                               begin=run.begin)
                if isinstance(sent, str):
                    deferred[route.notification_id] = sent
                    continue
                finished: FinishedDelivery | None = sent
            else:
                outcome = skipped_event(skipped=route, trigger=step.event)
                finished = FinishedDelivery(outcome) if outcome is not None else None
            if finished is not None and await self._record(finished, run, sent=isinstance(route, Delivery)):
                run.recorded.append(finished)
                # A failed publish fails the run; its retry publishes again what the run's triggers recorded.
                await run.publish(finished)
        if deferred:
            await self.store.defer(list(deferred))
            raise DeliveryDeferred(list(deferred.values()))

    async def _publish(self, finished: Sequence[FinishedDelivery]) -> list[None]:
        await self.outcomes.publish(finished)
        return [None] * len(finished)

    async def _record(self, finished: FinishedDelivery, run: _Run, *, sent: bool) -> bool:
        try:
            return await run.record(finished)
        except Exception:
            if sent:  # what the channel said is known: the retry records it instead of sending again
                self._sender.unrecorded.keep(finished)
            raise


async def _nothing() -> dict[str, Any]:
    """Stands in for a look-up or a write with nothing to do."""
    return {}
