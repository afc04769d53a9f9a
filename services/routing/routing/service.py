"""Use cases: route new complaints once, re-route escalations, keep the workload view, and keep the rules in force."""

import asyncio
from collections.abc import Callable, Sequence
from datetime import timedelta

import structlog
from complaint_contracts.intake import ComplaintReceived
from complaint_contracts.resolution import AssessmentCorrected, WorkloadChanged
from complaint_contracts.types import ComplaintId
from complaints_chassis.caused import CausedRecords
from complaints_chassis.clock import Now
from complaints_chassis.consumer import PermanentError
from complaints_chassis.parking import Deferred

from .adapters.metrics import RoutingMetrics
from .domain.department_move import corrected_department
from .domain.duplicates import FingerprintsByCustomer, find_possible_duplicates, fingerprint
from .domain.escalation import EscalationEvent, escalate, escalation_of
from .domain.learning import AssessedText, Correction, KeptExample, assessed_text, kept_example
from .domain.outcomes import RoutingOutcome, decide, duplicate_events, first_record, read_all
from .domain.ports import RULES_PROBLEMS, FileStamps, LearningStore, RoutingStore, RulesSource
from .domain.records import DecisionChange, DecisionRecord, NewDecision
from .domain.revision import follow_correction
from .domain.rulebook import RulesInForce, RulesRefused
from .domain.workload import Staffing, latest_reports

log = structlog.get_logger(__name__)


class ConcurrentChange(RuntimeError):
    """A decision changed while it was being re-routed (transient: the chassis tries again)."""


def _first_of_each(received: Sequence[ComplaintReceived]) -> list[ComplaintReceived]:
    seen: dict[str, ComplaintReceived] = {}
    for event in received:
        seen.setdefault(event.complaint_id, event)
    return list(seen.values())


class RoutingService:
    """What the handlers, the API and the rules watcher call."""

    def __init__(self, *, store: RoutingStore, learning: LearningStore, rules: RulesSource, clock: Now,
                 notify: Callable[[], None], decided: CausedRecords, metrics: RoutingMetrics,
                 fingerprint_key: bytes) -> None:
        self._store, self._learning, self._rules, self._clock, self._notify = store, learning, rules, clock, notify
        # First decisions are inserted with what they cause (no outbox); this publishes it, by complaint id.
        self._decided = decided
        self._metrics, self._key = metrics, fingerprint_key
        self._refused_edit: FileStamps | None = None
        metrics.loaded_at.set(rules.current.loaded_at.timestamp())

    async def route(self, *, received: Sequence[ComplaintReceived]) -> None:
        """Assess and route each complaint not decided yet, linking possible duplicates, one write per kind; then
        publish what the decisions caused, also of those decided before (a redelivery: it may not have gone out)."""
        ids = [event.complaint_id for event in received]
        decided = await self._store.decisions(ids)
        fresh = [event for event in _first_of_each(received) if event.complaint_id not in decided]
        if fresh:
            await self._decide(fresh)
        await self._decided.publish(ids)

    async def _decide(self, fresh: Sequence[ComplaintReceived]) -> None:
        book = self._rules.current.book  # one rules version for the whole run, even if a reload lands meanwhile
        prints = [fingerprint(event=event, key=self._key) for event in fresh]
        policy = book.rules.duplicates
        # Independent reads, side by side: under load each round trip waits its turn at the store.
        earlier, workload, history = await asyncio.gather(
            self._store.fingerprints(customer_keys={key for p in prints for key in p.customer_keys},
                                     since=min(p.received_at for p in prints) - timedelta(days=policy.window_days)),
            self._store.workload(), self._store.history())
        staffing = Staffing(workload=workload, history=history)
        now = self._clock()
        decisions: list[NewDecision] = []
        texts: list[AssessedText] = []
        reads = read_all(fresh, book=book)
        seen = FingerprintsByCustomer(earlier)
        for event, print_, read in zip(fresh, prints, reads, strict=True):
            outcome = decide(event=event, book=book, staffing=staffing, now=now, read=read)
            matches = find_possible_duplicates(complaint=print_, earlier=seen.sharing_a_key_with(print_),
                                               policy=policy)
            seen.add(print_)
            if isinstance(outcome, RoutingOutcome):
                staffing = outcome.staffing
                routed = outcome.routed
                texts.append(assessed_text(event=event, kind=routed.kind, category=routed.category,
                                           priority=routed.priority, department=routed.department,
                                           regime=routed.regime, model_version=routed.model_version))
            decisions.append(NewDecision(record=first_record(event=event, outcome=outcome, book=book, now=now),
                                         events=[outcome.event, *duplicate_events(event=event, matches=matches,
                                                                                  now=now)]))
        # Fingerprints and texts first: if the decisions' write fails, the redelivery finds them and skips its own.
        await asyncio.gather(self._store.save_fingerprints(prints), self._learning.save_assessed_texts(texts))
        already = await self._store.insert_decisions(decisions)
        await self._store.save_history(staffing.history)
        self._count([d for d in decisions if d.record.complaint_id not in already])

    def _count(self, decisions: Sequence[NewDecision]) -> None:
        for decision in decisions:
            record = decision.record
            if record.status == "failed":
                self._metrics.failures.labels(cause=record.cause).inc()
            else:
                self._metrics.decisions.labels(department=record.department, priority=str(record.priority)).inc()
                self._metrics.human_checks.inc(record.needs_human_check)
            self._metrics.duplicates.inc(len(decision.events) - 1)

    async def reroute(self, *, escalations: Sequence[EscalationEvent]) -> None:
        """Move escalated complaints to the next tier or the supervisor; each escalation applied once."""
        book = self._rules.current.book
        records = await self._store.decisions([event.complaint_id for event in escalations])
        missing = sorted({event.complaint_id for event in escalations} - set(records))
        if missing:
            raise Deferred(f"complaint {missing[0]} has no routing decision yet",
                           waiting=[e.id for e in escalations if e.complaint_id in missing])
        staffing = Staffing(workload=await self._store.workload(), history=await self._store.history())
        now = self._clock()
        changes: list[DecisionChange] = []
        outcomes: list[str] = []  # "failed", or what triggered the move (metrics labels)
        for event in escalations:
            record = records[event.complaint_id]
            if record.has_seen(event):
                continue
            change, staffing = escalate(event=event, record=record, book=book, staffing=staffing, now=now)
            changes.append(change)
            outcomes.append("failed" if change.failure is not None else escalation_of(event).trigger)
            records[event.complaint_id] = change.record
        lost = await self._store.change_decisions(changes)
        if lost:
            raise ConcurrentChange(f"{len(lost)} decision(s) changed while being re-routed")
        await self._store.save_history(staffing.history)
        self._notify()
        for outcome in outcomes:
            if outcome == "failed":
                self._metrics.failures.labels(cause="no_impartial_team").inc()
            else:
                self._metrics.reroutes.labels(trigger=outcome).inc()

    async def record_corrections(self, *, corrections: Sequence[Correction]) -> None:
        """Keep each staff correction, joined with the text it corrects, as an example to retrain on (once each)."""
        ids = sorted({correction.complaint_id for correction in corrections})
        decided = await self._store.decisions(ids)
        missing = [complaint_id for complaint_id in ids if complaint_id not in decided]
        if missing:
            raise Deferred(f"complaint {missing[0]} has no routing decision yet")
        texts = await self._learning.assessed_texts(ids)
        book = self._rules.current.book
        departments = book.rules.departments() | set(book.teams.departments)
        kept: list[KeptExample] = []
        for correction in corrections:
            assessed = texts.get(correction.complaint_id)
            if assessed is None:  # past the learning window: nothing to learn from labels without their text
                self._metrics.corrections.labels(outcome="text_expired").inc()
                continue
            try:
                kept.append(kept_example(assessed=assessed, correction=correction, departments=departments))
            except ValueError as exc:
                raise PermanentError(f"correction {correction.key} cannot be kept: {exc}") from exc
        await self._learning.keep_examples(kept, now=self._clock())
        self._metrics.corrections.labels(outcome="kept").inc(len(kept))

    async def revise_deadlines(self, *, corrections: Sequence[AssessmentCorrected]) -> None:
        """Follow what staff corrected (each correction once): count a complaint's deadlines again for a corrected
        priority, take it to a team of a corrected department."""
        book = self._rules.current.book
        records = await self._store.decisions(sorted({c.complaint_id for c in corrections}))
        moving = any(corrected_department(c) is not None for c in corrections)
        staffing = (Staffing(workload=await self._store.workload(), history=await self._store.history()) if moving
                    else Staffing())
        changes: list[DecisionChange] = []
        for correction in corrections:
            record = records.get(correction.complaint_id)
            if record is None:
                continue
            change, staffing = follow_correction(correction=correction, record=record, book=book, staffing=staffing,
                                                 now=self._clock())
            if change is not None:
                changes.append(change)
                records[correction.complaint_id] = change.record
        if await self._store.change_decisions(changes):
            raise ConcurrentChange("a decision changed while a correction was followed")
        if moving:
            await self._store.save_history(staffing.history)
        self._notify()

    async def kept_examples(self) -> list[KeptExample]:
        """Every example staff corrections made, oldest first (what `complaints triage retrain` learns from)."""
        return await self._learning.kept_examples()

    async def record_workload(self, *, changes: Sequence[WorkloadChanged]) -> None:
        """Keep the latest open-case count per team and employee (by event time; repeats change nothing)."""
        await self._store.save_workload(latest_reports(changes))

    async def decision(self, *, complaint_id: ComplaintId) -> DecisionRecord | None:
        """The kept decision about a complaint, if it was routed (or failed)."""
        return (await self._store.decisions([complaint_id])).get(complaint_id)

    def rules_in_force(self) -> RulesInForce:
        """The rule book in force and since when."""
        return self._rules.current

    def reload_rules(self) -> RulesInForce:
        """Put the edited rules and teams files in force (new complaints only); raise RulesRefused if either is bad."""
        try:
            force = self._rules.reload()
        except RULES_PROBLEMS as exc:
            self._metrics.reloads.labels(outcome="refused").inc()
            raise RulesRefused(exc, in_force=self._rules.current.book.version) from exc
        self._metrics.reloads.labels(outcome="loaded").inc()
        self._metrics.loaded_at.set(force.loaded_at.timestamp())
        log.info("rules reloaded", rules_version=force.book.version, teams_version=force.book.teams.version)
        return force

    def reload_edited_rules(self) -> None:
        """Reload when a file changed on disk; a refused edit is reported once, not at every look."""
        edit = self._rules.edited()
        if edit is None or edit == self._refused_edit:
            return
        try:
            self.reload_rules()
        except RulesRefused as exc:
            self._refused_edit = edit
            log.warning("edited rules refused; the rules in force stay active", problem=str(exc.problem),
                        rules_version=exc.in_force)
