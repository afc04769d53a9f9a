"""After an erasure, on the real store: the complaint takes no message, escalation or new access code (410, nothing
written, no key made for the erased customer), its status page keeps the record and says so, and a deleted file's
download says it was deleted."""

from typing import Any

import pytest
from complaint_contracts import CustomerMessageReceived
from complaints_chassis.personal_data import new_data_key
from complaints_chassis.personal_data.wiring import KEYS_COLLECTION
from intake.adapters.documents import ERASED
from intake.domain.access_requests import code_issued
from intake.domain.timeline import Milestone, TimelineEntry

from tests.support.staff import bearer, staff_token

from .conftest import Intake
from .support import RECEIPT_PDF, attachment, file, status
from .support_sealing import marked_filing

PRIVACY = bearer(staff_token(sub="emp-dpo-1", role="privacy"))


async def unchanged(intake: Intake, before: dict[str, Any]) -> bool:
    """Whether the complaint's document is as it was, but for the relay publishing what was queued then."""
    after = await intake.store.complaints.find_one({"_id": before["_id"]})
    queued = {event["id"] for event in before.get("_outbox", [])}
    kept = {k: v for k, v in after.items() if not k.startswith("_outbox")}
    return kept == {k: v for k, v in before.items() if not k.startswith("_outbox")} and all(
        event["id"] in queued for event in after.get("_outbox", []))


async def erased_complaint(intake: Intake) -> tuple[dict[str, Any], dict[str, Any]]:
    body = marked_filing() | {"attachments": [attachment("receipt.pdf", "application/pdf", RECEIPT_PDF)]}
    async with intake.client() as client:
        receipt = await file(client, body)
    async with intake.client(**PRIVACY) as office:
        erased = await office.post("/v1/erasure-requests", json={"email": body["customer"]["email"]})
    assert erased.status_code == 201, erased.text
    return body, receipt


async def test_a_message_or_an_escalation_is_gone_and_writes_nothing(intake: Intake) -> None:
    body, receipt = await erased_complaint(intake)
    before = await intake.store.complaints.find_one({"_id": receipt["complaint_id"]})
    code = {"X-Access-Code": receipt["access_code"]}
    async with intake.client(**code) as client:
        message = await client.post(f"{receipt['status_url']}/messages", json={
            "text": "Any news?", "attachments": [attachment("photo.pdf", "application/pdf", RECEIPT_PDF)]})
        escalation = await client.post(f"{receipt['status_url']}/escalation", json={"reason": "Nobody answers"})

    for answer in (message, escalation):
        assert (answer.status_code, answer.headers["content-type"]) == (410, "application/problem+json")
        assert (answer.json()["code"], answer.json()["reason"]) == ("personal_data_erased", "request")
        assert "file a new complaint" in answer.json()["detail"]
    assert await unchanged(intake, before)  # no entry, no queued event, the mark kept
    keys = intake.app.state.runtime.db[KEYS_COLLECTION]
    assert await keys.count_documents({"_id": before["subject"]}) == 0
    files = intake.app.state.runtime.db["attachments.files"]
    assert await files.count_documents({"metadata.complaint_id": receipt["complaint_id"]}) == 0


async def test_the_status_page_keeps_the_record_and_the_deleted_file_says_why(intake: Intake) -> None:
    _, receipt = await erased_complaint(intake)
    async with intake.client() as client:
        page = await status(client, receipt)
        [entry] = [e for e in (await intake.store.complaints.find_one({"_id": receipt["complaint_id"]}))["entries"]
                   if e["milestone"] == "received"]
        download = await client.get(f"{receipt['status_url']}/attachments/{entry['attachments'][0]['attachment_id']}",
                                    headers={"X-Access-Code": receipt["access_code"]})
    assert (page["actions"], page["attachments"]) == ([], [])
    erasure = page["personal_data_erased"]
    assert (erasure["reason"], erasure["files_deleted"]) == ("request", 1) and erasure["text"]
    assert page["status"] == "received" and page["timeline"]
    assert (download.status_code, download.json()["code"]) == (410, "file_erased")


async def test_no_new_access_code_is_made_for_an_erased_complaint(intake: Intake) -> None:
    body, receipt = await erased_complaint(intake)
    before = await intake.store.complaints.find_one({"_id": receipt["complaint_id"]})
    async with intake.client() as client:
        asked = await client.post("/v1/access-code-requests", json={"tracking_number": receipt["tracking_number"],
                                                                    "email": body["customer"]["email"]})
        still = await client.get(receipt["status_url"], headers={"X-Access-Code": receipt["access_code"]})
    assert (asked.status_code, still.status_code) == (202, 200)
    assert await unchanged(intake, before)
    keys = intake.app.state.runtime.db[KEYS_COLLECTION]
    assert await keys.count_documents({"_id": before["subject"]}) == 0


@pytest.mark.parametrize("write", ["action", "access_code"])
async def test_a_write_meeting_the_erasure_mark_is_refused(intake: Intake, write: str) -> None:
    async with intake.client() as client:
        receipt = await file(client, marked_filing())
    record = await intake.store.customer_record(receipt["tracking_number"])
    assert record is not None and record.erased is None
    # The erasure marks the complaint after the action read it.
    await intake.store.complaints.update_one({"_id": receipt["complaint_id"]}, {"$set": {ERASED: {
        "erasure_id": "er-0000000000000001", "reason": "request", "at": record.entries[0].at}}})
    before = await intake.store.complaints.find_one({"_id": receipt["complaint_id"]})
    entry = TimelineEntry(event_key="intake#x", at=record.entries[0].at, milestone=Milestone.CUSTOMER_REPLIED)
    if write == "action":
        event = CustomerMessageReceived(complaint_id=record.complaint_id, message_id="m-1", text="Any news?",
                                        time=entry.at)
        written = await intake.store.record_action(record=record, entry=entry, event=event, key=new_data_key())
    else:
        event = code_issued(complaint_id=record.complaint_id, tracking_number=record.tracking_number,
                            access_code="7K3Q-9XWA-F2MB-HT4C", send_to="email", reason="requested", now=entry.at)
        written = await intake.store.replace_access_code(complaint_id=record.complaint_id, access_code_hash="x",
                                                         event=event, key=new_data_key())
    assert written is False
    assert await unchanged(intake, before)
