"""Extreme but well-formed report queries against the real store: never a 5xx.

A moment whose UTC form falls off the calendar (year 1 with a positive offset, 9999 with a negative one) made the
BSON encoder overflow and the API answer 500; it is now refused with a 422 naming the parameter. Every endpoint is
asked every pairing of extreme moments, over MongoDB with some facts stored; the app's routes run in-process (the
broker is not needed to answer queries).
"""

import itertools
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest
from analytics.adapters.store import MongoFactStore
from analytics.config import AnalyticsSettings
from analytics.deps import AnalyticsDeps
from analytics.domain.systemic_issues import DetectionSettings
from analytics.main import create_app
from analytics.service import AnalyticsService
from complaints_calendar import load_calendars
from complaints_chassis.mongo import make_mongo_client, service_database

from tests.support.backends import Backend
from tests.support.settings import fast_settings
from tests.support.staff import TEST_JWT_SECRET, bearer, staff_token
from tests.unit.analytics.builders import full_story
from tests.unit.analytics.fakes import FakeMetrics

pytestmark = pytest.mark.integration

INSIDE = ["0002-01-01T00:00:00Z", "2026-03-02T09:00:00+03:00", "9998-12-31T23:59:59.999999Z"]
OUTSIDE = ["0001-01-01T00:00:00+01:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59-01:00", "9999-01-01T00:00:00Z"]
PERIODS = {"/v1/volume": ("received_from", "received_before"), "/v1/timings": ("received_from", "received_before"),
           "/v1/outcomes": ("received_from", "received_before"), "/v1/facts.csv": ("received_from", "received_before"),
           "/v1/backlog": ("received_from", "as_of"), "/v1/compliance": ("as_of", "received_before"),
           "/v1/returns/uk_fca_disp": ("period_start", "period_end"),
           "/v1/transparency": ("period_start", "period_end"), "/v1/triage/corrections": ("from", "to")}


@pytest.fixture(scope="module")
async def client(backend: Backend) -> AsyncIterator[httpx.AsyncClient]:
    settings = fast_settings(AnalyticsSettings, backend, jwt_secret=TEST_JWT_SECRET)
    mongo = make_mongo_client(settings)
    store = MongoFactStore(service_database(mongo, settings))
    await store.ensure_indexes()
    service = AnalyticsService(store=store, clock=lambda: datetime.now(UTC), notify=lambda: None,
                               metrics=FakeMetrics(), detection=DetectionSettings(), calendars=load_calendars(),
                               report_max_facts=1000, transparency_min_count=10)
    await service.project(full_story("c-extreme-0001") + full_story("c-extreme-0002"))
    app = create_app(settings)
    app.state.deps = AnalyticsDeps(service=service)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://analytics",
                                 headers=bearer(staff_token(role="compliance"))) as client:
        yield client
    await mongo.close()


@pytest.mark.parametrize("path", list(PERIODS))
async def test_no_pairing_of_extreme_moments_answers_a_server_error(client: httpx.AsyncClient, path: str) -> None:
    first, second = PERIODS[path]
    for start, end in itertools.product(INSIDE + OUTSIDE, repeat=2):
        answer = await client.get(path, params={first: start, second: end})

        assert answer.status_code < 500, (path, start, end, answer.text)
        refused = {name for name, value in ((first, start), (second, end)) if value in OUTSIDE}
        if refused:
            assert answer.status_code == 422
            assert {e["field"] for e in answer.json()["errors"]} == refused


async def test_the_year_one_query_of_the_report_is_refused_naming_the_parameter(client: httpx.AsyncClient) -> None:
    answer = await client.get("/v1/volume", params={"received_from": "0001-01-01T00:00:00+03:00"})

    assert answer.status_code == 422 and answer.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in answer.json()["errors"]] == ["received_from"]
