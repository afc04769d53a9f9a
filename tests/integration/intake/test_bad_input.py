"""Bad input at the front door: each refused with a problem naming the field, counted, nothing stored, no 5xx."""

import json
import logging
import re
from typing import Any

import httpx
import pytest

from .conftest import Intake
from .support import RECEIPT_PDF, WINDOWS_EXE, attachment, file, filing, status

INVISIBLE = "\u200b\u200d\u2060\ufeff \u3164"
FILED_OVER_HTTP = {"source_system": {"$exists": False}}
"""Complaints filed over HTTP (the app also records what other tests submit on the submissions topic)."""


async def refused(client: httpx.AsyncClient, body: dict[str, Any] | str | bytes, status_code: int = 422,
                  path: str = "/v1/complaints", **headers: str) -> dict[str, Any]:
    content = body if isinstance(body, str | bytes) else json.dumps(body)
    response = await client.post(path, content=content, headers={"content-type": "application/json", **headers})
    assert response.status_code == status_code, response.text
    assert response.headers["content-type"] == "application/problem+json"
    return response.json()


def named(problem: dict[str, Any]) -> set[tuple[str, str]]:
    return {(error["field"], error["code"]) for error in problem["errors"]}


async def rejected_count(client: httpx.AsyncClient, reason: str) -> float:
    metrics = (await client.get("/metrics/")).text
    found = re.search(rf'complaints_intake_rejected_total{{path="http",reason="{reason}"}} (\S+)', metrics)
    return float(found.group(1)) if found else 0.0


async def test_an_executable_declared_as_a_pdf_is_refused_naming_the_file_which_is_never_logged(
        intake: Intake, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]) -> None:
    body = filing(attachments=[attachment("чек.pdf", "application/pdf", RECEIPT_PDF),
                               attachment("Alesia-private-scan.pdf", "application/pdf", WINDOWS_EXE)])
    caplog.set_level(logging.DEBUG)
    async with intake.client() as client:
        before = await intake.store.complaints.count_documents(FILED_OVER_HTTP)
        problem = await refused(client, body)
        after = await intake.store.complaints.count_documents(FILED_OVER_HTTP)
        counted = await rejected_count(client, "content_mismatch")
    assert problem["errors"] == [{"field": "attachments.1.content_base64", "code": "content_mismatch",
                                  "file_name": "Alesia-private-scan.pdf", "in": "body",
                                  "reason": "declared as application/pdf, but the content is not a file of that "
                                            "type"}]
    assert "Alesia" not in problem["detail"]
    assert before == after and counted >= 1
    assert "Alesia-private-scan" not in caplog.text + capsys.readouterr().out


async def test_a_lone_surrogate_is_refused_naming_its_field(intake: Intake) -> None:
    body = json.dumps(filing(customer={"name": "Алеся", "email": "alesia@example.org"},
                             title="Refund \ud800 missing"))
    async with intake.client() as client:
        problem = await refused(client, body)
    assert named(problem) == {("title", "bad_characters")}


async def test_an_amount_without_a_currency_is_reported_against_the_currency(intake: Intake) -> None:
    async with intake.client() as client:
        problem = await refused(client, filing(amount_claimed={"amount": "49.99"}))
    assert named(problem) == {("amount_claimed.currency", "amount_without_currency")}


async def test_a_jurisdiction_iso_does_not_list_is_refused_naming_the_field(intake: Intake) -> None:
    async with intake.client() as client:
        before = await intake.store.complaints.count_documents(FILED_OVER_HTTP)
        problems = [await refused(client, filing(jurisdiction=code)) for code in ("XX", "US-ZZ", "GB-XYZ")]
        after = await intake.store.complaints.count_documents(FILED_OVER_HTTP)
    assert [named(problem) for problem in problems] == [{("jurisdiction", "unknown_value")}] * 3
    assert before == after


async def test_a_filing_with_a_contact_route_but_no_name_is_accepted(intake: Intake) -> None:
    async with intake.client() as client:
        answer = await client.post("/v1/complaints", json=filing(customer={"email": "alesia@example.org"}))
    assert answer.status_code == 201, answer.text
    assert answer.json()["tracking_number"]


async def test_repeated_members_are_refused_at_any_depth_naming_where(intake: Intake) -> None:
    body = json.dumps(filing())[:-1] + ', "title": "Another title", "customer": {"name": "A", "name": "B", ' \
                                       '"email": "a@example.org"}}'
    async with intake.client() as client:
        problem = await refused(client, body)
    assert named(problem) == {("title", "duplicate_member"), ("customer", "duplicate_member"),
                              ("customer.name", "duplicate_member")}


async def test_a_description_of_invisible_characters_is_missing(intake: Intake) -> None:
    async with intake.client() as client:
        problem = await refused(client, filing(description=INVISIBLE, title=INVISIBLE))
    assert named(problem) == {("description", "missing"), ("title", "missing")}


async def test_bodies_refused_for_their_type_or_size_are_counted(intake: Intake) -> None:
    limit = intake.deps.settings.max_request_bytes()
    async with intake.client() as client:
        before = (await rejected_count(client, "unsupported_content_type"),
                  await rejected_count(client, "body_too_large"))
        await refused(client, "title=x", 415, **{"content-type": "application/x-www-form-urlencoded"})
        await refused(client, b" " * (limit + 1), 413)
        after = (await rejected_count(client, "unsupported_content_type"),
                 await rejected_count(client, "body_too_large"))
    assert (after[0] - before[0], after[1] - before[1]) == (1, 1)


@pytest.mark.parametrize(("action", "body", "field"), [
    ("messages", '{"text": "first", "text": "second"}', "text"),
    ("messages", '{"text": "Чек", "in_reply_to": "req-\\ud800"}', "in_reply_to"),
    ("escalation", json.dumps({"reason": INVISIBLE}), "reason"),
    ("feedback", '{"satisfaction": 5, "comment": "x", "comment": "y"}', "comment"),
])
async def test_action_bodies_are_read_as_strictly(intake: Intake, action: str, body: str, field: str) -> None:
    async with intake.client() as client:
        receipt = await file(client)
        problem = await refused(client, body, path=f"{receipt['status_url']}/{action}",
                                **{"X-Access-Code": receipt["access_code"]})
        page = await status(client, receipt)
    assert [error["field"] for error in problem["errors"]] == [field]
    assert [item["milestone"] for item in page["timeline"]] == ["received"]


async def test_an_action_body_over_the_limit_is_refused_while_it_streams_in(intake: Intake) -> None:
    limit = intake.deps.settings.max_request_bytes()
    chunk = b" " * (64 * 1024)
    chunks_sent = 0

    async def endless_body():  # no Content-Length: the size is known only by reading
        nonlocal chunks_sent
        for _ in range(4 * limit // len(chunk)):
            chunks_sent += 1
            yield chunk

    async with intake.client() as client:
        receipt = await file(client)
        code = {"X-Access-Code": receipt["access_code"], "content-type": "application/json"}
        before = await rejected_count(client, "body_too_large")
        declared = await refused(client, b" " * (limit + 1), 413, path=f"{receipt['status_url']}/messages", **code)
        streamed = await client.post(f"{receipt['status_url']}/escalation", content=endless_body(), headers=code)
        after = await rejected_count(client, "body_too_large")
        page = await status(client, receipt)
    assert declared["type"] == "/problems/too-large" and str(limit) in declared["detail"]
    assert streamed.status_code == 413 and streamed.headers["content-type"] == "application/problem+json"
    assert chunks_sent <= limit // len(chunk) + 2, "the body was read on past the limit"
    assert after - before == 2
    assert [item["milestone"] for item in page["timeline"]] == ["received"]
