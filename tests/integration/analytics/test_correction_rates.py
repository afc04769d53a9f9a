"""Correction rates on the real store, through the API: the corrections projected into the stored facts (twice,
as a redelivery would), read back by routing time through the receipt index, give the hand-computed month; the app's
routes run in-process (the broker is not needed to answer queries)."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest
from analytics.adapters.store import MongoFactStore
from analytics.config import AnalyticsSettings
from analytics.deps import AnalyticsDeps
from analytics.domain.projections import project
from analytics.domain.systemic_issues import DetectionSettings
from analytics.main import create_app
from analytics.service import AnalyticsService
from complaints_calendar import load_calendars
from complaints_chassis.mongo import make_mongo_client, service_database

from tests.support.backends import Backend
from tests.support.settings import fast_settings
from tests.support.staff import TEST_JWT_SECRET, bearer, staff_token
from tests.unit.analytics.correction_story import APRIL, MARCH, as_tuples, correction_story, expected_tuples
from tests.unit.analytics.fakes import FakeMetrics

pytestmark = pytest.mark.integration


@pytest.fixture
async def stored(backend: Backend) -> AsyncIterator[tuple[httpx.AsyncClient, MongoFactStore]]:
    settings = fast_settings(AnalyticsSettings, backend, jwt_secret=TEST_JWT_SECRET)
    mongo = make_mongo_client(settings)
    store = MongoFactStore(service_database(mongo, settings))
    await store.ensure_indexes()
    service = AnalyticsService(store=store, clock=lambda: datetime.now(UTC), notify=lambda: None,
                               metrics=FakeMetrics(), detection=DetectionSettings(), calendars=load_calendars(),
                               report_max_facts=1000, transparency_min_count=10)
    app = create_app(settings)
    app.state.deps = AnalyticsDeps(service=service)
    events = correction_story("itest")
    await service.project(events)
    await service.project(list(reversed(events)))  # every event again, in the other order
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://analytics",
                                 headers=bearer(staff_token(role="analyst"))) as client:
        yield client, store
    await mongo.drop_database(settings.mongo_database)
    await mongo.close()


async def test_the_stored_corrections_give_the_hand_computed_month_through_the_api(stored) -> None:
    client, store = stored
    expected = project(correction_story("itest"))

    answer = await client.get("/v1/triage/corrections", params={"from": MARCH.isoformat(), "to": APRIL.isoformat()})

    assert answer.status_code == 200, answer.text
    assert as_tuples(answer.json()) == expected_tuples()
    facts = {fact.complaint_id: fact for fact in await store.of_complaints(sorted(expected))}
    assert facts["c-itest-c"].correction.fields.keys() == {"category"}
    assert (facts["c-itest-c"].category, facts["c-itest-c"].correction.latest.category) == (
        "billing", "product_quality")
    assert facts["c-itest-b"].text_language == "ru"
