"""The analytics HTTP API over the in-memory store: extreme but well-formed moments answer 422 naming the
parameter, never 500; the edges of the range reports handle are still answered."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest
from analytics.config import AnalyticsSettings
from analytics.deps import AnalyticsDeps
from analytics.domain.systemic_issues import DetectionSettings
from analytics.main import create_app
from analytics.service import AnalyticsService
from complaints_calendar import load_calendars
from fastapi import FastAPI

from tests.support.staff import TEST_JWT_SECRET, bearer, staff_token
from tests.unit.analytics.correction_story import APRIL, COLUMNS, MARCH, as_tuples, correction_story, expected_tuples
from tests.unit.analytics.fakes import FakeFactStore, FakeMetrics

NOW = datetime(2026, 3, 30, 12, tzinfo=UTC)
PERIOD = {"period_start": "2026-03-01T00:00:00Z", "period_end": "2026-04-01T00:00:00Z"}
MOMENTS = [
    # (endpoint, the other parameters it needs, the moment's parameter)
    ("/v1/volume", {}, "received_from"),
    ("/v1/volume", {}, "received_before"),
    ("/v1/backlog", {}, "as_of"),
    ("/v1/timings", {}, "received_from"),
    ("/v1/compliance", {}, "as_of"),
    ("/v1/outcomes", {}, "received_before"),
    ("/v1/root-causes", {}, "received_from"),
    ("/v1/facts.csv", {}, "received_before"),
    ("/v1/returns/uk_fca_disp", {"period_end": "2026-04-01T00:00:00Z"}, "period_start"),
    ("/v1/returns/uk_fca_disp", {"period_start": "2026-03-01T00:00:00Z"}, "period_end"),
    ("/v1/transparency", {"period_end": "2026-04-01T00:00:00Z"}, "period_start"),
    ("/v1/transparency", {"period_start": "2026-03-01T00:00:00Z"}, "period_end"),
    ("/v1/triage/corrections", {}, "from"),
    ("/v1/triage/corrections", {}, "to"),
]
OUTSIDE = [
    "0001-01-01T00:00:00Z",
    "0001-01-01T00:00:00+01:00",  # not even a date in UTC: this one answered 500
    "0002-01-01T00:00:00+00:30",  # year 1 in UTC
    "9999-01-01T00:00:00Z",
    "9999-12-31T23:59:59-01:00",  # not a date in UTC either
]


def _service(store: FakeFactStore, *, report_max_facts: int = 1000) -> AnalyticsService:
    return AnalyticsService(store=store, clock=lambda: NOW, notify=lambda: None, metrics=FakeMetrics(),
                            detection=DetectionSettings(), calendars=load_calendars(),
                            report_max_facts=report_max_facts, transparency_min_count=10)


@pytest.fixture
def store() -> FakeFactStore:
    return FakeFactStore()


@pytest.fixture
def app(store) -> FastAPI:
    """The service's app as deployed, its use cases over the in-memory store (no broker: the lifespan is not run)."""
    app = create_app(AnalyticsSettings(kafka_bootstrap="127.0.0.1:9092", mongo_url="mongodb://127.0.0.1:27017",
                                       jwt_secret=TEST_JWT_SECRET))
    app.state.deps = AnalyticsDeps(service=_service(store))
    return app


@pytest.fixture
async def client(app) -> AsyncIterator[httpx.AsyncClient]:
    # A compliance officer's token: one role that may read every report.
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://analytics",
                                 headers=bearer(staff_token(role="compliance"))) as client:
        yield client


def fields(answer: httpx.Response) -> list[str]:
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    return [error["field"] for error in answer.json()["errors"]]


@pytest.mark.parametrize("moment", OUTSIDE)
@pytest.mark.parametrize(("path", "params", "name"), MOMENTS)
async def test_a_moment_outside_what_reports_handle_is_refused_naming_it(client, path, params, name, moment):
    answer = await client.get(path, params={**params, name: moment})

    assert fields(answer) == [name]
    assert "0002-01-01 to before 9999-01-01 (UTC)" in answer.json()["detail"]


@pytest.mark.parametrize("moment", ["0002-01-01T00:00:00Z", "9998-12-31T23:59:59.999999Z",
                                    "0002-01-01T00:00:00-14:00", "9998-12-31T23:00:00+14:00"])
@pytest.mark.parametrize(("path", "params", "name"), [m for m in MOMENTS if not m[2].startswith("period")])
async def test_the_edges_of_the_range_are_answered(client, store, story, path, params, name, moment):
    await _service(store).project(story.full("c-api-0001"))

    answer = await client.get(path, params={**params, name: moment})

    assert answer.status_code == 200, answer.text


async def test_a_return_whose_end_the_calendar_does_not_cover_names_the_end(client):
    answer = await client.get("/v1/returns/uk_fca_disp", params={"period_start": "2026-12-01T00:00:00Z",
                                                                 "period_end": "2045-01-01T00:00:00Z"})

    assert fields(answer) == ["period_end"]


async def test_a_return_whose_start_the_calendar_does_not_cover_names_the_start(client):
    answer = await client.get("/v1/returns/uk_fca_disp", params={"period_start": "1990-01-01T00:00:00Z",
                                                                 "period_end": "2026-01-01T00:00:00Z"})

    assert fields(answer) == ["period_start"]


@pytest.mark.parametrize(("path", "params", "name"), [
    ("/v1/transparency", {"period_start": "0002-01-01T00:00:00Z", "period_end": "9998-12-31T00:00:00Z"},
     "period_start"),
    ("/v1/volume", {"received_from": "0002-01-01T00:00:00Z", "received_before": "9998-12-31T00:00:00Z"},
     "received_from"),
    ("/v1/triage/corrections", {"from": "0002-01-01T00:00:00Z", "to": "9998-12-31T00:00:00Z"}, "from"),
])
async def test_a_huge_range_over_too_many_complaints_is_refused_naming_where_it_starts(app, client, store, story,
                                                                                      path, params, name):
    app.state.deps = AnalyticsDeps(service=_service(store, report_max_facts=1))
    for cid in ("c-api-0001", "c-api-0002"):
        await _service(store).project(story.full(cid))

    assert fields(await client.get(path, params=params)) == [name]


async def test_a_country_selects_its_subdivisions_and_a_subdivision_only_itself(client, store, story):
    for n, jurisdiction in enumerate(("GB", "GB-ENG", "GB-SCT", "DE")):
        await _service(store).project([story.received(f"c-where-{n:04d}", NOW, jurisdiction=jurisdiction)])

    async def counted(selected: str) -> dict[str, int]:
        answer = await client.get("/v1/volume", params={"dimension": "jurisdiction", "jurisdiction": selected})
        assert answer.status_code == 200, answer.text
        return {row["value"]: row["count"] for row in answer.json()}

    assert await counted("GB") == {"GB": 1, "GB-ENG": 1, "GB-SCT": 1}
    assert await counted("gb-sct") == {"GB-SCT": 1}
    assert await counted("GB-ENG") == {"GB-ENG": 1}


@pytest.mark.parametrize("value", ["GBR", "G", "GB-", "GB-ENGL", "GB_SCT", "GB-S T"])
@pytest.mark.parametrize(("path", "params"), [("/v1/volume", {}), ("/v1/facts.csv", {}),
                                              ("/v1/returns/uk_fca_disp", PERIOD)])
async def test_a_malformed_jurisdiction_is_refused_naming_it(client, path, params, value):
    assert fields(await client.get(path, params={**params, "jurisdiction": value})) == ["jurisdiction"]


async def test_a_return_may_be_counted_on_a_subdivisions_calendar(client):
    answer = await client.get("/v1/returns/uk_fca_disp", params={**PERIOD, "jurisdiction": "gb-sct"})

    assert answer.status_code == 200, answer.text


@pytest.mark.parametrize(("path", "params", "name"), [
    ("/v1/volume", {"received_from": "2026-04-01T00:00:00Z", "received_before": "2026-03-01T00:00:00Z"},
     "received_before"),
    ("/v1/returns/uk_fca_disp", {"period_start": "2026-04-01T00:00:00Z", "period_end": "2026-03-01T00:00:00Z"},
     "period_end"),
    ("/v1/transparency", {"period_start": "9998-01-01T00:00:00Z", "period_end": "0002-01-01T00:00:00Z"},
     "period_end"),
    ("/v1/triage/corrections", {"from": "2026-04-01T00:00:00Z", "to": "2026-04-01T00:00:00Z"}, "to"),
])
async def test_a_period_ending_before_it_starts_is_refused_naming_its_end(client, path, params, name):
    assert fields(await client.get(path, params=params)) == [name]


@pytest.mark.parametrize("name", ["from", "to"])
async def test_a_correction_period_moment_without_its_offset_is_refused_naming_it(client, name):
    assert fields(await client.get("/v1/triage/corrections", params={name: "2026-03-01T00:00:00"})) == [name]


async def test_the_correction_rates_answer_the_hand_computed_month_as_json_and_as_csv(client, store):
    await _service(store).project(correction_story())
    period = {"from": MARCH.isoformat(), "to": APRIL.isoformat()}

    as_json = await client.get("/v1/triage/corrections", params=period, headers=bearer(staff_token(role="analyst")))
    as_csv = await client.get("/v1/triage/corrections", params={**period, "format": "csv"})

    assert as_json.status_code == 200, as_json.text
    assert as_tuples(as_json.json()) == expected_tuples()
    header, *lines = as_csv.text.splitlines()
    assert header == ",".join(COLUMNS)
    assert lines[-1] == "all,all,6,4,66.66666666666667,1,2,1,1"


async def test_a_data_subjects_export_holds_the_fact_of_each_of_their_complaints(client, store, story):
    await _service(store).project(story.full("c-mine-0001") + story.full("c-other-0002"))

    answer = await client.post("/v1/data-subject-exports", json={"complaint_ids": ["c-mine-0001", "c-gone-0003"]},
                               headers=bearer(staff_token(role="privacy")))

    assert answer.status_code == 200, answer.text
    document = answer.json()
    assert document["service"] == "analytics" and list(document["complaints"]) == ["c-mine-0001"]
    fact = document["complaints"]["c-mine-0001"]
    assert (fact["complaint_id"], fact["routing"]["regime"], fact["feedback"]["satisfaction"]) == (
        "c-mine-0001", "uk_fca_disp", 2)


@pytest.mark.parametrize(("body", "field"), [
    ({"complaint_ids": []}, "complaint_ids"),
    ({"complaint_ids": [f"c-many-{i:06d}" for i in range(1001)]}, "complaint_ids"),
    ({"complaint_ids": ["not an id"]}, "complaint_ids.0"),
    ({}, "complaint_ids"),
])
async def test_an_export_request_out_of_shape_is_refused_naming_the_field(client, body, field):
    answer = await client.post("/v1/data-subject-exports", json=body, headers=bearer(staff_token(role="privacy")))

    assert fields(answer) == [field]
