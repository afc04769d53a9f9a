"""Who may call analytics' API: every role against every route (the analytics rows of the authorization matrix),
anonymous and forged callers, the routes that stay open, and the OpenAPI document saying so."""

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
from tests.unit.analytics.fakes import FakeFactStore, FakeMetrics

NOW = datetime(2026, 3, 30, 12, tzinfo=UTC)
PERIOD = {"period_start": "2026-03-01T00:00:00Z", "period_end": "2026-04-01T00:00:00Z"}
EVERY_ROLE = ("agent", "supervisor", "quality", "legal", "admin", "analyst", "compliance")
OVERSIGHT = {"supervisor", "quality", "legal", "admin", "compliance"}
MATRIX = {
    # route: (query, the roles it admits)
    "/v1/volume": ({}, set(EVERY_ROLE)),
    "/v1/backlog": ({}, set(EVERY_ROLE)),
    "/v1/timings": ({}, set(EVERY_ROLE)),
    "/v1/compliance": ({}, set(EVERY_ROLE)),
    "/v1/outcomes": ({}, set(EVERY_ROLE)),
    "/v1/root-causes": ({}, set(EVERY_ROLE)),
    "/v1/triage/corrections": ({"from": "2026-03-01T00:00:00Z", "to": "2026-04-01T00:00:00Z"}, set(EVERY_ROLE)),
    "/v1/returns/uk_fca_disp": (PERIOD, OVERSIGHT),
    "/v1/facts.csv": ({}, OVERSIGHT),
}
OPEN = {"/v1/transparency": PERIOD, "/livez": {}, "/healthz": {}, "/metrics/": {}}
EXPORTS = "/v1/data-subject-exports"
"""POST: the privacy officer's alone (an access request)."""


def make_app(**settings: str) -> FastAPI:
    """The app as deployed over an empty in-memory store (no broker: the lifespan is not run)."""
    app = create_app(AnalyticsSettings(kafka_bootstrap="127.0.0.1:9092", mongo_url="mongodb://127.0.0.1:27017",
                                       **settings))
    app.state.deps = AnalyticsDeps(service=AnalyticsService(
        store=FakeFactStore(), clock=lambda: NOW, notify=lambda: None, metrics=FakeMetrics(),
        detection=DetectionSettings(), calendars=load_calendars(), report_max_facts=1000, transparency_min_count=10))
    return app


@pytest.fixture(scope="module")
def app() -> FastAPI:
    return make_app(jwt_secret=TEST_JWT_SECRET)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://analytics") as client:
        yield client


def refused(answer: httpx.Response, status: int) -> bool:
    return answer.status_code == status and answer.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("role", [*EVERY_ROLE, "privacy"])
@pytest.mark.parametrize("path", list(MATRIX))
async def test_each_role_reaches_exactly_the_routes_the_matrix_gives_it(client, path, role):
    params, admitted = MATRIX[path]

    answer = await client.get(path, params=params, headers=bearer(staff_token(role=role)))

    if role in admitted:
        assert answer.status_code == 200, answer.text
    else:
        assert refused(answer, 403), answer.text
        assert "this needs one of the roles" in answer.json()["detail"]


@pytest.mark.parametrize("role", [*EVERY_ROLE, "privacy"])
async def test_only_the_privacy_officer_exports_a_data_subjects_facts(client, role):
    answer = await client.post(EXPORTS, json={"complaint_ids": ["c-nobody-0001"]},
                               headers=bearer(staff_token(role=role)))

    if role == "privacy":
        assert answer.status_code == 200, answer.text
        assert answer.json() == {"service": "analytics", "complaints": {}}
    else:
        assert refused(answer, 403), answer.text


async def test_an_export_without_a_valid_token_answers_401(client):
    anonymous = await client.post(EXPORTS, json={"complaint_ids": ["c-nobody-0001"]})
    forged = await client.post(EXPORTS, json={"complaint_ids": ["c-nobody-0001"]},
                               headers=bearer(staff_token(role="privacy", secret="x" * 40)))

    assert refused(anonymous, 401) and refused(forged, 401)


@pytest.mark.parametrize("path", list(MATRIX))
async def test_without_a_valid_token_every_staff_route_answers_401(client, path):
    params, _ = MATRIX[path]
    anonymous = await client.get(path, params=params)
    forged = await client.get(path, params=params, headers=bearer(staff_token(role="admin", secret="x" * 40)))
    expired = await client.get(path, params=params, headers=bearer(staff_token(role="admin", ttl=-60)))

    for answer in (anonymous, forged, expired):
        assert refused(answer, 401), answer.text
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")


async def test_a_caller_without_a_token_learns_nothing_from_bad_parameters(client):
    answer = await client.get("/v1/facts.csv", params={"jurisdiction": "GBR"})

    assert refused(answer, 401)


async def test_a_role_among_others_is_enough(client):
    answer = await client.get("/v1/facts.csv", headers=bearer(staff_token(role=["agent", "compliance"])))

    assert answer.status_code == 200


@pytest.mark.parametrize("path", list(OPEN))
async def test_the_public_report_and_the_operations_routes_need_no_token(client, path):
    answer = await client.get(path, params=OPEN[path])

    assert answer.status_code == 200, answer.text


async def test_without_a_configured_key_the_staff_routes_stay_shut():
    transport = httpx.ASGITransport(app=make_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://analytics") as client:
        answer = await client.get("/v1/volume", headers=bearer(staff_token(role="admin")))

    assert refused(answer, 403)


def test_the_openapi_document_marks_every_staff_route_with_the_bearer_scheme(app):
    document = app.openapi()
    operations = {(method, path): operation for path, item in document["paths"].items() if path.startswith("/v1/")
                  for method, operation in item.items()}

    assert document["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    staff = {key for key, operation in operations.items() if operation.get("security") == [{"HTTPBearer": []}]}
    assert staff == {("get", path.replace("uk_fca_disp", "{regime}")) for path in MATRIX} | {("post", EXPORTS)}
    assert "security" not in operations["get", "/v1/transparency"]
    for key in staff:
        for status in ("401", "403"):
            assert "application/problem+json" in operations[key]["responses"][status]["content"], (key, status)
