"""The access-request export: the privacy role only, ids in the body (at most 1000), every message about each
complaint with the customer's address while it is kept, and the record without it once erased."""

from datetime import UTC, datetime

import httpx
import pytest
from complaint_contracts import PersonalDataErased
from notification.config import NotificationSettings
from notification.deps import NotificationDeps
from notification.domain.selection import DeliveryChannel
from notification.main import create_app

from tests.support.staff import TEST_JWT_SECRET, bearer, staff_token
from tests.unit.notification.builders import COMPLAINT_ID

SETTINGS = {"kafka_bootstrap": "127.0.0.1:9", "mongo_url": "mongodb://127.0.0.1:9", "smtp_host": "127.0.0.1",
            "jwt_secret": TEST_JWT_SECRET}


@pytest.fixture
async def client(service, email, received_event, routed_event):
    await service.deliver(events=[received_event(), routed_event()])
    app = create_app(NotificationSettings(**SETTINGS))
    app.state.deps = NotificationDeps(service=service, notifiers={DeliveryChannel.EMAIL: email})
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://notification") as http:
        yield http


async def export(client: httpx.AsyncClient, *ids: str, role: str = "privacy") -> httpx.Response:
    return await client.post("/v1/data-subject-exports", json={"complaint_ids": list(ids)},
                             headers=bearer(staff_token(role=role)))


async def test_the_export_lists_each_message_with_the_address_it_went_to(client):
    answer = await export(client, COMPLAINT_ID, "c-unknown-0001")

    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["service"] == "notification" and list(body["complaints"]) == [COMPLAINT_ID]
    record = body["complaints"][COMPLAINT_ID]
    assert record["facts"]["customer"]["email"] == "alesia@example.org"
    assert [(m["kind"], m["audience"], m["channel"], m["status"], m["recipient"]) for m in record["messages"]] == [
        ("acknowledgement", "customer", "email", "sent", "alesia@example.org"),
        ("new_assignment", "staff", "email", "sent", None)]
    assert all(m["sent_at"] and m["recorded_at"] for m in record["messages"])


async def test_after_the_erasure_the_export_keeps_the_record_without_the_person(client, service):
    await service.deliver(events=[PersonalDataErased(complaint_id=COMPLAINT_ID, erasure_id="er-1", reason="request",
                                                     key_ids=["k-subject-0001"],
                                                     erased_at=datetime(2026, 3, 20, tzinfo=UTC))])

    answer = await export(client, COMPLAINT_ID)

    record = answer.json()["complaints"][COMPLAINT_ID]
    assert record["facts"]["personal_data_erased"] and record["facts"]["customer"]["email"] is None
    assert [(m["kind"], m["status"], m["recipient"]) for m in record["messages"]] == [
        ("acknowledgement", "sent", None), ("new_assignment", "sent", None)]
    assert "alesia" not in answer.text.lower()


@pytest.mark.parametrize("role", ["agent", "admin", "compliance"])
async def test_only_the_privacy_role_may_export(client, role):
    answer = await export(client, COMPLAINT_ID, role=role)

    assert answer.status_code == 403 and answer.headers["content-type"] == "application/problem+json"


async def test_without_a_token_the_export_is_refused(client):
    answer = await client.post("/v1/data-subject-exports", json={"complaint_ids": [COMPLAINT_ID]})

    assert answer.status_code == 401


async def test_more_than_a_thousand_complaints_are_refused_naming_the_field(client):
    answer = await export(client, *(f"c-many-{n:06d}" for n in range(1001)))

    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == ["complaint_ids"]
