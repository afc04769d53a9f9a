"""Objectivity (ISO 10002 4.6): a complaint is never handled by the team or the person it is about."""

from .complaint import About
from .errors import ObjectivityConflict


def check_objectivity(*, about: About | None, team: str, assignee: str | None) -> None:
    """Refuse to give the case to the team or employee the complaint is about; refuse when whom it is about is
    not known yet (the complaint's details have not arrived), since the rule cannot then be checked."""
    if about is None:
        raise ObjectivityConflict("whom the complaint is about is not known yet (its details have not arrived); "
                                  "reassign once they have", field="team")
    if about.team is not None and team == about.team:
        raise ObjectivityConflict(f"the complaint is about team {team}, which may not handle it", field="team")
    if about.employee is not None and assignee == about.employee:
        raise ObjectivityConflict("the complaint is about the employee chosen to handle it", field="assignee")
