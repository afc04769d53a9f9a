"""The correction-rates use case over the in-memory store, and the replay filling in the corrections a consumer
missed (it merges with the same projection)."""

from datetime import UTC, datetime

import pytest
from analytics.domain.ports import LogBatch
from analytics.domain.projections import batch_updates, project
from analytics.domain.selection import TooManyFacts
from analytics.domain.systemic_issues import DetectionSettings
from analytics.replay import replay_facts
from analytics.service import AnalyticsService
from complaint_contracts.resolution import AssessmentCorrected
from complaints_calendar import load_calendars

from tests.unit.analytics.correction_story import APRIL, MARCH, as_tuples, correction_story, expected_tuples
from tests.unit.analytics.fakes import FakeEventLog, FakeFactStore, FakeMetrics

NOW = datetime(2026, 4, 10, 12, tzinfo=UTC)


def _service(store: FakeFactStore, *, report_max_facts: int = 1000) -> AnalyticsService:
    return AnalyticsService(store=store, clock=lambda: NOW, notify=lambda: None, metrics=FakeMetrics(),
                            detection=DetectionSettings(), calendars=load_calendars(),
                            report_max_facts=report_max_facts, transparency_min_count=10)


async def _report(service: AnalyticsService) -> list[tuple]:
    rows = await service.corrections(routed_from=MARCH, routed_before=APRIL)
    return as_tuples([row.model_dump() for row in rows])


async def test_the_events_consumed_give_the_hand_computed_month():
    service = _service(FakeFactStore())
    await service.project(correction_story())

    assert await _report(service) == expected_tuples()


async def test_a_month_with_more_complaints_than_a_report_may_load_is_refused():
    service = _service(FakeFactStore(), report_max_facts=5)
    await service.project(correction_story())

    with pytest.raises(TooManyFacts):
        await service.corrections(routed_from=MARCH, routed_before=APRIL)


async def test_the_replay_fills_in_the_corrections_the_consumer_missed():
    events = correction_story()
    live = FakeFactStore()
    await live.apply(batch_updates(event for event in events if not isinstance(event, AssessmentCorrected)))
    service = _service(live)
    [*_, total_before] = await _report(service)

    await replay_facts(store=live, source=FakeEventLog([LogBatch(records=len(events), events=events)]))

    assert total_before == ("all", "all", 6, 0, 0.0, 0, 0, 0, 0)
    assert live.documents == project(events)
    assert await _report(service) == expected_tuples()
