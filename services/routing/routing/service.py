"""Use cases: route new complaints once, re-route escalations, keep the workload view current."""

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from complaint_contracts.base import Event
from complaint_contracts.intake import ComplaintReceived, EscalationRequested
from complaint_contracts.resolution import CaseEscalated, WorkloadChanged
from complaints_calendar import CalendarBook
from complaints_chassis.idempotency import APPLIED
from complaints_chassis.parking import Deferred

from .active_rules import ActiveRules
from .assignment import NoImpartialTeam
from .documents import facts_from_document, routed_fields
from .domain import RoutingFailure, decide, duplicate_events, reroute_on_escalation, rerouting_failed
from .duplicates import find_possible_duplicates, fingerprint
from .metrics import RoutingMetrics
from .store import DecisionChange, NewDecision, RoutingStore, WorkloadReport


class ConcurrentChange(RuntimeError):
    """A decision changed while it was being re-routed (transient: the chassis tries again)."""


def _first_of_each(received: Sequence[ComplaintReceived]) -> list[ComplaintReceived]:
    seen: dict[str, ComplaintReceived] = {}
    for event in received:
        seen.setdefault(event.complaint_id, event)
    return list(seen.values())


def _same_escalation_seen(event: CaseEscalated | EscalationRequested, doc: dict[str, Any]) -> bool:
    """Whether this escalation already moved the complaint under another event.

    Resolution answers a customer's request with a `CaseEscalated` caused by it, and the two arrive on different
    topics in either order: whichever comes second must not move the complaint a second tier.
    """
    seen = doc.get("escalations", [])
    if isinstance(event, CaseEscalated):
        return event.tier <= doc.get("tier", 1) or event.causation_id in {e["id"] for e in seen}
    return str(event.id) in {e["cause"] for e in seen}


class RoutingService:
    def __init__(self, *, store: RoutingStore, rules: ActiveRules, calendars: CalendarBook,
                 clock: Callable[[], datetime], notify: Callable[[], None], metrics: RoutingMetrics,
                 fingerprint_key: bytes) -> None:
        self.store, self.rules, self.calendars, self.clock = store, rules, calendars, clock
        self._notify, self._metrics, self._key = notify, metrics, fingerprint_key

    async def route(self, *, received: Sequence[ComplaintReceived]) -> None:
        """Assess and route each complaint not decided yet, linking possible duplicates; one write per kind."""
        force = self.rules.current  # one rules version for the whole run, even if a reload lands meanwhile
        decided = await self.store.decisions([event.complaint_id for event in received])
        fresh = [event for event in _first_of_each(received) if event.complaint_id not in decided]
        if not fresh:
            return
        prints = [fingerprint(event=event, key=self._key) for event in fresh]
        policy = force.rules.duplicates
        earlier = await self.store.fingerprints(
            customer_keys={key for p in prints for key in p.customer_keys},
            since=min(p.received_at for p in prints) - timedelta(days=policy.window_days))
        workload, history = await self.store.workload(), await self.store.history()
        now = self.clock()
        decisions: list[NewDecision] = []
        for index, (event, print_) in enumerate(zip(fresh, prints, strict=True)):
            outcome = decide(event=event, rule_set=force.rules, directory=force.teams, workload=workload,
                             history=history, calendars=self.calendars, now=now)
            matches = find_possible_duplicates(complaint=print_, earlier=[*earlier, *prints[:index]], policy=policy)
            events: list[Event] = [outcome.failed if isinstance(outcome, RoutingFailure) else outcome.routed,
                                   *duplicate_events(event=event, matches=matches, now=now)]
            if not isinstance(outcome, RoutingFailure):
                history = outcome.history
            decisions.append(NewDecision(event.complaint_id, routed_fields(event=event, outcome=outcome, force=force,
                                                                           now=now), events))
        # Fingerprints first: if the decisions' write fails, the redelivery finds them and skips its own.
        await self.store.save_fingerprints(prints)
        already = await self.store.insert_decisions(decisions)
        await self.store.save_history(history)
        self._notify()
        self._count([d for d in decisions if d.complaint_id not in already])

    def _count(self, decisions: Sequence[NewDecision]) -> None:
        for decision in decisions:
            fields = decision.fields
            if fields["status"] == "failed":
                self._metrics.failures.labels(cause=fields["cause"]).inc()
            else:
                self._metrics.decisions.labels(department=fields["department"], priority=fields["priority"]).inc()
            self._metrics.duplicates.inc(len(decision.events) - 1)

    async def reroute(self, *, escalations: Sequence[CaseEscalated | EscalationRequested]) -> None:
        """Move escalated complaints to the next tier or the supervisor; each escalation applied once."""
        force = self.rules.current
        docs = await self.store.decisions([event.complaint_id for event in escalations])
        missing = sorted({event.complaint_id for event in escalations} - set(docs))
        if missing:
            raise Deferred(f"complaint {missing[0]} has no routing decision yet")
        workload, history = await self.store.workload(), await self.store.history()
        now = self.clock()
        changes: list[DecisionChange] = []
        outcomes: list[str] = []
        for event in escalations:
            doc = docs[event.complaint_id]
            if event.dedupe_key in doc.get(APPLIED, []) or _same_escalation_seen(event, doc):
                continue
            team_ids = {team.id for team in force.teams.teams}
            # A failed routing, or a team removed by a reload since, escalates from the fallback team.
            current = doc.get("team") if doc.get("team") in team_ids else force.teams.fallback_team
            try:
                rerouted, history = reroute_on_escalation(
                    event=event, facts=facts_from_document(doc), current_team=current,
                    current_tier=doc.get("tier", 1), rule_set=force.rules, directory=force.teams,
                    workload=workload, history=history, now=now)
            except NoImpartialTeam as exc:
                failed = rerouting_failed(event=event, error=exc, rule_set=force.rules, now=now)
                changes.append(DecisionChange(event.complaint_id, doc["version"], event,
                                              {"last_failure": failed.reason}, [failed]))
                outcomes.append("failed")
            else:
                fields = {"status": "routed", "department": rerouted.department, "team": rerouted.team,
                          "assignee": rerouted.assignee, "tier": rerouted.tier, "rerouted_at": now,
                          "rules_version": force.rules.version, "teams_version": force.teams.version,
                          "escalations": [*doc.get("escalations", []),
                                          {"id": str(event.id), "cause": event.causation_id}]}
                changes.append(DecisionChange(event.complaint_id, doc["version"], event, fields, [rerouted]))
                doc = {**doc, **fields}
                outcomes.append(event.trigger if isinstance(event, CaseEscalated) else "customer_request")
            docs[event.complaint_id] = {**doc, "version": doc["version"] + 1,
                                        APPLIED: [*doc.get(APPLIED, []), event.dedupe_key]}
        lost = await self.store.change_decisions(changes)
        if lost:
            raise ConcurrentChange(f"{len(lost)} decision(s) changed while being re-routed")
        await self.store.save_history(history)
        self._notify()
        for outcome in outcomes:
            if outcome == "failed":
                self._metrics.failures.labels(cause="no_impartial_team").inc()
            else:
                self._metrics.reroutes.labels(trigger=outcome).inc()

    async def record_workload(self, *, changes: Sequence[WorkloadChanged]) -> None:
        """Keep the latest open-case count per team and employee (by event time; repeats change nothing)."""
        latest: dict[tuple[str, str | None], WorkloadReport] = {}
        for event in changes:
            order = f"{event.time.astimezone(UTC):%Y-%m-%dT%H:%M:%S.%f}|{event.id}"
            key = (event.team, event.assignee)
            if key not in latest or latest[key].order < order:
                latest[key] = WorkloadReport(event.team, event.assignee, event.open_cases, order)
        await self.store.save_workload(list(latest.values()))
