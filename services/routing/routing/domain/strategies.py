"""Assignment strategies: pure choices of an employee within a team, each explained in words."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase

from complaint_contracts.types import Language

from .teams import Member, Strategy, Team
from .workload import Staffing


@dataclass(frozen=True)
class MemberChoice:
    member: str | None
    reason: str


@dataclass(frozen=True)
class Need:
    """What the complaint asks of the person handling it."""

    language: Language
    product: str | None


def round_robin(*, team: Team, candidates: Sequence[Member], need: Need, staffing: Staffing) -> MemberChoice:
    """The next candidate after the one this team assigned last, in configured order."""
    order = [member.id for member in team.members]
    last = staffing.history.last_assignee.get(team.id)
    start = order.index(last) + 1 if last in order else 0
    ranked = sorted(candidates, key=lambda member: (order.index(member.id) - start) % len(order))
    chosen = ranked[0].id
    after = f"after {last}" if last in order else "first in order"
    return MemberChoice(chosen, f"round robin: {chosen} is next in turn ({after})")


def least_loaded(*, team: Team, candidates: Sequence[Member], need: Need, staffing: Staffing) -> MemberChoice:
    """The candidate with the fewest open cases (configured order breaks ties)."""
    counts = {member.id: staffing.workload.of_member(team=team.id, member=member.id) for member in candidates}
    chosen = min(candidates, key=lambda member: counts[member.id]).id
    return MemberChoice(chosen, f"least loaded: {chosen} has the fewest open cases ({counts[chosen]})")


def _speaks(member: Member, language: Language) -> bool:
    return not member.languages or language in member.languages


def _knows(member: Member, product: str | None) -> bool:
    if not member.products:
        return True
    return product is not None and any(fnmatchcase(product.casefold(), glob.casefold()) for glob in member.products)


def skills(*, team: Team, candidates: Sequence[Member], need: Need, staffing: Staffing) -> MemberChoice:
    """The least loaded candidate with the most needed skills (language first, then product)."""
    def score(member: Member) -> tuple[bool, bool]:
        return _speaks(member, need.language), need.product is not None and _knows(member, need.product)

    best = max(score(member) for member in candidates)
    skilled = [member for member in candidates if score(member) == best]
    pick = least_loaded(team=team, candidates=skilled, need=need, staffing=staffing)
    has = [skill for skill, present in zip((f"language {need.language}", f"product {need.product}"), best,
                                           strict=True) if present]
    skill_words = f"has {' and '.join(has)}" if has else "no one has the language or product, so by load"
    return MemberChoice(pick.member, f"skills: {pick.member} {skill_words}; {pick.reason}")


STRATEGIES: dict[Strategy, Callable[..., MemberChoice]] = {
    Strategy.ROUND_ROBIN: round_robin,
    Strategy.LEAST_LOADED: least_loaded,
    Strategy.SKILLS: skills,
}


def choose_member(*, team: Team, need: Need, staffing: Staffing, excluded: frozenset[str] = frozenset()
                  ) -> MemberChoice:
    """Pick an employee with the team's strategy among active members with room; None leaves it with the team."""
    load = staffing.workload
    available = [member for member in team.members
                 if member.active and member.id not in excluded
                 and (member.capacity is None or load.of_member(team=team.id, member=member.id) < member.capacity)]
    if not available:
        return MemberChoice(None, f"no member of {team.id} is available, so the team queue holds it")
    return STRATEGIES[team.strategy](team=team, candidates=available, need=need, staffing=staffing)
