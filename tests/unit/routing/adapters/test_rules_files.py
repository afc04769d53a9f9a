from datetime import UTC, datetime
from pathlib import Path

import pytest
import routing
from complaints_calendar import DataFileError
from routing.adapters.rules_files import ActiveRules, load_rules, load_teams
from routing.config import RoutingSettings
from routing.domain.rulebook import UnknownDepartments

NOW = datetime(2026, 3, 26, 10, 0, tzinfo=UTC)  # when `active_rules` were loaded


def replace_in(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_settings_default_to_the_rules_shipped_inside_the_package() -> None:
    settings = RoutingSettings(kafka_bootstrap="localhost:9092", mongo_url="mongodb://localhost",
                               fingerprint_key="unit-test-fingerprint-key")
    assert settings.rules_file.is_file() and settings.teams_file.is_file()
    package = Path(routing.__file__).resolve().parent
    assert settings.rules_file.is_relative_to(package) and settings.teams_file.is_relative_to(package)


def test_shipped_rules_and_teams_agree_on_departments() -> None:
    rules, teams = load_rules(), load_teams()
    assert rules.departments() <= set(teams.departments)


def test_reload_puts_the_edited_rules_in_force(active_rules: ActiveRules) -> None:
    replace_in(active_rules.rules_file, f'version: "{load_rules().version}"', 'version: "2026.07.2"')
    assert active_rules.edited() is not None
    assert active_rules.reload().book.version == "2026.07.2"
    assert active_rules.current.book.version == "2026.07.2"
    assert (active_rules.current.loaded_at, active_rules.current.rules_file, active_rules.current.teams_file) == (
        NOW, "default.yaml", "teams.yaml")
    assert active_rules.edited() is None


@pytest.mark.parametrize(("file", "old", "new", "error"), [
    ("default.yaml", "raise_by: 1", "raise_by: 0", DataFileError),
    ("teams.yaml", "fallback_team: complaints-review", "fallback_team: nobody", DataFileError),
    ("teams.yaml", "  marketing:\n    name: Marketing\n    handles: Feedback and suggestions\n", "",
     DataFileError),
    ("default.yaml", "department: marketing", "department: sales", UnknownDepartments),
])
def test_a_bad_edit_is_refused_and_the_rules_in_force_stay(active_rules: ActiveRules, file: str, old: str, new: str,
                                                           error: type[Exception]) -> None:
    in_force = active_rules.current
    replace_in(active_rules.rules_file.parent / file, old, new)
    with pytest.raises(error):
        active_rules.reload()
    assert active_rules.current is in_force
