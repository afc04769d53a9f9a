"""Re-routing on escalation: the next tier of the department, else the supervisor, never someone recused."""

from dataclasses import dataclass

from .assignment import place, recusal_for
from .facts import ComplaintFacts
from .teams_model import TeamDirectory
from .workload import AssignmentHistory, WorkloadSnapshot


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


def reroute_for_escalation(*, facts: ComplaintFacts, current_team: str, current_tier: int, target_tier: int | None,
                           reason: str, directory: TeamDirectory, workload: WorkloadSnapshot,
                           history: AssignmentHistory) -> ReroutingDecision:
    """Move an escalated complaint to the requested (or next) tier of its department, or to the supervisor."""
    team = directory.team(current_team)
    tier = target_tier if target_tier is not None else current_tier + 1
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
    decision = place(facts=facts, department=team.department, tier=tier, directory=directory, workload=workload,
                     history=history, recusal=recusal)
    return ReroutingDecision(department=decision.department, team=decision.team, assignee=decision.assignee,
                             tier=max(tier, decision.tier), previous_team=team.id, reason=reason,
                             trace=(*trace, *decision.trace))
