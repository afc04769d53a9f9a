"""The customer's routes after an erasure, over the fakes: a message or an escalation is refused with 410 and a
problem document that says why and what to do, and a deleted file's download says it was deleted."""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from intake.config import IntakeSettings
from intake.main import create_app

from tests.support.staff import TEST_JWT_SECRET

from ..faked_intake import FakedIntake
from ..test_erasure import THEIRS

SETTINGS = {"kafka_bootstrap": "127.0.0.1:9", "mongo_url": "mongodb://127.0.0.1:9", "jwt_secret": TEST_JWT_SECRET}


@pytest.fixture
async def erased() -> AsyncIterator[tuple[FakedIntake, httpx.AsyncClient, Any]]:
    faked = FakedIntake()
    receipt = (await faked.file(THEIRS)).receipt
    await faked.erase(email="alesia@example.org")
    settings = IntakeSettings(**SETTINGS)
    app = create_app(settings)
    app.state.deps = faked.deps(settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://intake.test",
                                 headers={"X-Access-Code": receipt.access_code}) as client:
        yield faked, client, receipt


@pytest.mark.parametrize(("path", "body"), [("messages", {"text": "Ці ёсць навіны?"}),
                                            ("escalation", {"reason": "Ніхто не адказвае"})])
async def test_a_message_or_an_escalation_is_gone_with_the_reason(erased, path: str, body: dict) -> None:
    faked, client, receipt = erased
    answer = await client.post(f"/v1/complaints/{receipt.tracking_number}/{path}", json=body)
    assert (answer.status_code, answer.headers["content-type"]) == (410, "application/problem+json")
    problem = answer.json()
    assert (problem["type"], problem["code"], problem["reason"]) == (
        "/problems/personal-data-erased", "personal_data_erased", "request")
    assert problem["detail"] == ("The personal data of this complaint was erased at the customer's request: it takes "
                                 "no more messages or requests. To continue, file a new complaint")
    subject = faked.store.complaints[receipt.complaint_id].complaint.subject.id
    assert subject not in faked.keys.subjects


async def test_the_status_page_still_opens_and_says_so(erased) -> None:
    _, client, receipt = erased
    answer = await client.get(f"/v1/complaints/{receipt.tracking_number}", params={"language": "en"})
    assert answer.status_code == 200
    page = answer.json()
    assert (page["actions"], page["attachments"]) == ([], [])
    assert page["personal_data_erased"]["reason"] == "request"
    assert page["personal_data_erased"]["files_deleted"] == 1


async def test_a_deleted_files_download_says_it_was_deleted(erased) -> None:
    faked, client, receipt = erased
    [attachment] = faked.store.complaints[receipt.complaint_id].complaint.received.attachments
    answer = await client.get(f"/v1/complaints/{receipt.tracking_number}/attachments/{attachment.attachment_id}")
    assert (answer.status_code, answer.headers["content-type"]) == (410, "application/problem+json")
    assert (answer.json()["code"], answer.json()["detail"]) == (
        "file_erased", "This file was deleted when the personal data of this complaint was erased at the customer's "
                       "request")
