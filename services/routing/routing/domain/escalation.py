"""Re-routing on escalation: the next tier of the department, else the supervisor, never someone recused."""

from dataclasses import dataclass, replace
from datetime import datetime

from complaint_contracts.intake import EscalationRequested
from complaint_contracts.resolution import CaseEscalated
from complaint_contracts.routing import ComplaintRerouted, ComplaintRoutingFailed

from .assignment import NoImpartialTeam, place, recusal_for
from .facts import ComplaintFacts
from .records import DecisionChange, DecisionRecord, SeenEscalation
from .rulebook import RuleBook
from .teams import TeamDirectory
from .workload import Staffing

EscalationEvent = CaseEscalated | EscalationRequested


@dataclass(frozen=True)
class Escalation:
    """What an escalation asks: a tier (None: the next one), why in words, and what triggered it (for metrics)."""

    target_tier: int | None
    reason: str
    trigger: str


def escalation_of(event: EscalationEvent) -> Escalation:
    """What the event asks for; a customer's own words stay out (they are personal data)."""
    if isinstance(event, CaseEscalated):
        return Escalation(event.tier, f"case escalated ({event.trigger}): {event.reason}", event.trigger)
    return Escalation(None, "the customer asked for the complaint to be escalated", "customer_request")


@dataclass(frozen=True)
class ReroutingDecision:
    """Everything a `ComplaintRerouted` needs."""

    department: str
    team: str
    assignee: str | None
    tier: int
    previous_team: str
    reason: str
    trace: tuple[str, ...]


def reroute_for_escalation(*, facts: ComplaintFacts, current_team: str, current_tier: int, escalation: Escalation,
                           directory: TeamDirectory, staffing: Staffing) -> ReroutingDecision:
    """Move an escalated complaint to the requested (or next) tier of its department, or to the supervisor."""
    team, reason = directory.team(current_team), escalation.reason
    tier = escalation.target_tier if escalation.target_tier is not None else current_tier + 1
    recusal = recusal_for(facts=facts, directory=directory)
    trace = [*recusal.trace, f"escalation: {reason} → tier {tier} of {team.department}"]
    higher = [candidate for candidate in directory.teams
              if candidate.department == team.department and candidate.tier >= tier
              and candidate.id not in recusal.teams]
    supervisor = team.supervisor
    if not higher and supervisor and supervisor not in recusal.employees:
        trace.append(f"escalation: {team.department} has no tier-{tier} team, so the supervisor of {team.id} "
                     "takes it")
        return ReroutingDecision(department=team.department, team=team.id, assignee=supervisor, tier=tier,
                                 previous_team=team.id, reason=reason, trace=tuple(trace))
    decision = place(facts=facts, department=team.department, tier=tier, directory=directory, staffing=staffing,
                     recusal=recusal)
    return ReroutingDecision(department=decision.department, team=decision.team, assignee=decision.assignee,
                             tier=max(tier, decision.tier), previous_team=team.id, reason=reason,
                             trace=(*trace, *decision.trace))


def escalate(*, event: EscalationEvent, record: DecisionRecord, book: RuleBook, staffing: Staffing,
             now: datetime) -> tuple[DecisionChange, Staffing]:
    """Re-route a decided complaint for an escalation, or say in an event that no one impartial can take it."""
    escalation = escalation_of(event)
    # A failed routing, or a team removed by a reload since, escalates from the fallback team.
    known = {team.id for team in book.teams.teams}
    current = record.team if record.team in known else book.teams.fallback_team
    applied = replace(record, version=record.version + 1, applied=(*record.applied, event.dedupe_key))
    try:
        decision = reroute_for_escalation(facts=record.facts, current_team=current, current_tier=record.current_tier,
                                          escalation=escalation, directory=book.teams, staffing=staffing)
    except NoImpartialTeam as exc:
        failed = ComplaintRoutingFailed(complaint_id=event.complaint_id, time=now,
                                        reason=f"escalation could not be re-routed, no impartial team: {exc}",
                                        rules_version=book.version, **event.caused())
        return DecisionChange(cause=event, record=applied, events=(failed,), failure=failed.reason), staffing
    rerouted = ComplaintRerouted(
        complaint_id=event.complaint_id, time=now, department=decision.department, team=decision.team,
        assignee=decision.assignee, rules_fired=list(decision.trace), rules_version=book.version,
        previous_team=decision.previous_team, reason=decision.reason, tier=decision.tier, **event.caused())
    moved = replace(applied, status="routed", department=decision.department, team=decision.team,
                    assignee=decision.assignee, tier=decision.tier, rerouted_at=now, rules_version=book.version,
                    teams_version=book.teams.version,
                    escalations=(*record.escalations, SeenEscalation(str(event.id), event.causation_id)))
    return (DecisionChange(cause=event, record=moved, events=(rerouted,)),
            staffing.assigned(team=decision.team, assignee=decision.assignee))
