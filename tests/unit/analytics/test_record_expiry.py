"""A complaint record at the end of its retention, through the consumer's handler: its fact goes, another
complaint's stays, a second delivery is harmless, and the reports and gauges afterwards are those of the facts left
(as if the complaint had never been projected)."""

from datetime import UTC, datetime, timedelta

from analytics.deps import AnalyticsDeps
from analytics.domain.gauges import FIELDS
from analytics.domain.selection import FactFilter
from analytics.domain.systemic_issues import DetectionSettings
from analytics.entrypoints import handlers
from analytics.service import AnalyticsService
from complaint_contracts.intake import ComplaintRecordExpired
from complaint_contracts.types import Regime
from complaints_calendar import load_calendars

from tests.unit.analytics import reference
from tests.unit.analytics.builders import closed, feedback, full_story, received, resolved, routed
from tests.unit.analytics.fakes import FakeFactStore, FakeMetrics

NOW = datetime(2026, 6, 30, 12, tzinfo=UTC)
START = datetime(2026, 3, 2, 9, tzinfo=UTC)


def make_service() -> AnalyticsService:
    return AnalyticsService(store=FakeFactStore(), clock=lambda: NOW, notify=lambda: None, metrics=FakeMetrics(),
                            detection=DetectionSettings(), calendars=load_calendars(), report_max_facts=1000,
                            transparency_min_count=1)


def stories(*complaint_ids: str) -> list:
    events = []
    for n, cid in enumerate(complaint_ids):
        at = START + timedelta(days=n)
        events += [*full_story(cid, at), closed(cid, at + timedelta(days=9)),
                   received(f"{cid}-open", at, product="savings"), routed(f"{cid}-open", at + timedelta(hours=1)),
                   resolved(f"{cid}-quick", at + timedelta(hours=3)), received(f"{cid}-quick", at),
                   feedback(f"{cid}-quick", at + timedelta(hours=5), score=2)]
    return events


def expired(complaint_id: str) -> ComplaintRecordExpired:
    return ComplaintRecordExpired(complaint_id=complaint_id, closed_at=START, retention_days=2191,
                                  expired_at=START + timedelta(days=2192))


async def reports(service: AnalyticsService) -> dict[str, object]:
    """What the reports say of the whole period, and the gauges now."""
    await service.refresh_metrics()
    selection = FactFilter()
    return {
        "volume": await service.volume(selection=selection, dimension="category", granularity="month"),
        "timings": await service.timings(selection=selection),
        "outcomes": await service.outcomes(selection=selection),
        "return": await service.complaints_return(regime=Regime.UK_FCA_DISP, period_start=START,
                                                  period_end=NOW, jurisdiction=None),
        "transparency": await service.transparency(period_start=START, period_end=NOW),
        "gauges": service.metrics.snapshots[-1],  # type: ignore[attr-defined]
    }


async def test_the_expired_complaint_leaves_the_reports_and_gauges_of_the_others():
    kept_ids, gone_ids = ("c-keep-0001", "c-keep-0002"), ("c-gone-0001", "c-gone-0001-open", "c-gone-0001-quick")
    service, without = make_service(), make_service()
    await service.project(stories(*kept_ids, "c-gone-0001"))
    await without.project(stories(*kept_ids))
    before = await reports(service)
    assert before != await reports(without), "the expired complaints must count before, for this to mean much"
    deps = AnalyticsDeps(service=service)

    await handlers.on_complaint_record_expired([expired(cid) for cid in gone_ids], deps)
    await handlers.on_complaint_record_expired([expired(gone_ids[0])], deps)  # redelivered: nothing left to delete

    assert await service.subject_facts(complaint_ids=list(gone_ids)) == {}
    assert set(await service.subject_facts(complaint_ids=list(kept_ids))) == set(kept_ids)
    after, expected = await reports(service), await reports(without)
    gauges, expected_gauges = after.pop("gauges"), expected.pop("gauges")
    assert after == expected
    assert gauges == expected_gauges
    facts = [fact async for fact in service.store.scan(FIELDS)]
    reference.assert_same_gauges(gauges, reference.snapshot(facts, now=NOW))

