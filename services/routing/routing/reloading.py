"""Putting edited rules in force: on request or when the files change; a bad file leaves the old rules active."""

import asyncio

import structlog

from .active_rules import RULES_PROBLEMS, ActiveRules, RulesInForce
from .metrics import RoutingMetrics

log = structlog.get_logger(__name__)


def reload_rules(*, rules: ActiveRules, metrics: RoutingMetrics) -> RulesInForce:
    """Read the rules and teams files again; raise (and keep the old rules) when either is bad."""
    try:
        force = rules.reload()
    except RULES_PROBLEMS:
        metrics.reloads.labels(outcome="refused").inc()
        raise
    metrics.reloads.labels(outcome="loaded").inc()
    metrics.loaded_at.set(force.loaded_at.timestamp())
    log.info("rules reloaded", rules_version=force.rules.version, teams_version=force.teams.version)
    return force


async def watch_rules_files(*, rules: ActiveRules, metrics: RoutingMetrics, interval_seconds: float) -> None:
    """Reload when a file changes on disk; a refused version is reported once, not at every look."""
    refused: tuple[float, float] | None = None
    while True:
        await asyncio.sleep(interval_seconds)
        try:
            stamps = rules.stamps_on_disk()
        except OSError:
            continue  # a file being replaced: look again next time
        if stamps in (rules.current.stamps, refused):
            continue
        try:
            reload_rules(rules=rules, metrics=metrics)
        except RULES_PROBLEMS as exc:
            refused = stamps
            log.warning("edited rules refused; the rules in force stay active", problem=str(exc),
                        rules_version=rules.current.rules.version)
