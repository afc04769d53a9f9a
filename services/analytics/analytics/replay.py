"""Use case: replay the topics into the facts, merging (never replacing) and only where the topics hold the history.

The entry point is `entrypoints/replay.py` (`python -m analytics.entrypoints.replay`).
"""

from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from datetime import datetime

import structlog

from .domain.fact_updates import FactUpdate, merge_updates
from .domain.ports import EventLog, FactStore, LogBatch
from .domain.projections import CannotProject, fact_updates
from .domain.replay_coverage import Coverage, WholeHistories, topic_coverage

log = structlog.get_logger(__name__)


class TopicsTruncated(RuntimeError):
    """The topics no longer reach back to the oldest fact; the message says what to do."""

    def __init__(self, coverage: Coverage) -> None:
        super().__init__(coverage.explain())
        self.coverage = coverage


@dataclass
class ReplayReport:
    records: int = 0
    projected: int = 0
    skipped: int = 0
    """Records the live consumer would dead-letter or ignore (undecodable, unknown or unprojectable)."""
    replayed: int = 0
    """Facts the topics still had events about (merged with what was stored)."""
    facts: int = 0
    """Facts stored after the replay; `facts - replayed` were kept as they were (their events are gone)."""
    truncated: bool = False
    """The topics did not reach back to the oldest fact (the replay ran only because it was told to)."""
    cutoff: datetime | None = None
    """With truncated topics: only complaints received since then were merged."""
    left_out: int = 0
    """With truncated topics: complaints the topics hold only part of the history of, not merged."""


async def replay_facts(*, store: FactStore, source: EventLog, accept_truncated: bool = False) -> ReplayReport:
    """Merge the facts rebuilt from the topics into the stored ones.

    Every event the topics still hold is applied to the live facts again. Fact updates commute and are idempotent,
    so an event the live consumer already applied changes nothing, one it missed is filled in, and the live
    consumer may keep running meanwhile. Nothing is dropped: the facts of complaints whose events the topics no
    longer hold (older than their retention) stay as they are, and so does what such a fact learnt from events
    that are gone. The topics are the short-term log; the facts are the long-term record behind the returns.

    When retention has deleted the start of a partition after the oldest fact, the replay refuses (TopicsTruncated)
    unless `accept_truncated`: then it merges only the complaints whose whole history the topics hold.
    """
    coverage = topic_coverage(starts=await source.starts(), oldest_fact_at=await store.oldest_received_at())
    if not coverage.complete and not accept_truncated:
        raise TopicsTruncated(coverage)
    report = ReplayReport(truncated=not coverage.complete, cutoff=coverage.cutoff)
    whole = None if coverage.complete else WholeHistories(coverage.cutoff)
    replayed: set[str] = set()
    await source.read(_projector(store, report, replayed, whole))
    report.replayed = len(replayed)
    report.left_out = whole.left_out() if whole else 0
    report.facts = await store.count()
    log.info("read models replayed", **asdict(report))
    return report


def _projector(store: FactStore, report: ReplayReport, replayed: set[str],
               whole: WholeHistories | None) -> Callable[[LogBatch], Awaitable[None]]:
    async def apply(batch: LogBatch) -> None:
        report.records += batch.records
        report.skipped += batch.unreadable
        updates: list[FactUpdate] = []
        for event in batch.events:
            try:
                projected = fact_updates(event)
            except CannotProject:  # the live consumer dead-letters these
                report.skipped += 1
                continue
            report.projected += bool(projected)
            updates += projected
        merged = merge_updates(updates)
        if whole is not None:
            merged = whole.admit(merged)
        replayed.update(update.complaint_id for update in merged)
        await store.apply(merged)
    return apply
