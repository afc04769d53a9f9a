"""Choose the team and the person for a complaint, impartially: never the team or person it is about."""

from dataclasses import dataclass

from complaints_calendar import lineage

from .facts import ComplaintFacts
from .strategies import Need, choose_member
from .teams import Team, TeamDirectory
from .workload import Staffing, WorkloadSnapshot


@dataclass(frozen=True)
class AssignmentDecision:
    department: str
    team: str
    assignee: str | None
    tier: int
    trace: tuple[str, ...]


class NoImpartialTeam(LookupError):
    """No configured team can handle the complaint without judging itself."""


@dataclass(frozen=True)
class Recusal:
    """Who must not handle a complaint, and the words that say so (no personal data in them)."""

    teams: frozenset[str]
    employees: frozenset[str]
    trace: tuple[str, ...]


def recusal_for(*, facts: ComplaintFacts, directory: TeamDirectory) -> Recusal:
    """The teams and employees a complaint is about, who therefore may not handle it."""
    teams: set[str] = set()
    trace = []
    if facts.about_team:
        teams.add(facts.about_team)
        trace.append(f"objectivity: the complaint is about team {facts.about_team}, so that team may not handle it")
    employees = frozenset({facts.about_employee} if facts.about_employee else set())
    if facts.about_employee:
        trace.append("objectivity: the complaint is about an employee, who may not handle it")
        if directory.exclude_employee_team:
            own = sorted(team.id for team in directory.teams_with_member(facts.about_employee))
            teams.update(own)
            trace.extend(f"objectivity: team {team} is the employee's own team, so it may not handle it"
                         for team in own)
    return Recusal(teams=frozenset(teams), employees=employees, trace=tuple(trace))


def _serves(team: Team, facts: ComplaintFacts) -> bool:
    # A team serving a region serves what lies in it (GB covers GB-SCT and GB-EDH; GB-SCT covers GB-EDH, not GB-ENG).
    return ((not team.languages or facts.language in team.languages)
            and (not team.jurisdictions or bool(set(lineage(facts.jurisdiction)) & set(team.jurisdictions))))


def _pick_team(*, candidates: list[Team], facts: ComplaintFacts, workload: WorkloadSnapshot,
               trace: list[str]) -> Team:
    serving = [team for team in candidates if _serves(team, facts)]
    if not serving:
        trace.append(f"no team serves language {facts.language} in {facts.jurisdiction}; "
                     "any team of the department will do")
        serving = candidates
    chosen = min(serving, key=lambda team: workload.of_team(team=team.id))
    if len(serving) > 1:
        trace.append(f"team {chosen.id}: serves the complaint's language and country with the fewest open cases "
                     f"({workload.of_team(team=chosen.id)})")
    else:
        trace.append(f"team {chosen.id}: the team that serves language {facts.language} in {facts.jurisdiction}"
                     if _serves(chosen, facts) else f"team {chosen.id}: the only team left")
    return chosen


def place(*, facts: ComplaintFacts, department: str, tier: int, directory: TeamDirectory, staffing: Staffing,
          recusal: Recusal) -> AssignmentDecision:
    """Place a complaint with a team of the department at `tier` or above, else the fallback team."""
    trace: list[str] = []
    top_tier = max(team.tier for team in directory.teams)
    for candidate_tier in range(tier, top_tier + 1):
        teams = directory.teams_of(department=department, tier=candidate_tier)
        impartial = [team for team in teams if team.id not in recusal.teams]
        if impartial:
            team = _pick_team(candidates=impartial, facts=facts, workload=staffing.workload, trace=trace)
            break
        if teams:
            trace.append(f"objectivity: no tier-{candidate_tier} team of {department} can handle it impartially; "
                         "looking one tier up")
    else:
        team = directory.team(directory.fallback_team)
        if team.id in recusal.teams:
            raise NoImpartialTeam(f"every team that could take it, {team.id} included, is one it is about")
        trace.append(f"fallback: no team of {department} can take it impartially → {team.id}")
    need = Need(language=facts.language, product=facts.product)
    choice = choose_member(team=team, need=need, staffing=staffing, excluded=recusal.employees)
    trace.append(choice.reason)
    return AssignmentDecision(department=team.department, team=team.id, assignee=choice.member, tier=team.tier,
                              trace=tuple(trace))


def assign(*, facts: ComplaintFacts, department: str, directory: TeamDirectory,
           staffing: Staffing) -> AssignmentDecision:
    """Assign a new complaint to a first-tier team of its department, impartially."""
    recusal = recusal_for(facts=facts, directory=directory)
    decision = place(facts=facts, department=department, tier=1, directory=directory, staffing=staffing,
                     recusal=recusal)
    return AssignmentDecision(department=decision.department, team=decision.team, assignee=decision.assignee,
                              tier=decision.tier, trace=recusal.trace + decision.trace)
