"""The rule book: the rules, the teams and the business calendars that decisions are made by, in force together."""

from dataclasses import dataclass
from datetime import datetime

from complaints_calendar import CalendarBook

from .rule_set import RuleSet
from .teams import TeamDirectory
from .triage import TriageModel


@dataclass(frozen=True)
class RuleBook:
    """One consistent set to decide by: a reload swaps the whole book, so no decision mixes two versions."""

    rules: RuleSet
    teams: TeamDirectory
    calendars: CalendarBook
    model: TriageModel | None = None
    """The trained triage model beside the rules; None when the rules decide alone."""

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

    @property
    def model_version(self) -> str | None:
        return self.book.model.version if self.book.model is not None else None


class UnknownDepartments(ValueError):
    """The rules send complaints to departments the teams file does not staff."""


class RulesRefused(Exception):
    """Edited rules were refused (`problem` says why); the rules `in_force` stay active."""

    def __init__(self, problem: Exception, *, in_force: str) -> None:
        super().__init__(str(problem))
        self.problem, self.in_force = problem, in_force
