import asyncio
from pathlib import Path

from prometheus_client import CollectorRegistry
from routing.adapters.rules_files import ActiveRules, load_rules
from routing.entrypoints.rules_watcher import watch_rules_files

from tests.support.kafka import eventually
from tests.unit.routing.fakes import FakeRoutingStore, make_service


def replace_in(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


async def test_watcher_reloads_a_changed_file_and_reports_a_refused_one_once(active_rules: ActiveRules) -> None:
    rules = active_rules
    registry = CollectorRegistry()
    service = make_service(store=FakeRoutingStore(), rules=rules, registry=registry)
    watcher = asyncio.create_task(watch_rules_files(service=service, interval_seconds=0.01))
    try:
        replace_in(rules.rules_file, f'version: "{load_rules().version}"', 'version: "2026.07.2"')
        await eventually(lambda: _async(rules.current.book.version == "2026.07.2"), timeout=5)
        replace_in(rules.rules_file, "raise_by: 1", "raise_by: 0")
        await eventually(lambda: _async(registry.get_sample_value(
            "complaints_routing_rules_reloads_total", {"outcome": "refused"}) == 1), timeout=5)
        assert rules.current.book.version == "2026.07.2"
        replace_in(rules.rules_file, "raise_by: 0", "raise_by: 1")
        replace_in(rules.rules_file, 'version: "2026.07.2"', 'version: "2026.07.3"')
        await eventually(lambda: _async(rules.current.book.version == "2026.07.3"), timeout=5)
        # The watcher looked at the bad file many times before the fix, and refused it once.
        assert registry.get_sample_value("complaints_routing_rules_reloads_total", {"outcome": "refused"}) == 1
    finally:
        watcher.cancel()


async def _async(value: bool) -> bool:
    return value
