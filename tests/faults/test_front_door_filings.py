"""Bad and borderline filings at the front door, made by hand: every bad one is refused with a problem naming
what is wrong (never a 5xx) and leaves nothing behind; every borderline good one is accepted.

The app is intake as deployed (its own database, consumers running), driven over HTTP in-process.
"""

import base64
import json
import os
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from complaint_contracts import ComplaintReceived
from complaints_chassis.personal_data import Opener
from fastapi import FastAPI
from intake.adapters.store import MongoIntakeStore
from intake.config import IntakeSettings
from intake.main import create_app

from tests.integration.intake.support import PHOTO_PNG, RECEIPT_PDF, WINDOWS_EXE, attachment, filing
from tests.support.backends import Backend
from tests.support.settings import fast_settings

LINUX_ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00>\x00\x01\x00\x00\x00" + bytes(40)
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(40)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(32)
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(24)
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u3000\u3164\u2800"
BODY = "(body)"


def raw(changes: str) -> str:
    """A sound filing's JSON text with more members written after its own (repeats stay repeated)."""
    return json.dumps(filing())[:-1] + ", " + changes + "}"


def with_file(name: str, media_type: str, content: bytes) -> dict[str, Any]:
    return filing(attachments=[attachment(name, media_type, content)])


REFUSED: list[tuple[str, dict[str, Any] | str | bytes, int, set[str]]] = [
    # (case, body, status, the fields the problem must name)
    ("executable as pdf", with_file("receipt.pdf", "application/pdf", WINDOWS_EXE), 422,
     {"attachments.0.content_base64"}),
    ("elf as png", with_file("photo.png", "image/png", LINUX_ELF), 422, {"attachments.0.content_base64"}),
    ("zip as jpeg", with_file("photo.jpg", "image/jpeg", ZIP), 422, {"attachments.0.content_base64"}),
    ("png as jpeg", with_file("photo.jpg", "image/jpeg", PHOTO_PNG), 422, {"attachments.0.content_base64"}),
    ("pdf as png", with_file("scan.png", "image/png", RECEIPT_PDF), 422, {"attachments.0.content_base64"}),
    ("executable as text", with_file("notes.txt", "text/plain", WINDOWS_EXE), 422,
     {"attachments.0.content_base64"}),
    ("html as pdf", with_file("page.pdf", "application/pdf", b"<html><script>x()</script></html>"), 422,
     {"attachments.0.content_base64"}),
    ("executable type", with_file("setup.exe", "application/x-msdownload", WINDOWS_EXE), 422,
     {"attachments.0.media_type"}),
    ("empty file", with_file("empty.pdf", "application/pdf", b""), 422, {"attachments.0.content_base64"}),
    ("not base64", filing(attachments=[{"name": "a.pdf", "media_type": "application/pdf",
                                        "content_base64": "%%%"}]), 422, {"attachments.0.content_base64"}),
    ("blank file name", with_file(INVISIBLE, "application/pdf", RECEIPT_PDF), 422, {"attachments.0.name"}),
    ("media type not a type", with_file("a.pdf", "pdf", RECEIPT_PDF), 422, {"attachments.0.media_type"}),
    ("too many files", filing(attachments=[attachment(f"{i}.pdf", "application/pdf", RECEIPT_PDF)
                                           for i in range(11)]), 422, {"attachments"}),
    ("repeated title", raw('"title": "Another title"'), 422, {"title"}),
    ("repeated nested", raw('"customer": {"name": "A", "email": "a@example.org", "email": "b@example.org"}'), 422,
     {"customer", "customer.email"}),
    ("repeated in a file", raw('"attachments": [{"name": "a.pdf", "name": "b.pdf", "media_type": '
                               '"application/pdf", "content_base64": "JVBERi0xLjQ="}]'), 422,
     {"attachments.0.name"}),
    ("lone surrogate title", raw('"product": "kettle \\ud800"'), 422, {"product"}),
    ("lone low surrogate", json.dumps(filing(description="broken \udc00 text")), 422, {"description"}),
    ("reversed pair", json.dumps(filing(title="\ude00\ud83d")), 422, {"title"}),
    ("surrogate in email", json.dumps(filing(customer={"name": "A", "email": "a\ud800@example.org"})), 422,
     {"customer.email"}),
    ("surrogate in file name", json.dumps(with_file("чек\udfff.pdf", "application/pdf", RECEIPT_PDF)), 422,
     {"attachments.0.name"}),
    ("surrogate in member name", raw('"x\\ud800": 1'), 422, {"x\ufffd"}),
    ("NaN", raw('"amount_claimed": {"amount": NaN, "currency": "BYN"}'), 422, {BODY}),
    ("Infinity", raw('"x": Infinity'), 422, {BODY}),
    ("trailing garbage", json.dumps(filing()) + " {}", 422, {BODY}),
    ("not UTF-8", json.dumps(filing(description="Грошы"), ensure_ascii=False).encode("cp1251"), 422, {BODY}),
    ("UTF-8 BOM", b"\xef\xbb\xbf" + json.dumps(filing()).encode(), 422, {BODY}),
    ("deeply nested", b'{"title": ' + b"[" * 20_000 + b"]" * 20_000 + b"}", 422, {BODY}),
    ("huge integer", raw('"x": ' + "9" * 5000), 422, {BODY}),
    ("top-level array", "[]", 422, {BODY}),
    ("invisible description", filing(description=INVISIBLE), 422, {"description"}),
    ("invisible title", filing(title="\u200b"), 422, {"title"}),
    ("combining marks only", filing(title="\u0301\u0308\u20dd"), 422, {"title"}),
    ("control characters", filing(description="bell \x07 and escape \x1b"), 422, {"description"}),
    ("title too long", filing(title="я" * 201), 422, {"title"}),
    ("amount without currency", filing(amount_claimed={"amount": "49.99"}), 422, {"amount_claimed.currency"}),
    ("blank currency", filing(amount_claimed={"amount": "49.99", "currency": ""}), 422,
     {"amount_claimed.currency"}),
    ("lowercase currency", filing(amount_claimed={"amount": "49.99", "currency": "byn"}), 422,
     {"amount_claimed.currency"}),
    ("currency without amount", filing(amount_claimed={"currency": "BYN"}), 422, {"amount_claimed.amount"}),
    ("negative amount", filing(amount_claimed={"amount": "-1", "currency": "BYN"}), 422, {"amount_claimed.amount"}),
    ("too many decimals", filing(amount_claimed={"amount": "1.005", "currency": "BYN"}), 422,
     {"amount_claimed.amount"}),
    ("no contact route", filing(customer={"name": "Алеся"}), 422, {"customer"}),
    ("unreachable preference", filing(customer={"name": "A", "email": "a@example.org", "preferred_channel": "phone"}),
     422, {"customer"}),
    ("bad email", filing(customer={"name": "A", "email": "alesia@"}), 422, {"customer.email"}),
    ("bad phone", filing(customer={"name": "A", "phone": "+375 29 12"}), 422, {"customer.phone"}),
    ("unknown member", filing(emial="typo@example.org"), 422, {"emial"}),
    ("unknown language", filing(language="fr"), 422, {"language"}),
    ("naive time", filing(occurred_at="2026-03-01T10:00:00"), 422, {"occurred_at"}),
    ("title not text", filing(title=42), 422, {"title"}),
]

ACCEPTED: list[tuple[str, dict[str, Any]]] = [
    ("pdf, png, jpeg and heic", filing(attachments=[attachment("чек.pdf", "application/pdf", RECEIPT_PDF),
                                                    attachment("photo.png", "image/png", PHOTO_PNG),
                                                    attachment("photo.jpg", "image/jpeg", JPEG)])),
    ("heic photo", with_file("IMG_0001.HEIC", "image/heic", HEIC)),
    ("windows-1251 text file", with_file("ліст.txt", "text/plain", "Грошы не вярнулі.".encode("cp1251"))),
    ("right-to-left text", filing(title="لم يتم استرداد المبلغ", description="الطلب رقم ١٢٣ أُلغي ولم يُسترد المال.")),
    ("emoji sequences", filing(description="Family 👨‍👩‍👧 and flag 🇧🇾, still no refund 🙏🏽")),
    ("joiners inside words", filing(title="Нi\u200bкто не ответил")),
    ("combining accents", filing(customer={"name": "Zoe\u0308 Ale\u0301sia", "email": "zoe@example.org"})),
    ("markup kept as text", filing(description="<img src=x onerror=alert(1)> & \"quotes\"")),
    ("exactly 200 characters", filing(title="Ж" * 200)),
    ("amount zero", filing(amount_claimed={"amount": "0", "currency": "EUR"})),
    ("no name, a contact route", filing(customer={"email": "a@example.org"})),
    ("invisible name counts as none", filing(customer={"name": INVISIBLE, "email": "a@example.org"})),
]


@pytest.fixture(scope="module")
async def intake(backend: Backend) -> AsyncIterator[FastAPI]:
    settings = fast_settings(IntakeSettings, backend, requests_per_minute=100_000,
                             subject_pepper=base64.b64encode(os.urandom(32)).decode(),
                             key_encryption_keys=[f"kek-1:{base64.b64encode(os.urandom(32)).decode()}"])
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        yield app


async def post(app: FastAPI, body: dict[str, Any] | str | bytes) -> httpx.Response:
    content = body if isinstance(body, str | bytes) else json.dumps(body)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=("198.51.100.60", 4711)),
                                 base_url="http://intake.test") as client:
        return await client.post("/v1/complaints", content=content, headers={"content-type": "application/json"})


@pytest.mark.parametrize(("body", "status_code", "fields"), [case[1:] for case in REFUSED],
                         ids=[case[0] for case in REFUSED])
async def test_a_bad_filing_is_refused_naming_what_is_wrong_and_leaves_nothing_behind(
        intake: FastAPI, body: Any, status_code: int, fields: set[str]) -> None:
    before = await _stored(intake)
    response = await post(intake, body)
    assert response.status_code == status_code, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert {error["field"] for error in response.json()["errors"]} == fields
    assert await _stored(intake) == before


@pytest.mark.parametrize("body", [case[1] for case in ACCEPTED], ids=[case[0] for case in ACCEPTED])
async def test_a_borderline_good_filing_is_accepted(intake: FastAPI, body: dict[str, Any]) -> None:
    response = await post(intake, body)
    assert response.status_code == 201, response.text
    store = MongoIntakeStore(intake.state.runtime.db)
    stored = await store.complaints.find_one({"_id": response.json()["complaint_id"]})
    opened = await Opener(intake.state.deps.filing.keys).for_key_ids([stored["complaint"]["personal_data_key"]])
    assert opened(ComplaintReceived, stored["complaint"])["title"] == body["title"]  # sealed at rest
    sent = [base64.b64decode(file["content_base64"]) for file in body.get("attachments", [])]
    assert [await store.attachment(ref["attachment_id"]) for ref in stored["complaint"]["attachments"]] == sent


async def _stored(app: FastAPI) -> int:
    # Filed over HTTP only: the app also records what other tests submit on the shared submissions topic.
    return await app.state.runtime.db["complaints"].count_documents({"source_system": {"$exists": False}})
