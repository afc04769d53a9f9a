"""Staff log complaints for customers; evidence is downloaded by its owner or the owning team, every time audited."""

import base64
import uuid
from datetime import UTC, datetime, timedelta

from complaint_contracts import CaseOpened, topics

from tests.support.builders import make_submission
from tests.support.kafka import eventually, read_until
from tests.support.staff import bearer, staff_token

from .conftest import Intake
from .support import PHOTO_PNG, RECEIPT_PDF, WINDOWS_EXE, attachment, file, filing, status, with_receipt
from .test_kafka_submissions import produce, stored
from .test_status_and_actions import act, publish, published


async def test_a_complaint_logged_by_staff_records_who_took_it_and_gives_the_code_to_read_out(intake: Intake) -> None:
    token = staff_token(sub="emp-0042", role="agent", team="support-be-1")
    async with intake.client(**bearer(token)) as desk, intake.client() as customer:
        logged = await desk.post("/v1/staff/complaints", json=filing(channel="phone"))
        no_channel = await desk.post("/v1/staff/complaints", json=filing())
        anonymous = await customer.post("/v1/staff/complaints", json=filing(channel="phone"))
        receipt = logged.json()
        page = await customer.get(receipt["status_url"], headers={"X-Access-Code": receipt["access_code"]})
    assert logged.status_code == 201 and page.status_code == 200
    assert no_channel.status_code == 422 and no_channel.json()["errors"][0]["field"] == "channel"
    assert anonymous.status_code == 401
    received = await published(intake, receipt, "complaints.intake.ComplaintReceived")
    assert (received.taken_by, received.channel) == ("emp-0042", "phone")


async def test_the_customer_downloads_their_own_file_safely_and_the_download_is_audited(intake: Intake) -> None:
    async with intake.client() as client:
        receipt = await file(client, with_receipt())
        [ref] = (await published(intake, receipt, "complaints.intake.ComplaintReceived")).attachments
        code = {"X-Access-Code": receipt["access_code"]}
        url = f"{receipt['status_url']}/attachments/{ref.attachment_id}"
        got = await client.get(url, headers=code)
        wrong_code = await client.get(url, headers={"X-Access-Code": "0000-0000-0000-0000"})
        other = await file(client)
        not_theirs = await client.get(f"{other['status_url']}/attachments/{ref.attachment_id}",
                                      headers={"X-Access-Code": other["access_code"]})
    assert got.status_code == 200 and got.content == RECEIPT_PDF
    assert got.headers["content-type"] == "application/pdf"
    assert got.headers["x-content-type-options"] == "nosniff"
    disposition = got.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="') and "filename*=UTF-8''%D1%87%D0%B5%D0%BA.pdf" in disposition
    assert wrong_code.status_code == not_theirs.status_code == 404
    audit = await intake.store.downloads.find({"attachment_id": ref.attachment_id}).to_list()
    assert [(a["by"], a["complaint_id"]) for a in audit] == [("customer", receipt["complaint_id"])]
    assert set(audit[0]) == {"_id", "attachment_id", "complaint_id", "at", "by", "roles"}  # no content, no address


async def test_staff_of_the_owning_team_and_supervisors_download_others_are_refused(intake: Intake) -> None:
    async with intake.client() as client:
        receipt = await file(client, with_receipt())
    [ref] = (await published(intake, receipt, "complaints.intake.ComplaintReceived")).attachments
    await publish(intake, CaseOpened(complaint_id=receipt["complaint_id"], team="support-be-1",
                                     time=datetime.now(UTC) - timedelta(seconds=1)))
    url = f"/v1/staff/complaints/{receipt['complaint_id']}/attachments/{ref.attachment_id}"
    owner = bearer(staff_token(sub="emp-1", role="agent", team="support-be-1"))
    other = bearer(staff_token(sub="emp-2", role="agent", team="support-en-1"))
    supervisor = bearer(staff_token(sub="emp-3", role="supervisor", department="customer_support"))

    async def owner_sees_it() -> bool:
        async with intake.client(**owner) as desk:
            return (await desk.get(url)).status_code == 200

    await eventually(owner_sees_it)
    async with intake.client(**other) as stranger, intake.client(**supervisor) as boss:
        refused = await stranger.get(url)
        allowed = await boss.get(url)
    assert refused.status_code == 403 and refused.headers["content-type"] == "application/problem+json"
    assert allowed.status_code == 200 and allowed.content == RECEIPT_PDF
    audit = await intake.store.downloads.find({"attachment_id": ref.attachment_id}).to_list()
    assert {a["by"] for a in audit} == {"emp-1", "emp-3"}


async def test_a_message_carries_evidence_and_a_disguised_file_is_refused_naming_it(intake: Intake) -> None:
    async with intake.client() as client:
        receipt = await file(client)
        sent = await act(client, receipt, "messages", {"text": "Фото прилагаю",
                                                       "attachments": [attachment("фото.png", "image/png", PHOTO_PNG)]})
        disguised = await act(client, receipt, "messages", {
            "text": "Ещё чек", "attachments": [attachment("check.pdf", "application/pdf", WINDOWS_EXE)]})
        message = await published(intake, receipt, "complaints.intake.CustomerMessageReceived")
        [ref] = message.attachments
        got = await client.get(f"{receipt['status_url']}/attachments/{ref.attachment_id}",
                               headers={"X-Access-Code": receipt["access_code"]})
    assert sent.status_code == 200
    assert got.content == PHOTO_PNG and got.headers["content-type"] == "image/png"
    assert disguised.status_code == 422 and disguised.headers["content-type"] == "application/problem+json"
    [error] = disguised.json()["errors"]
    assert (error["field"], error["code"], error["file_name"]) == ("attachments.0.content_base64",
                                                                   "content_mismatch", "check.pdf")


async def test_the_status_page_lists_the_customers_files_oldest_first_each_one_downloadable(intake: Intake) -> None:
    async with intake.client() as client:
        receipt = await file(client, with_receipt())
        replied = await act(client, receipt, "messages", {"text": "Фото повреждения",
                                                          "attachments": [attachment("фото.png", "image/png",
                                                                                     PHOTO_PNG)]})
        page = await status(client, receipt)
        downloads = [await client.get(f"{receipt['status_url']}/attachments/{listed['attachment_id']}",
                                      headers={"X-Access-Code": receipt["access_code"]})
                     for listed in page["attachments"]]
    listed = page["attachments"]
    assert [(a["name"], a["media_type"], a["size_bytes"], a["with_message"]) for a in listed] == [
        ("чек.pdf", "application/pdf", len(RECEIPT_PDF), False), ("фото.png", "image/png", len(PHOTO_PNG), True)]
    assert set(listed[0]) == {"attachment_id", "name", "media_type", "size_bytes", "added_at", "with_message"}
    assert listed[0]["added_at"] <= listed[1]["added_at"]
    assert replied.json()["attachments"] == listed
    assert [d.content for d in downloads] == [RECEIPT_PDF, PHOTO_PNG]


async def test_a_submissions_file_kept_by_the_submitting_system_is_not_listed(intake: Intake) -> None:
    event = make_submission(external_reference=f"CRM-{uuid.uuid4().hex[:10]}", issue_access_code=True,
                            customer={"name": "Алеся", "email": "alesia@example.org"},
                            attachments=[{"name": "photo.png", "media_type": "image/png", "size_bytes": len(PHOTO_PNG),
                                          "content_base64": base64.b64encode(PHOTO_PNG).decode()},
                                         {"name": "call.jpg", "media_type": "image/jpeg", "size_bytes": 40_000,
                                          "uri": "https://crm.example.org/files/call-9"}])
    await produce(intake, event)

    async def recorded() -> bool:
        return await stored(intake, event) is not None

    await eventually(recorded)
    document = await stored(intake, event)
    record = await read_until(intake.backend.kafka_bootstrap, topics.INTAKE,
                              lambda r: r.key == document["_id"].encode()
                              and dict(r.headers).get("ce_type") == b"complaints.intake.AccessCodeIssued")
    issued = await intake.decoded(record)
    async with intake.client() as client:
        page = await client.get(f"/v1/complaints/{issued.tracking_number}",
                                headers={"X-Access-Code": issued.access_code})
    assert [(a["name"], a["with_message"]) for a in page.json()["attachments"]] == [("photo.png", False)]
    assert "crm.example.org" not in page.text
