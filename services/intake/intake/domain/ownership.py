"""Which team owns a complaint, as routing and resolution announce it, and who on staff may download its evidence.

Role names are those of the staff token (resolution's `Role`): an agent sees evidence of their own team's
complaints; supervisors, quality, legal and admins see any complaint's (as they may view any case they oversee);
no other role sees any, whatever team it names.
"""

from collections.abc import Iterable
from datetime import datetime

from complaint_contracts import CaseAssigned, CaseOpened, ComplaintRerouted, ComplaintRouted, Event

OVERSEEING_ROLES = frozenset({"supervisor", "quality", "legal", "admin"})
"""Roles that may download evidence of any complaint."""
OWNERSHIP_EVENTS = (ComplaintRouted, ComplaintRerouted, CaseOpened, CaseAssigned)
"""Events that name the team owning a complaint."""


def team_named(event: Event) -> str | None:
    """The team owning the complaint, when the event names it (as of the event's time)."""
    return event.team if isinstance(event, OWNERSHIP_EVENTS) else None


def latest_owner(decisions: Iterable[tuple[str, datetime]]) -> tuple[str, datetime] | None:
    """The latest of the (team, as of) decisions: one arriving late does not override a newer one; of two at the
    same moment, the one listed last."""
    latest: tuple[str, datetime] | None = None
    for team, as_of in decisions:
        if latest is None or as_of >= latest[1]:
            latest = (team, as_of)
    return latest


def download_refusal(*, roles: frozenset[str], teams: frozenset[str], owning_team: str | None) -> str | None:
    """Why this member of staff may not download the complaint's evidence, or None when they may."""
    if roles & OVERSEEING_ROLES:
        return None
    if "agent" not in roles:  # a team claim alone (an analyst's, say) opens no customer's files
        return "only agents of the team that owns the complaint, supervisors, quality, legal and admins may open " \
               "its files"
    if owning_team is not None and owning_team in teams:
        return None
    if owning_team is None:
        return "the complaint has no owning team yet: only supervisors, quality, legal and admins may open its files"
    return "only the team that owns the complaint, supervisors, quality, legal and admins may open its files"
