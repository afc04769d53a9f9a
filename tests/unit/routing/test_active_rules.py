import asyncio
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from complaints_calendar import DataFileError
from prometheus_client import CollectorRegistry
from routing.active_rules import ActiveRules, UnknownDepartments
from routing.config import RoutingSettings
from routing.metrics import RoutingMetrics
from routing.reloading import reload_rules, watch_rules_files
from routing.rule_set import RULES_DIR

from tests.support.kafka import eventually

NOW = datetime(2026, 3, 26, 10, 0, tzinfo=UTC)


@pytest.fixture
def rules(tmp_path: Path) -> ActiveRules:
    for name in ("default.yaml", "teams.yaml"):
        shutil.copy(RULES_DIR / name, tmp_path / name)
    return ActiveRules(rules_file=tmp_path / "default.yaml", teams_file=tmp_path / "teams.yaml", clock=lambda: NOW)


def replace_in(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_settings_default_to_the_rules_shipped_inside_the_package() -> None:
    settings = RoutingSettings(kafka_bootstrap="localhost:9092", mongo_url="mongodb://localhost",
                               fingerprint_key="unit-test-fingerprint-key")
    assert settings.rules_file.is_file() and settings.teams_file.is_file()
    assert settings.rules_file.parent.parent.name == "routing"


def test_reload_puts_the_edited_rules_in_force(rules: ActiveRules) -> None:
    replace_in(rules.rules_file, 'version: "2026.05.1"', 'version: "2026.06.1"')
    assert reload_rules(rules=rules, metrics=RoutingMetrics(CollectorRegistry())).rules.version == "2026.06.1"
    assert rules.current.rules.version == "2026.06.1"


@pytest.mark.parametrize(("file", "old", "new", "error"), [
    ("default.yaml", "raise_by: 1", "raise_by: 0", DataFileError),
    ("teams.yaml", "fallback_team: complaints-review", "fallback_team: nobody", DataFileError),
    ("teams.yaml", "  marketing:\n    name: Marketing\n    handles: Feedback and suggestions\n", "",
     DataFileError),
    ("default.yaml", "department: marketing", "department: sales", UnknownDepartments),
])
def test_a_bad_edit_is_refused_and_the_rules_in_force_stay(rules: ActiveRules, file: str, old: str, new: str,
                                                           error: type[Exception]) -> None:
    in_force = rules.current
    replace_in(rules.rules_file.parent / file, old, new)
    with pytest.raises(error):
        reload_rules(rules=rules, metrics=RoutingMetrics(CollectorRegistry()))
    assert rules.current is in_force


async def test_watcher_reloads_a_changed_file_and_reports_a_refused_one_once(rules: ActiveRules) -> None:
    registry = CollectorRegistry()
    watcher = asyncio.create_task(watch_rules_files(rules=rules, metrics=RoutingMetrics(registry),
                                                    interval_seconds=0.01))
    try:
        replace_in(rules.rules_file, 'version: "2026.05.1"', 'version: "2026.06.1"')
        await eventually(lambda: _async(rules.current.rules.version == "2026.06.1"), timeout=5)
        replace_in(rules.rules_file, "raise_by: 1", "raise_by: 0")
        await eventually(lambda: _async(registry.get_sample_value(
            "complaints_routing_rules_reloads_total", {"outcome": "refused"}) == 1), timeout=5)
        assert rules.current.rules.version == "2026.06.1"
        replace_in(rules.rules_file, "raise_by: 0", "raise_by: 1")
        replace_in(rules.rules_file, 'version: "2026.06.1"', 'version: "2026.06.2"')
        await eventually(lambda: _async(rules.current.rules.version == "2026.06.2"), timeout=5)
        # The watcher looked at the bad file many times before the fix, and refused it once.
        assert registry.get_sample_value("complaints_routing_rules_reloads_total", {"outcome": "refused"}) == 1
    finally:
        watcher.cancel()


async def _async(value: bool) -> bool:
    return value
