"""Who may call routing's API: every role against every route (the routing rows of the authorization matrix),
anonymous and forged callers, the operations routes that stay open, and the OpenAPI document saying so."""

from collections.abc import AsyncIterator, Callable

import httpx
import pytest
from complaint_contracts.intake import ComplaintReceived
from fastapi import FastAPI
from prometheus_client import CollectorRegistry
from routing.config import RoutingSettings
from routing.deps import RoutingDeps
from routing.domain.rulebook import RuleBook
from routing.main import create_app

from tests.support.staff import TEST_JWT_SECRET, bearer, staff_token
from tests.unit.routing.fakes import FakeRoutingStore, FakeRules, make_service

from .personal_data_fake import make_privacy

COMPLAINT = "c-LATE-PARCEL-0001"
EVERY_ROLE = ("agent", "supervisor", "quality", "legal", "admin", "analyst", "compliance")
MATRIX = {
    # (method, route): the roles it admits
    ("GET", "/v1/rules"): set(EVERY_ROLE),
    ("GET", f"/v1/decisions/{COMPLAINT}"): set(EVERY_ROLE),
    ("POST", "/v1/rules/reload"): {"admin"},
    ("GET", "/v1/triage/examples"): {"admin"},
    ("POST", "/v1/data-subject-exports"): {"privacy"},
}
BODIES = {"/v1/data-subject-exports": {"complaint_ids": [COMPLAINT]}}
SETTINGS = {"kafka_bootstrap": "127.0.0.1:9092", "mongo_url": "mongodb://127.0.0.1:27017",
            "fingerprint_key": "unit-test-fingerprint-key"}


async def make_app(book: RuleBook, received: Callable[..., ComplaintReceived], **settings: str) -> FastAPI:
    """The app as deployed over in-memory fakes holding one routed complaint (the lifespan is not run)."""
    app = create_app(RoutingSettings(**SETTINGS, **settings))
    service = make_service(store=FakeRoutingStore(), rules=FakeRules(book), registry=CollectorRegistry())
    await service.route(received=[received(complaint_id=COMPLAINT)])
    app.state.deps = RoutingDeps(service=service, privacy=make_privacy())
    return app


@pytest.fixture
async def app(book, received) -> FastAPI:
    return await make_app(book, received, jwt_secret=TEST_JWT_SECRET)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://routing") as client:
        yield client


def refused(answer: httpx.Response, status: int) -> bool:
    return answer.status_code == status and answer.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("role", [*EVERY_ROLE, "privacy"])
@pytest.mark.parametrize(("method", "path"), list(MATRIX))
async def test_each_role_reaches_exactly_the_routes_the_matrix_gives_it(client, method, path, role):
    answer = await client.request(method, path, json=BODIES.get(path), headers=bearer(staff_token(role=role)))

    if role in MATRIX[method, path]:
        assert answer.status_code == 200, answer.text
    else:
        assert refused(answer, 403), answer.text
        assert "this needs one of the roles" in answer.json()["detail"]


async def test_an_agent_reads_the_explanation_of_a_decision(client):
    answer = await client.get(f"/v1/decisions/{COMPLAINT}", headers=bearer(staff_token(role="agent")))

    assert answer.json()["complaint_id"] == COMPLAINT and answer.json()["rules_fired"]


@pytest.mark.parametrize(("method", "path"), list(MATRIX))
async def test_without_a_valid_token_every_staff_route_answers_401(client, method, path):
    body = BODIES.get(path)
    anonymous = await client.request(method, path, json=body)
    forged = await client.request(method, path, json=body, headers=bearer(staff_token(role="admin", secret="x" * 40)))
    expired = await client.request(method, path, json=body, headers=bearer(staff_token(role="admin", ttl=-60)))

    for answer in (anonymous, forged, expired):
        assert refused(answer, 401), answer.text
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")


async def test_a_caller_without_a_token_learns_nothing_about_a_complaint(client):
    unknown = await client.get("/v1/decisions/c-0000000000000000")
    malformed = await client.get("/v1/decisions/%20x")

    assert refused(unknown, 401) and refused(malformed, 401)


@pytest.mark.parametrize("path", ["/livez", "/healthz", "/metrics/"])
async def test_the_operations_routes_need_no_token(client, path):
    assert (await client.get(path)).status_code == 200


async def test_without_a_configured_key_the_staff_routes_stay_shut(book, received):
    transport = httpx.ASGITransport(app=await make_app(book, received))
    async with httpx.AsyncClient(transport=transport, base_url="http://routing") as client:
        answer = await client.get(f"/v1/decisions/{COMPLAINT}", headers=bearer(staff_token(role="admin")))

    assert refused(answer, 403)


def test_the_openapi_document_marks_every_route_with_the_bearer_scheme(app):
    document = app.openapi()
    operations = {(method.upper(), path): operation for path, item in document["paths"].items()
                  if path.startswith("/v1/") for method, operation in item.items()}

    assert document["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    assert set(operations) == {(method, path.replace(COMPLAINT, "{complaint_id}")) for method, path in MATRIX}
    for key, operation in operations.items():
        assert operation.get("security") == [{"HTTPBearer": []}], key
        for status in ("401", "403"):
            assert "application/problem+json" in operation["responses"][status]["content"], (key, status)
