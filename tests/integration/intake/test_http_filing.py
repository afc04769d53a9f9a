"""Filing over HTTP: receipt, idempotent retries, validation problems, attachments, limits and metrics."""

import asyncio
import base64
import json

import pytest
from complaint_contracts import ComplaintReceived, Language, topics
from intake.adapters.rate_limiter import RateLimiter
from intake.domain.progress import Stage, Status
from intake.domain.tracking import new_tracking_number
from intake.domain.wording import wording_for

from tests.support.kafka import read_until

from .conftest import Intake
from .support import RECEIPT_PDF, file, filing, status, with_receipt


async def test_filing_answers_with_tracking_number_access_code_and_next_steps_in_the_customers_language(
        intake: Intake) -> None:
    async with intake.client() as client:
        response = await client.post("/v1/complaints", json=filing())
    assert response.status_code == 201
    receipt = response.json()
    assert receipt["tracking_number"].startswith("CMP-")
    assert response.headers["location"] == receipt["status_url"] == f"/v1/complaints/{receipt['tracking_number']}"
    assert len(receipt["access_code"]) == 19
    assert receipt["language"] == "ru"
    assert receipt["what_happens_next"] == wording_for(Language.RU).next_steps[Status.RECEIVED]
    assert receipt["process"][0] == {"stage": "receipt", "state": "current",
                                     "title": wording_for(Language.RU).stages[Stage.RECEIPT][0],
                                     "description": wording_for(Language.RU).stages[Stage.RECEIPT][1]}


async def test_filed_complaint_is_announced_once_through_the_outbox(intake: Intake) -> None:
    async with intake.client() as client:
        receipt = await file(client, with_receipt())

    record = await read_until(intake.backend.kafka_bootstrap, topics.INTAKE,
                              lambda r: r.key == receipt["complaint_id"].encode())
    event = await intake.decoded(record)
    assert isinstance(event, ComplaintReceived)
    assert event.tracking_number == receipt["tracking_number"]
    assert event.customer.phone == "+375291234567"
    assert event.description.endswith("<b>Прошу вернуть</b> 🙏")
    [attachment] = event.attachments
    assert (attachment.name, attachment.media_type, attachment.size_bytes) == ("чек.pdf", "application/pdf",
                                                                                len(RECEIPT_PDF))
    assert await intake.store.attachment(attachment.attachment_id) == RECEIPT_PDF


async def test_a_retried_request_with_the_same_idempotency_key_returns_the_same_complaint(intake: Intake) -> None:
    body = filing(title="LATE-REFUND retried")
    async with intake.client() as client:
        first = await client.post("/v1/complaints", json=body, headers={"Idempotency-Key": "retry-7f3e"})
        again = await client.post("/v1/complaints", json=body, headers={"Idempotency-Key": "retry-7f3e"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json()["complaint_id"] == first.json()["complaint_id"]
    assert again.json()["tracking_number"] == first.json()["tracking_number"]
    assert again.json()["access_code"] is None
    assert await intake.store.complaints.count_documents({"idempotency_key": "retry-7f3e"}) == 1


async def test_concurrent_retries_with_one_key_record_one_complaint(intake: Intake) -> None:
    body = filing(title="LATE-REFUND in a hurry")
    async with intake.client() as client:
        answers = await asyncio.gather(*(client.post("/v1/complaints", json=body,
                                                     headers={"Idempotency-Key": "hurry-1"}) for _ in range(4)))
    assert sorted(a.status_code for a in answers) == [200, 200, 200, 201]
    assert len({a.json()["complaint_id"] for a in answers}) == 1
    assert await intake.store.complaints.count_documents({"idempotency_key": "hurry-1"}) == 1


async def test_the_same_key_with_a_different_complaint_is_refused(intake: Intake) -> None:
    async with intake.client() as client:
        await file(client, filing(title="first"), **{"Idempotency-Key": "reused-1"})
        response = await client.post("/v1/complaints", json=filing(title="second"),
                                     headers={"Idempotency-Key": "reused-1"})
    assert response.status_code == 422
    assert response.json()["type"] == "/problems/idempotency-key-reused"


async def test_invalid_filing_gets_a_problem_naming_every_field_and_is_counted(intake: Intake) -> None:
    body = filing(title="", customer={"name": "A", "email": "alesia@", "phone": "+375 29 123"}, language="fr",
                  amount_claimed={"amount": "10"})
    async with intake.client() as client:
        response = await client.post("/v1/complaints", json=body)
        metrics = (await client.get("/metrics/")).text
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert {(e["field"], e["code"]) for e in problem["errors"]} == {
        ("title", "missing"), ("customer.email", "bad_email"), ("customer.phone", "bad_phone"),
        ("language", "unknown_value"), ("amount_claimed.currency", "amount_without_currency")}
    assert "alesia@" not in response.text
    assert 'complaints_intake_rejected_total{path="http",reason="bad_email"}' in metrics


@pytest.mark.parametrize(("body", "status_code"), [
    (b"", 422), (b"{", 422), (b"[]", 422), (b"null", 422), (b'{"title": 1e999}', 422),
    (json.dumps({"customer": "\ud800"}).encode(), 422), ("💥".encode() * 3, 422), (b"\xff\xfe", 422),
    (b"[" * 50_000, 422), (b'{"title": NaN}', 422), (b'{"\\ud800": 1}', 422),
])
async def test_malformed_bodies_get_a_problem_not_a_server_error(intake: Intake, body: bytes,
                                                                 status_code: int) -> None:
    async with intake.client() as client:
        response = await client.post("/v1/complaints", content=body, headers={"content-type": "application/json"})
    assert response.status_code == status_code
    assert response.json()["status"] == status_code


async def test_a_body_that_is_not_json_or_too_large_is_refused(intake: Intake) -> None:
    limit = intake.deps.settings.max_request_bytes()
    async with intake.client() as client:
        form = await client.post("/v1/complaints", data={"title": "x"})
        huge = await client.post("/v1/complaints", content=b" " * (limit + 1),
                                 headers={"content-type": "application/json"})
    assert (form.status_code, huge.status_code) == (415, 413)


async def test_attachments_outside_the_limits_are_refused(intake: Intake) -> None:
    too_big = base64.b64encode(b"x" * (intake.deps.settings.max_attachment_bytes + 1)).decode()
    body = filing(attachments=[{"name": "big.pdf", "media_type": "application/pdf", "content_base64": too_big},
                               {"name": "x.exe", "media_type": "application/x-msdownload", "content_base64": "aGk="}])
    async with intake.client() as client:
        response = await client.post("/v1/complaints", json=body)
    assert {(e["field"], e["code"]) for e in response.json()["errors"]} == {
        ("attachments.0.content_base64", "too_large"), ("attachments.1.media_type", "unsupported_media_type")}


async def test_filing_is_counted_by_channel_and_timed(intake: Intake) -> None:
    async with intake.client() as client:
        receipt = await file(client, filing(channel="branch"))
        page = await status(client, receipt)
        metrics = (await client.get("/metrics/")).text
    assert page["status"] == "received"
    assert 'complaints_intake_received_total{channel="branch",path="http"}' in metrics
    assert "complaints_intake_filing_duration_seconds_count" in metrics


async def test_too_many_requests_from_one_client_get_429_with_retry_after(intake: Intake,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(intake.deps, "requests", RateLimiter(allowance=2))
    async with intake.client("192.0.2.10") as flooding, intake.client("192.0.2.11") as other:
        answers = [(await flooding.post("/v1/complaints", json=filing())).status_code for _ in range(3)]
        refused = await flooding.get("/v1/process")
        unaffected = await other.get("/v1/process")
    assert answers == [201, 201, 429]
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
    assert refused.json()["type"] == "/problems/rate-limited"
    assert unaffected.status_code == 200


async def test_the_api_is_documented_at_docs_and_the_published_process_is_public(intake: Intake) -> None:
    async with intake.client() as client:
        docs = await client.get("/docs")
        spec = (await client.get("/openapi.json")).json()
        process = await client.get("/v1/process", params={"language": "be"})
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    body = spec["paths"]["/v1/complaints"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert "customer" in body["required"]
    assert [step["stage"] for step in process.json()] == [s.value for s in Stage]
    assert process.json()[0]["title"] == wording_for(Language.BE).stages[Stage.RECEIPT][0]


async def test_a_tracking_number_already_taken_is_drawn_again(intake: Intake, monkeypatch: pytest.MonkeyPatch) -> None:
    async with intake.client() as client:
        taken = (await file(client))["tracking_number"]
        fresh = new_tracking_number()
        draws = iter([taken, fresh])
        monkeypatch.setattr(intake.deps.filing, "draw_tracking_number", lambda: next(draws))
        receipt = await file(client)
    assert receipt["tracking_number"] == fresh
    assert await intake.store.complaints.count_documents({"tracking_number": taken}) == 1
