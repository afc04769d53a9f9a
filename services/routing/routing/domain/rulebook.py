"""The rule book: the rules, the teams and the business calendars that decisions are made by, in force together."""

from dataclasses import dataclass
from datetime import datetime

from complaints_calendar import CalendarBook

from .rule_set import RuleSet
from .teams import TeamDirectory


@dataclass(frozen=True)
class RuleBook:
    """One consistent set to decide by: a reload swaps the whole book, so no decision mixes two versions."""

    rules: RuleSet
    teams: TeamDirectory
    calendars: CalendarBook

    @property
    def version(self) -> str:
        """The rules version every decision quotes."""
        return self.rules.version

    def unstaffed_departments(self) -> list[str]:
        """Departments the rules send complaints to that the teams do not define."""
        return sorted(self.rules.departments() - set(self.teams.departments))


@dataclass(frozen=True)
class RulesInForce:
    """The rule book in force, since when, and the names of the files it was read from."""

    book: RuleBook
    loaded_at: datetime
    rules_file: str
    teams_file: str


class UnknownDepartments(ValueError):
    """The rules send complaints to departments the teams file does not staff."""


class RulesRefused(Exception):
    """Edited rules were refused (`problem` says why); the rules `in_force` stay active."""

    def __init__(self, problem: Exception, *, in_force: str) -> None:
        super().__init__(str(problem))
        self.problem, self.in_force = problem, in_force
