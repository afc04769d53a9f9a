"""The facts written the cheaper way give exactly what the previous write path gave, on the real store.

The same random event streams (any order, redeliveries, any batch cuts; `tests/unit/analytics/streams.py`) go
through two stores in one database: the previous write path, kept as it was in `previous_store.py` (an upsert per
complaint per batch onto a fact with nine single-field indexes), and the service's store (read the batch's facts,
insert the new ones, update the changed ones, leave the rest; two compound indexes). Part of each stream is
consumed live, the rest replayed from topics that may or may not reach back far enough. The stored facts, every
report, the replay's report or refusal, the erasure marks and the business gauges must be the same.
"""

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from analytics.adapters.store import MongoFactStore
from analytics.config import AnalyticsSettings
from analytics.domain.gauges import FIELDS
from analytics.domain.ports import LogBatch
from analytics.domain.replay_coverage import PartitionStart
from analytics.domain.selection import FactFilter
from analytics.domain.systemic_issues import DetectionSettings
from analytics.gauge_keeper import GaugeKeeper
from analytics.replay import TopicsTruncated, replay_facts
from analytics.service import AnalyticsService
from complaint_contracts.types import Regime
from complaints_calendar import load_calendars
from complaints_chassis.mongo import make_mongo_client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pymongo import AsyncMongoClient

from tests.support.backends import Backend
from tests.support.settings import fast_settings
from tests.unit.analytics import reference, streams
from tests.unit.analytics.fakes import FakeEventLog, FakeMetrics

from .previous_store import PreviousFactStore

pytestmark = pytest.mark.integration

AS_OF = streams.MONDAY + timedelta(days=20)
PERIODS = [(datetime(2026, 2, 1, tzinfo=UTC), datetime(2026, 3, 1, tzinfo=UTC)),
           (datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC))]
SELECTIONS = [FactFilter(), FactFilter(received_from=streams.MONDAY, received_before=AS_OF),
              FactFilter(received_before=AS_OF, product=streams.PRODUCTS[0]), FactFilter(product=streams.PRODUCTS[2]),
              FactFilter(category="billing"), FactFilter(priority="high"), FactFilter(regime="us_fda_mdr"),
              FactFilter(department="specialists"), FactFilter(channel="email", jurisdiction="GB")]


@pytest.fixture(scope="module")
async def mongo(backend: Backend) -> AsyncIterator[AsyncMongoClient]:
    client = make_mongo_client(fast_settings(AnalyticsSettings, backend))
    yield client
    await client.close()


def _service(store: MongoFactStore) -> AnalyticsService:
    return AnalyticsService(store=store, clock=lambda: AS_OF, notify=lambda: None, metrics=FakeMetrics(),
                            detection=DetectionSettings(), calendars=load_calendars(), report_max_facts=1000,
                            transparency_min_count=2)


async def _outcome(report) -> Any:
    """A report as JSON-ready data, or the refusal it raised."""
    try:
        result = await report
    except Exception as exc:  # a refusal (e.g. a calendar not covering the period) must be the same too
        return ("refused", type(exc).__name__, str(exc))
    if isinstance(result, list):
        return [row.model_dump(mode="json") if hasattr(row, "model_dump") else row for row in result]
    if isinstance(result, dict):
        return {key: value.model_dump(mode="json") for key, value in result.items()}
    return result.model_dump(mode="json")


async def _reports(service: AnalyticsService, complaint_ids: list[str]) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for n, scope in enumerate(SELECTIONS):
        answers |= {
            f"{n}/volume": await _outcome(service.volume(selection=scope, dimension="category", granularity="week")),
            f"{n}/backlog": await _outcome(service.backlog(selection=scope, as_of=None)),
            f"{n}/timings": await _outcome(service.timings(selection=scope)),
            f"{n}/compliance": await _outcome(service.compliance(selection=scope, as_of=AS_OF)),
            f"{n}/outcomes": await _outcome(service.outcomes(selection=scope)),
            f"{n}/root-causes": await _outcome(service.root_causes(selection=scope)),
            f"{n}/facts.csv": await _outcome(service.fact_rows(selection=scope)),
        }
    for dimension in ("channel", "product", "department", "priority", "regime", "jurisdiction"):
        for granularity in ("day", "month"):
            answers[f"volume/{dimension}/{granularity}"] = await _outcome(
                service.volume(selection=SELECTIONS[0], dimension=dimension, granularity=granularity))
    for start, end in PERIODS:
        for regime in Regime:
            answers[f"return/{regime}/{start}"] = await _outcome(service.complaints_return(
                regime=regime, period_start=start, period_end=end, jurisdiction=None))
        answers[f"transparency/{start}"] = await _outcome(service.transparency(period_start=start, period_end=end))
        answers[f"corrections/{start}"] = await _outcome(service.corrections(routed_from=start, routed_before=end))
    answers["corrections"] = await _outcome(service.corrections(routed_from=None, routed_before=None))
    answers["subject"] = await _outcome(service.subject_facts(complaint_ids=complaint_ids))
    return answers


async def _replay(store: MongoFactStore, batches: list[list], partitions: list[PartitionStart], accept: bool) -> Any:
    log = FakeEventLog([LogBatch(records=len(batch), events=batch) for batch in batches], partitions=partitions)
    try:
        return await replay_facts(store=store, source=log, accept_truncated=accept)
    except TopicsTruncated as exc:
        return ("refused", str(exc))


async def _documents(store: MongoFactStore) -> dict[str, dict]:
    return {document["_id"]: document async for document in store.facts.find()}


# Not shrunk: each example costs seconds on the real store (the falsifying example is printed all the same).
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), phases=[Phase.generate])
@given(run=streams.runs(), live=st.integers(0, 6), truncated_at=st.one_of(st.none(), streams.moments),
       accept=st.booleans(), gauges_at=streams.moments)
async def test_the_store_gives_what_the_previous_write_path_gave(mongo, run, live, truncated_at, accept, gauges_at):
    db = mongo[f"analytics_equivalence_{uuid.uuid4().hex[:8]}"]
    previous, current = PreviousFactStore(db, name="facts_previous"), MongoFactStore(db)
    stores = (previous, current)
    try:
        for store in stores:
            await store.ensure_indexes()
            for batch in run.batches[:live]:
                await _service(store).project(batch)
        partitions = [PartitionStart("complaints.resolution.v1", 0, 0 if truncated_at is None else 7, truncated_at)]
        replayed = [await _replay(store, run.batches[live:], partitions, accept) for store in stores]
        assert replayed[0] == replayed[1]
        assert await _documents(previous) == await _documents(current)
        complaint_ids = sorted({event.complaint_id for event in run.events if hasattr(event, "complaint_id")})
        assert await _reports(_service(previous), complaint_ids) == await _reports(_service(current), complaint_ids)
        kept = await GaugeKeeper(store=current, changes=current.journal).refresh(gauges_at)
        reference.assert_same_gauges(kept, reference.snapshot([f async for f in previous.scan(FIELDS)], now=gauges_at))
    finally:
        await mongo.drop_database(db.name)
