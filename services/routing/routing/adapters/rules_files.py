"""The rules and teams files (and the triage model beside them): the packaged ones, reading and checking them,
and the set in force.

A reload swaps the whole rule book, so a decision uses one consistent set from start to end.
"""

from pathlib import Path

from complaints_calendar import CalendarBook, load_yaml_model
from complaints_chassis.clock import Now

from ..domain.ports import FileStamps
from ..domain.rule_set import RuleSet
from ..domain.rulebook import RuleBook, RulesInForce, UnknownDepartments
from ..domain.teams import TeamDirectory
from .triage_model import MANIFEST_NAME, load_triage_model

RULES_DIR = Path(__file__).resolve().parent / "rules"
RULES_FILE = RULES_DIR / "default.yaml"
TEAMS_FILE = RULES_DIR / "teams.yaml"


def load_rules(*, path: Path = RULES_FILE) -> RuleSet:
    """Read and check a rules file; raise DataFileError naming the line and the problem."""
    return load_yaml_model(path=path, model=RuleSet)


def load_teams(*, path: Path = TEAMS_FILE) -> TeamDirectory:
    """Read and check the teams file; raise DataFileError naming the line and the problem."""
    return load_yaml_model(path=path, model=TeamDirectory)


def _stamp(path: Path) -> float:
    return path.stat().st_mtime


def read_rule_book(*, rules_file: Path, teams_file: Path, calendars: CalendarBook,
                   model_dir: Path | None = None) -> RuleBook:
    """Read and check both files (and the model, if a directory is given); raise DataFileError naming the file,
    line and problem, or TriageModelRefused."""
    rules = load_rules(path=rules_file)
    model = load_triage_model(model_dir, lexicon_sha256=rules.lexicon_digest) if model_dir is not None else None
    book = RuleBook(rules=rules, teams=load_teams(path=teams_file), calendars=calendars, model=model)
    unknown = book.unstaffed_departments()
    if unknown:
        raise UnknownDepartments(f"{rules_file.name}: rules name departments {teams_file.name} does not define: "
                                 f"{', '.join(unknown)}")
    return book


class ActiveRules:
    """Holds the rules in force (a `RulesSource`); a reload that fails leaves them as they were."""

    def __init__(self, *, rules_file: Path, teams_file: Path, calendars: CalendarBook, clock: Now,
                 model_dir: Path | None = None) -> None:
        self.rules_file, self.teams_file, self._calendars, self._clock = rules_file, teams_file, calendars, clock
        self.model_dir = model_dir
        self.current, self.stamps = self._read()

    def _read(self) -> tuple[RulesInForce, FileStamps]:
        stamps = self.stamps_on_disk()
        book = read_rule_book(rules_file=self.rules_file, teams_file=self.teams_file, calendars=self._calendars,
                              model_dir=self.model_dir)
        return RulesInForce(book=book, loaded_at=self._clock(), rules_file=self.rules_file.name,
                            teams_file=self.teams_file.name), stamps

    def reload(self) -> RulesInForce:
        """Read the files again and put them in force (new complaints only: past decisions stay as made)."""
        self.current, self.stamps = self._read()
        return self.current

    def stamps_on_disk(self) -> FileStamps:
        """Modification times of the files now (compare with `stamps`, those of the rules in force); a promoted
        model rewrites its manifest last, so the manifest's time stands for the model."""
        files = [self.rules_file, self.teams_file]
        if self.model_dir is not None:
            files.append(self.model_dir / MANIFEST_NAME)
        return tuple(_stamp(path) for path in files)

    def edited(self) -> FileStamps | None:
        """The files' stamps when they differ from those of the rules in force, else None."""
        try:
            stamps = self.stamps_on_disk()
        except OSError:
            return None  # a file being replaced: look again next time
        return None if stamps == self.stamps else stamps
