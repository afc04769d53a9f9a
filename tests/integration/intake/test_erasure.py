"""Erasure over HTTP on the real store: the privacy office only; the customer's keys gone from the MongoDB key store,
their complaints marked and announced, their status page showing the fields as erased, the audit without them."""

import pytest
from complaint_contracts import PersonalDataErased
from complaint_contracts.personal_data import ERASED_TEXT
from complaints_chassis.personal_data.wiring import KEYS_COLLECTION

from tests.support.staff import bearer, staff_token

from .conftest import Intake
from .support import RECEIPT_PDF, attachment, file, status
from .support_sealing import found_in, marked_filing, needles, published, readable

PRIVACY = bearer(staff_token(sub="emp-dpo-1", role="privacy"))


async def erase(intake: Intake, body: dict, headers: dict[str, str] = PRIVACY):
    async with intake.client(**headers) as office:
        return await office.post("/v1/erasure-requests", json=body)


@pytest.mark.parametrize(("headers", "code"), [({}, 401), (bearer(staff_token(role="agent")), 403),
                                               (bearer(staff_token(role="admin")), 403)],
                         ids=["no token", "agent", "admin"])
async def test_only_the_privacy_office_may_erase_or_read_an_erasure(intake: Intake, headers, code: int) -> None:
    answer = await erase(intake, {"email": "alesia@example.org"}, headers)
    async with intake.client(**headers) as client:
        audit = await client.get("/v1/erasure-requests/er-0000000000000000")
    assert (answer.status_code, audit.status_code) == (code, code)


@pytest.mark.parametrize("body", [{}, {"email": "a@example.org", "phone": "+375291234567"},
                                  {"email": "not an address"}, {"tracking_number": "CMP-7K3Q-9XWA-F", "extra": 1},
                                  {"email": "a@example.org", "reference": "Alesia Kuzmich"}],
                         ids=["nothing", "two bases", "bad e-mail", "unknown member", "reference with spaces"])
async def test_a_request_names_exactly_one_basis(intake: Intake, body: dict) -> None:
    answer = await erase(intake, body)
    assert answer.status_code == 422 and answer.headers["content-type"] == "application/problem+json"


async def test_the_customers_complaints_lose_their_personal_data_and_keep_their_record(intake: Intake) -> None:
    body = marked_filing() | {"attachments": [attachment("receipt.pdf", "application/pdf", RECEIPT_PDF)]}
    async with intake.client() as client:
        first = await file(client, body)
        second = await file(client, marked_filing() | {"customer": {"email": body["customer"]["email"].upper()}})
        other = await file(client, marked_filing())
    documents = {d["_id"]: d async for d in intake.store.complaints.find(
        {"_id": {"$in": [first["complaint_id"], other["complaint_id"]]}})}
    subject, other_subject = (documents[r["complaint_id"]]["subject"] for r in (first, other))

    answer = await erase(intake, {"email": body["customer"]["email"], "reference": "DSR-2026-0042"})

    assert answer.status_code == 201, answer.text
    erased = answer.json()
    assert (erased["complaints"], erased["status"]) == (2, "completed")
    assert answer.headers["location"] == f"/v1/erasure-requests/{erased['erasure_id']}"
    keys = intake.app.state.runtime.db[KEYS_COLLECTION]
    assert await keys.count_documents({"_id": subject}) == 0 and await keys.count_documents({"_id": other_subject})
    files = intake.app.state.runtime.db["attachments.files"]
    assert await files.count_documents({"metadata.complaint_id": first["complaint_id"]}) == 0  # evidence gone too
    for receipt in (first, second):
        event = await intake.decoded(await published(intake, receipt["complaint_id"],
                                                     "complaints.intake.PersonalDataErased"))
        assert isinstance(event, PersonalDataErased) and event.erasure_id == erased["erasure_id"]
        assert len(event.key_ids) == 1
    async with intake.client() as client:
        page, kept = await status(client, first), await status(client, other)
    assert page["complaint"] == {"title": ERASED_TEXT, "description": ERASED_TEXT}
    assert page["status"] == "received" and page["timeline"]
    assert kept["complaint"]["description"].startswith("It never came.")

    async with intake.client(**PRIVACY) as office:
        audit = await office.get(answer.headers["location"])
    assert audit.status_code == 200
    assert audit.json()["complaint_ids"] == sorted([first["complaint_id"], second["complaint_id"]])
    assert (audit.json()["keys_destroyed"], audit.json()["requested_by"]) == (1, "emp-dpo-1")
    stored_audit = await intake.app.state.runtime.db["erasures"].find_one({"_id": erased["erasure_id"]})
    assert found_in(readable(stored_audit), [*needles(body), subject]) == []


async def test_asking_again_finds_nothing_left_and_a_new_complaint_gets_a_new_key(intake: Intake) -> None:
    body = marked_filing()
    async with intake.client() as client:
        old = await file(client, body)
        [before] = [d async for d in intake.app.state.runtime.db[KEYS_COLLECTION].find(
            {"_id": (await intake.store.complaints.find_one({"_id": old["complaint_id"]}))["subject"]})]
        first = await erase(intake, {"tracking_number": old["tracking_number"]})
        again = await erase(intake, {"email": body["customer"]["email"]})
        new = await file(client, body)
        page = await status(client, new)
    assert (first.json()["complaints"], again.json()["complaints"]) == (1, 1)
    assert (first.json()["already_erased"], again.json()["already_erased"]) == (0, 1)
    async with intake.client(**PRIVACY) as office:
        audit = (await office.get(again.headers["location"])).json()
    assert (audit["keys_destroyed"], audit["already_erased"]) == (0, 1)
    stored = await intake.store.complaints.find_one({"_id": new["complaint_id"]})
    assert stored["complaint"]["description"].split(".")[1] not in {k["id"] for k in before["keys"]}
    assert page["complaint"]["description"] == body["description"]



@pytest.mark.parametrize(("body", "field"), [({"email": "nobody-at-all@example.org"}, "email"),
                                             ({"phone": "+375 44 765 43 21"}, "phone"),
                                             ({"tracking_number": "CMP-0000-0000-0"}, "tracking_number")],
                         ids=["e-mail", "phone", "tracking number"])
async def test_a_request_that_finds_nobody_is_a_404_and_leaves_no_audit(intake: Intake, body: dict,
                                                                        field: str) -> None:
    erasures = intake.app.state.runtime.db["erasures"]
    before = await erasures.count_documents({})
    answer = await erase(intake, body)
    assert (answer.status_code, answer.headers["content-type"]) == (404, "application/problem+json")
    assert [(e["field"], e["in"], e["code"]) for e in answer.json()["errors"]] == [(field, "body", "not_found")]
    assert await erasures.count_documents({}) == before


async def test_an_erasure_by_email_reaches_the_same_persons_complaint_filed_with_their_phone_only(
        intake: Intake) -> None:
    body = marked_filing()
    async with intake.client() as client:
        with_both = await file(client, body)
        phone_only = await file(client, marked_filing() | {"customer": {"phone": body["customer"]["phone"]}})
        other = await file(client, marked_filing())
    subjects = [(await intake.store.complaints.find_one({"_id": r["complaint_id"]}))["subject"]
                for r in (with_both, phone_only)]
    assert subjects[0] != subjects[1]

    answer = await erase(intake, {"email": body["customer"]["email"]})

    assert answer.status_code == 201, answer.text
    erased = answer.json()
    assert (erased["complaints"], erased["keys_destroyed"], erased["identifiers_followed"]) == (2, 2,
                                                                                             ["email", "phone"])
    keys = intake.app.state.runtime.db[KEYS_COLLECTION]
    assert await keys.count_documents({"_id": {"$in": subjects}}) == 0
    async with intake.client() as client:
        page, kept = await status(client, phone_only), await status(client, other)
    assert page["complaint"]["description"] == ERASED_TEXT
    assert kept["complaint"]["description"] != ERASED_TEXT
    async with intake.client(**PRIVACY) as office:
        audit = (await office.get(answer.headers["location"])).json()
    assert audit["complaint_ids"] == sorted([with_both["complaint_id"], phone_only["complaint_id"]])
    assert audit["identifiers_followed"] == ["email", "phone"]
