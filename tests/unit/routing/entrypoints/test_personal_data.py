"""Erasures reach routing's use case through the consumer's handler; the privacy officer's export through HTTP."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from complaint_contracts.intake import PersonalDataErased
from fastapi import FastAPI
from prometheus_client import CollectorRegistry
from routing.config import RoutingSettings
from routing.deps import RoutingDeps
from routing.entrypoints import handlers
from routing.main import create_app

from tests.support.staff import TEST_JWT_SECRET, bearer, staff_token
from tests.unit.routing.fakes import FakeRoutingStore, FakeRules, make_service

from .personal_data_fake import FakePersonalData, ForgottenKeys, make_privacy

ERASED_AT = datetime(2026, 4, 2, 9, 0, tzinfo=UTC)
SETTINGS = {"kafka_bootstrap": "127.0.0.1:9092", "mongo_url": "mongodb://127.0.0.1:27017",
            "fingerprint_key": "unit-test-fingerprint-key", "jwt_secret": TEST_JWT_SECRET}


def erased(complaint_id: str, *, at: datetime = ERASED_AT, keys: tuple[str, ...] = ("k-subject-0001",),
           reason: str = "request") -> PersonalDataErased:
    return PersonalDataErased(complaint_id=complaint_id, erasure_id="er-0001", reason=reason, key_ids=list(keys),
                              erased_at=at)


async def test_an_erasure_forgets_the_keys_then_scrubs_each_complaint_once_in_one_write(book):
    store, forget = FakePersonalData(), ForgottenKeys()
    deps = RoutingDeps(service=make_service(store=FakeRoutingStore(), rules=FakeRules(book),
                                            registry=CollectorRegistry()),
                       privacy=make_privacy(store, forget))
    later = ERASED_AT + timedelta(days=900)

    await handlers.on_personal_data_erased([
        erased("c-gone-00000001", keys=("k-subject-0001", "k-subject-0002")),
        erased("c-gone-00000002"),
        erased("c-gone-00000001", at=later, keys=(), reason="retention"),
    ], deps)

    assert forget.ids == [{"k-subject-0001", "k-subject-0002"}]
    assert store.erasures == [{"c-gone-00000001": ERASED_AT, "c-gone-00000002": ERASED_AT}]


def test_the_consumer_takes_erasures():
    assert handlers.events.handlers[PersonalDataErased] is handlers.on_personal_data_erased


@pytest.fixture
def kept() -> FakePersonalData:
    return FakePersonalData(kept={"c-mine-00000001": {
        "decision": {"category": "delivery", "rules_fired": ["urgent-vulnerable: …"]},
        "assessed_text": {"text": "Order 1042\nMy parcel never came."}}})


@pytest.fixture
async def client(book, kept) -> AsyncIterator[httpx.AsyncClient]:
    app: FastAPI = create_app(RoutingSettings(**SETTINGS))
    app.state.deps = RoutingDeps(service=make_service(store=FakeRoutingStore(), rules=FakeRules(book),
                                                      registry=CollectorRegistry()),
                                 privacy=make_privacy(kept))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://routing") as client:
        yield client


async def test_the_export_holds_what_routing_keeps_about_each_known_complaint(client):
    answer = await client.post("/v1/data-subject-exports",
                               json={"complaint_ids": ["c-mine-00000001", "c-never-0000001"]},
                               headers=bearer(staff_token(role="privacy")))

    assert answer.status_code == 200, answer.text
    assert answer.json() == {"service": "routing", "complaints": {"c-mine-00000001": {
        "decision": {"category": "delivery", "rules_fired": ["urgent-vulnerable: …"]},
        "assessed_text": {"text": "Order 1042\nMy parcel never came."}}}}


@pytest.mark.parametrize(("body", "field"), [
    ({"complaint_ids": []}, "complaint_ids"),
    ({"complaint_ids": [f"c-many-{i:06d}" for i in range(1001)]}, "complaint_ids"),
    ({"complaint_ids": ["../etc"]}, "complaint_ids.0"),
])
async def test_an_export_request_out_of_shape_is_refused_naming_the_field(client, body, field):
    answer = await client.post("/v1/data-subject-exports", json=body, headers=bearer(staff_token(role="privacy")))

    assert answer.status_code == 422 and answer.headers["content-type"] == "application/problem+json"
    assert [error["field"] for error in answer.json()["errors"]] == [field]
