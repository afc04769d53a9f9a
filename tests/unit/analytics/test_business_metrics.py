"""The business metrics use case: gauges kept from the facts written since the previous round, never from every
fact but once at start, and equal, for any stream of events, to those computed from every fact.

The random streams (any order, redeliveries, any batch cuts, refreshes at any moment, the clock sometimes going
back) go through the use cases; after every refresh the gauges must equal the reference computed from every stored
fact at that moment (`reference.py`, the computation they replace), and the facts the projection of the whole
stream at once.
"""

from datetime import UTC, datetime, timedelta

from analytics.domain.gauges import FIELDS
from analytics.domain.projections import project
from analytics.domain.systemic_issues import DetectionSettings
from analytics.service import AnalyticsService
from complaints_calendar import load_calendars
from hypothesis import HealthCheck, given, settings

from tests.unit.analytics import reference, streams
from tests.unit.analytics.builders import feedback, received, resolved, routed
from tests.unit.analytics.fakes import FakeFactStore, FakeMetrics

NOW = datetime(2026, 3, 30, 12, tzinfo=UTC)


class Harness:
    def __init__(self) -> None:
        self.now = NOW
        self.store, self.metrics = FakeFactStore(), FakeMetrics()
        self.service = AnalyticsService(store=self.store, clock=lambda: self.now, notify=lambda: None,
                                        metrics=self.metrics, detection=DetectionSettings(),
                                        calendars=load_calendars(), report_max_facts=1000, transparency_min_count=10)

    async def refresh(self, at: datetime = NOW):
        self.now = at
        await self.service.refresh_metrics()
        return self.metrics.snapshots[-1]


def _receipts(product: str, *days: int) -> list:
    return [received(f"c-{product}-{n}", NOW - timedelta(days=day), product=product) for n, day in enumerate(days)]


async def test_the_first_refresh_loads_every_fact_and_later_ones_only_what_was_written():
    app = Harness()
    await app.service.project(_receipts("router-z", 1, 2))
    first = await app.refresh()
    await app.service.project(_receipts("router-y", 4))
    second = await app.refresh()
    third = await app.refresh()

    assert app.store.scans == [None, ["c-router-y-0"]]
    assert first.backlog == {("unknown", "0-3d"): 2}
    assert second.backlog == third.backlog == {("unknown", "0-3d"): 2, ("unknown", "3-7d"): 1}


async def test_a_changed_fact_replaces_its_complaint_in_the_gauges():
    app, cid = Harness(), "c-gauge-0001"
    await app.service.project([received(cid, NOW - timedelta(hours=5)),
                               routed(cid, NOW - timedelta(hours=4), priority="high")])
    before = await app.refresh()
    await app.service.project([resolved(cid, NOW - timedelta(hours=1)), feedback(cid, NOW, score=4),
                               resolved(cid, NOW - timedelta(hours=1))])
    after = await app.refresh()

    assert before.backlog == {("high", "0-3d"): 1} and after.backlog == {}
    assert (before.durations["resolve"], after.durations["resolve"]["high"].count) == ({}, 1)
    assert after.ratings == {4: 1}


async def test_a_lapsed_journal_or_a_clock_moved_back_loads_every_fact_again():
    app = Harness()
    await app.service.project(_receipts("router-t", 1))
    await app.refresh()
    app.store.journal.lapse_next = True
    await app.refresh()
    await app.refresh(NOW - timedelta(minutes=1))

    assert app.service.gauges.loads == 3
    assert [snap.backlog for snap in app.metrics.snapshots] == [{("unknown", "0-3d"): 1}] * 3


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(run=streams.runs())
async def test_gauges_kept_from_changes_equal_those_computed_from_every_fact(run: streams.Run) -> None:
    app = Harness()
    for batch, moment in zip(run.batches, run.refreshes, strict=True):
        await app.service.project(batch)
        if moment is not None:
            kept = await app.refresh(moment)
            facts = [fact async for fact in app.store.scan(FIELDS)]
            reference.assert_same_gauges(kept, reference.snapshot(facts, now=moment))
    assert app.store.documents == project(run.events)
