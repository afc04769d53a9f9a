"""The rules and teams in force, swapped whole on reload: a decision uses one consistent pair from start to end."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from complaints_calendar import DataFileError

from .rule_set import RuleSet, load_rules
from .teams_model import TeamDirectory, load_teams


@dataclass(frozen=True)
class RulesInForce:
    rules: RuleSet
    teams: TeamDirectory
    loaded_at: datetime
    stamps: tuple[float, float]
    """Modification times of the rules and teams files when they were read."""


class UnknownDepartments(ValueError):
    """The rules send complaints to departments the teams file does not staff."""


def _stamp(path: Path) -> float:
    return path.stat().st_mtime


def read(*, rules_file: Path, teams_file: Path, now: datetime) -> RulesInForce:
    """Read and check both files; raise DataFileError naming the file, line and problem."""
    stamps = (_stamp(rules_file), _stamp(teams_file))
    rules, teams = load_rules(path=rules_file), load_teams(path=teams_file)
    unknown = sorted(rules.departments() - set(teams.departments))
    if unknown:
        raise UnknownDepartments(f"{rules_file.name}: rules name departments {teams_file.name} does not define: "
                                 f"{', '.join(unknown)}")
    return RulesInForce(rules=rules, teams=teams, loaded_at=now, stamps=stamps)


class ActiveRules:
    """Holds the rules in force; a reload that fails leaves them as they were."""

    def __init__(self, *, rules_file: Path, teams_file: Path, clock: Callable[[], datetime]) -> None:
        self.rules_file, self.teams_file, self._clock = rules_file, teams_file, clock
        self.current = read(rules_file=rules_file, teams_file=teams_file, now=clock())

    def reload(self) -> RulesInForce:
        """Read the files again and put them in force (new complaints only: past decisions stay as made)."""
        self.current = read(rules_file=self.rules_file, teams_file=self.teams_file, now=self._clock())
        return self.current

    def stamps_on_disk(self) -> tuple[float, float]:
        """Modification times of the files now (compare with `current.stamps`)."""
        return _stamp(self.rules_file), _stamp(self.teams_file)


RULES_PROBLEMS = (DataFileError, UnknownDepartments, OSError)
"""What a bad or unreadable rules file raises."""
