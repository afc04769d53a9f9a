"""Routing decisions end to end, as pure functions: received → routed, escalated → rerouted."""

from dataclasses import dataclass
from datetime import datetime

from complaint_contracts.intake import ComplaintReceived, EscalationRequested
from complaint_contracts.resolution import CaseEscalated
from complaint_contracts.routing import (
    ComplaintRerouted,
    ComplaintRouted,
    ComplaintRoutingFailed,
    PossibleDuplicateDetected,
)
from complaints_calendar import CalendarBook, CalendarNotCovered

from .assessment import Assessment, assess, choose_department
from .assignment import AssignmentDecision, NoImpartialTeam, assign
from .deadlines import regulatory_deadlines, service_deadlines
from .duplicates import DuplicateMatch
from .escalation import reroute_for_escalation
from .facts import ComplaintFacts, facts_from_received
from .rule_set import RuleSet
from .teams_model import TeamDirectory
from .workload import AssignmentHistory, WorkloadSnapshot


@dataclass(frozen=True)
class RoutingOutcome:
    """The routed event plus what the store keeps: the facts and the round-robin history after it."""

    routed: ComplaintRouted
    assessment: Assessment
    assignment: AssignmentDecision
    history: AssignmentHistory


def assess_and_route(*, event: ComplaintReceived, rule_set: RuleSet, directory: TeamDirectory,
                     workload: WorkloadSnapshot, history: AssignmentHistory, calendars: CalendarBook,
                     now: datetime) -> RoutingOutcome:
    """Assess a received complaint, assign it impartially and set both clocks' deadlines."""
    assessment = assess(facts=facts_from_received(event=event), rule_set=rule_set)
    department, department_reason = choose_department(assessment=assessment, rule_set=rule_set)
    assignment = assign(facts=assessment.facts, department=department, directory=directory, workload=workload,
                        history=history)
    calendar = calendars.for_jurisdiction(event.jurisdiction)
    deadlines = service_deadlines(priority=assessment.priority, received_at=event.received_at, rule_set=rule_set,
                                  calendar=calendar)
    deadlines += regulatory_deadlines(regime=assessment.regime, priority=assessment.priority,
                                      received_at=event.received_at, calendar=calendar)
    trace = [*assessment.trace, department_reason, *assignment.trace,
             f"calendar: business time follows the {calendar.code} calendar for jurisdiction {event.jurisdiction}",
             f"teams: configuration {directory.version}"]
    routed = ComplaintRouted(
        complaint_id=event.complaint_id, time=now, department=assignment.department, team=assignment.team,
        assignee=assignment.assignee, rules_fired=trace, rules_version=rule_set.version, kind=assessment.kind,
        category=assessment.category, priority=assessment.priority, regime=assessment.regime, deadlines=deadlines,
        received_at=event.received_at, flags=sorted(assessment.facts.flags), **event.caused())
    return RoutingOutcome(routed=routed, assessment=assessment, assignment=assignment,
                          history=history.record(team=assignment.team, assignee=assignment.assignee))


@dataclass(frozen=True)
class RoutingFailure:
    """No decision could be made; the event says why, `cause` names the reason for metrics."""

    failed: ComplaintRoutingFailed
    cause: str


def decide(*, event: ComplaintReceived, rule_set: RuleSet, directory: TeamDirectory, workload: WorkloadSnapshot,
           history: AssignmentHistory, calendars: CalendarBook, now: datetime) -> RoutingOutcome | RoutingFailure:
    """Route a received complaint, or say in an event why it cannot be routed (never lose it)."""
    try:
        return assess_and_route(event=event, rule_set=rule_set, directory=directory, workload=workload,
                                history=history, calendars=calendars, now=now)
    except NoImpartialTeam as exc:
        cause, reason = "no_impartial_team", f"no impartial team: {exc}"
    except CalendarNotCovered as exc:
        cause, reason = "calendar_not_covered", f"deadlines cannot be set: {exc}"
    trace = assess(facts=facts_from_received(event=event), rule_set=rule_set).trace
    failed = ComplaintRoutingFailed(complaint_id=event.complaint_id, time=now, reason=reason,
                                    rules_version=rule_set.version, rules_fired=list(trace),
                                    received_at=event.received_at, **event.caused())
    return RoutingFailure(failed=failed, cause=cause)


def reroute_on_escalation(*, event: CaseEscalated | EscalationRequested, facts: ComplaintFacts, current_team: str,
                          current_tier: int, rule_set: RuleSet, directory: TeamDirectory,
                          workload: WorkloadSnapshot, history: AssignmentHistory,
                          now: datetime) -> tuple[ComplaintRerouted, AssignmentHistory]:
    """Move an escalated complaint up a tier (or to the supervisor) and say why."""
    if isinstance(event, CaseEscalated):
        target_tier, reason = event.tier, f"case escalated ({event.trigger}): {event.reason}"
    else:
        # The customer's own words are personal data, so the event says only that they asked.
        target_tier, reason = None, "the customer asked for the complaint to be escalated"
    decision = reroute_for_escalation(facts=facts, current_team=current_team, current_tier=current_tier,
                                      target_tier=target_tier, reason=reason, directory=directory,
                                      workload=workload, history=history)
    rerouted = ComplaintRerouted(
        complaint_id=event.complaint_id, time=now, department=decision.department, team=decision.team,
        assignee=decision.assignee, rules_fired=list(decision.trace), rules_version=rule_set.version,
        previous_team=decision.previous_team, reason=reason, tier=decision.tier, **event.caused())
    return rerouted, history.record(team=decision.team, assignee=decision.assignee)


def duplicate_events(*, event: ComplaintReceived, matches: list[DuplicateMatch],
                     now: datetime) -> list[PossibleDuplicateDetected]:
    """One `PossibleDuplicateDetected` per earlier complaint that looks the same."""
    return [PossibleDuplicateDetected(complaint_id=event.complaint_id, time=now, duplicate_of=match.duplicate_of,
                                      similarity=match.similarity, reason=match.reason, **event.caused())
            for match in matches]


def rerouting_failed(*, event: CaseEscalated | EscalationRequested, error: NoImpartialTeam, rule_set: RuleSet,
                     now: datetime) -> ComplaintRoutingFailed:
    """The escalation could not move the complaint to anyone impartial: say so instead of dropping it."""
    return ComplaintRoutingFailed(complaint_id=event.complaint_id, time=now,
                                  reason=f"escalation could not be re-routed, no impartial team: {error}",
                                  rules_version=rule_set.version, **event.caused())
