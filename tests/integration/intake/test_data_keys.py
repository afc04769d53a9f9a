"""The key API: a reader service with its own credentials gets the keys it asks for (and nothing for a destroyed or
unknown key); anyone else gets 401."""

import httpx
import pytest
from complaint_contracts import ComplaintReceived, from_kafka, topics
from complaints_chassis.personal_data import Opener
from complaints_chassis.personal_data.http_keys import KEY_LOOKUP_PATH, IntakeKeyRing

from .conftest import KEY_READERS, Intake
from .support import file
from .support_sealing import marked_filing, published


def _as_reader(intake: Intake, name: str = "routing", secret: str | None = None) -> httpx.AsyncClient:
    client = intake.client()
    client.auth = httpx.BasicAuth(name, KEY_READERS[name] if secret is None else secret)
    return client


def _served(intake: Intake) -> float:
    registry = intake.app.state.runtime.registry
    return registry.get_sample_value("complaints_intake_data_keys_served_total", {"reader": "routing"}) or 0.0


async def test_a_reader_opens_what_intake_published_with_keys_from_the_key_api(intake: Intake) -> None:
    body = marked_filing()
    async with intake.client() as client:
        receipt = await file(client, body)
    record = await published(intake, receipt["complaint_id"], "complaints.intake.ComplaintReceived")
    served = _served(intake)
    async with _as_reader(intake) as reader:
        opener = Opener(IntakeKeyRing(reader))
        received = from_kafka(topics.INTAKE, record.value, record.headers,
                              personal=await opener.for_records([record.value]))
        missing = await reader.post(KEY_LOOKUP_PATH, json={"key_ids": ["never-made-key-id"]})
    assert isinstance(received, ComplaintReceived)
    assert (received.description, received.customer.email) == (body["description"], body["customer"]["email"])
    assert (missing.status_code, missing.json(), missing.headers["cache-control"]) == (200, {"keys": {}}, "no-store")
    assert _served(intake) == served + 1


@pytest.mark.parametrize(("name", "secret"), [("routing", "not-the-secret"), ("stranger", "anything"),
                                              ("routing", ""), (None, None)],
                         ids=["wrong secret", "unknown reader", "empty secret", "no credentials"])
async def test_anyone_but_a_reader_is_refused_with_a_challenge(intake: Intake, name: str | None,
                                                               secret: str | None) -> None:
    async with intake.client() as client:
        if name is not None:
            client.auth = httpx.BasicAuth(name, secret or "")
        answer = await client.post(KEY_LOOKUP_PATH, json={"key_ids": ["some-key-id-1"]})
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"].startswith("Basic ")
    assert answer.headers["content-type"] == "application/problem+json"


async def test_at_most_a_thousand_ids_of_the_right_form_are_looked_up_at_once(intake: Intake) -> None:
    async with _as_reader(intake) as reader:
        too_many = await reader.post(KEY_LOOKUP_PATH, json={"key_ids": [f"key-id-{i:05d}" for i in range(1001)]})
        malformed = await reader.post(KEY_LOOKUP_PATH, json={"key_ids": ["not a key id"]})
        enough = await reader.post(KEY_LOOKUP_PATH, json={"key_ids": [f"key-id-{i:05d}" for i in range(1000)]})
    assert (too_many.status_code, malformed.status_code, enough.status_code) == (422, 422, 200)
