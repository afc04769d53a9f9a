"""The privacy office's routes and the key API over the fakes: who may call them, and what they answer."""

import base64

import httpx
import pytest
from intake.config import IntakeSettings
from intake.main import create_app

from tests.support.staff import TEST_JWT_SECRET, bearer, staff_token

from ..faked_intake import KEY_READERS, KEY_SEALERS, FakedIntake
from ..test_erasure import THEIRS

SETTINGS = {"kafka_bootstrap": "127.0.0.1:9", "mongo_url": "mongodb://127.0.0.1:9", "jwt_secret": TEST_JWT_SECRET}
PRIVACY = bearer(staff_token(sub="emp-dpo", role="privacy"))


async def test_the_privacy_office_erases_and_exports_and_a_reader_gets_keys() -> None:
    faked = FakedIntake()
    receipt = (await faked.file(THEIRS)).receipt
    settings = IntakeSettings(**SETTINGS)
    app = create_app(settings)
    app.state.deps = faked.deps(settings)
    subject = faked.store.complaints[receipt.complaint_id].complaint.subject.id
    key = await faked.keys.key_for(subject)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://intake.test") as client:
        keys = await client.post("/v1/data-keys/lookups", json={"key_ids": [key.id]},
                                 auth=("routing", KEY_READERS["routing"]))
        exported = await client.post("/v1/data-subject-exports/lookups", json={"email": "alesia@example.org"},
                                     headers=PRIVACY)
        refused = await client.post("/v1/erasure-requests", json={"email": "alesia@example.org"},
                                    headers=bearer(staff_token(role="agent")))
        erased = await client.post("/v1/erasure-requests", json={"email": "alesia@example.org"}, headers=PRIVACY)
        audit = await client.get(erased.headers["location"], headers=PRIVACY)
    assert keys.json() == {"keys": {key.id: base64.b64encode(key.material).decode()}}
    assert exported.json()["subject"]["complaints"] == [receipt.complaint_id]
    assert refused.status_code == 403
    assert (erased.status_code, erased.json()["complaints"], audit.json()["requested_by"]) == (201, 1, "emp-dpo")


class Office:
    """The privacy routes over the fakes, with one customer on file (e-mail and phone, then the phone alone)."""

    def __init__(self) -> None:
        self.faked = FakedIntake()
        settings = IntakeSettings(**SETTINGS)
        self.app = create_app(settings)
        self.app.state.deps = self.faked.deps(settings)

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.ASGITransport(app=self.app), base_url="http://intake.test")


@pytest.fixture
async def office() -> Office:
    office = Office()
    await office.faked.file(THEIRS)
    await office.faked.file(THEIRS | {"customer": {"phone": "+375291234567"}})
    return office


@pytest.mark.parametrize(("body", "field", "detail"), [
    ({"email": "alesia@example.com"}, "email", "no complaint on file gives this e-mail address"),
    ({"phone": "+375 33 612 34 56"}, "phone", "no complaint on file gives this phone number"),
    ({"tracking_number": "CMP-0000-0000-0"}, "tracking_number", "no complaint on file has this tracking number"),
], ids=["e-mail", "phone", "tracking number"])
async def test_an_erasure_that_finds_nobody_is_a_404_naming_the_field(office: Office, body: dict, field: str,
                                                                      detail: str) -> None:
    async with office.client() as client:
        answer = await client.post("/v1/erasure-requests", json=body, headers=PRIVACY)
    assert (answer.status_code, answer.headers["content-type"]) == (404, "application/problem+json")
    problem = answer.json()
    assert (problem["type"], problem["detail"]) == ("/problems/subject-not-found", detail)
    assert problem["errors"] == [{"field": field, "in": "body", "code": "not_found", "reason": detail}]
    assert "location" not in answer.headers and office.faked.privacy.saved == []


async def test_an_erasure_answers_what_it_followed_and_a_second_one_that_it_was_erased_already(
        office: Office) -> None:
    async with office.client() as client:
        first = await client.post("/v1/erasure-requests", json={"email": "Alesia@example.org"}, headers=PRIVACY)
        again = await client.post("/v1/erasure-requests", json={"phone": "+375291234567"}, headers=PRIVACY)
    assert first.status_code == again.status_code == 201
    answers = [{k: v for k, v in a.json().items() if k not in ("erasure_id", "completed_at")} for a in (first, again)]
    assert answers == [
        {"complaints": 2, "already_erased": 0, "identifiers_followed": ["email", "phone"], "keys_destroyed": 2,
         "status": "completed"},
        {"complaints": 2, "already_erased": 2, "identifiers_followed": ["email", "phone"], "keys_destroyed": 0,
         "status": "completed"}]


@pytest.mark.parametrize("path", ["/v1/erasure-requests", "/v1/data-subject-exports/lookups"])
async def test_a_body_that_is_not_json_is_named_as_the_body(office: Office, path: str) -> None:
    async with office.client() as client:
        answer = await client.post(path, content=b'{"email": alesia@example.org}', headers=PRIVACY
                                   | {"content-type": "application/json"})
    assert answer.status_code == 422
    [error] = answer.json()["errors"]
    assert (error["field"], error["in"]) == ("(body)", "body")
    assert error["reason"].startswith("not valid JSON (") and "at character 10" in error["reason"]
    assert "alesia" not in answer.text


@pytest.mark.parametrize(("params", "field", "reason"), [
    ({}, "email", "give the customer's e-mail address (or a tracking number)"),
    ({"email": " "}, "email", "give the customer's e-mail address (or a tracking number)"),
    ({"email": "alesia@example.org", "tracking_number": "CMP-7K3Q-9XWA-F"}, "tracking_number",
     "give either email or tracking_number"),
    ({"phone": "+375291234567"}, "phone", "a phone number does not go into a URL: name the customer in the body of "
                                          "POST /v1/data-subject-exports/lookups"),
    ({"email": "alesia@example.org", "customer": "x"}, "customer", "Extra inputs are not permitted"),
], ids=["nothing", "blank", "both", "phone", "unknown parameter"])
async def test_the_query_form_of_the_export_names_the_query_parameter(office: Office, params: dict, field: str,
                                                                      reason: str) -> None:
    async with office.client() as client:
        answer = await client.get("/v1/data-subjects/export", params=params, headers=PRIVACY)
    assert (answer.status_code, answer.headers["content-type"]) == (422, "application/problem+json")
    [error] = answer.json()["errors"]
    assert (error["field"], error["in"], error["reason"]) == (field, "query", reason)
    assert "375291234567" not in answer.text


async def test_the_query_form_takes_the_email_and_checks_the_caller_before_the_parameters(office: Office) -> None:
    async with office.client() as client:
        by_email = await client.get("/v1/data-subjects/export", params={"email": "alesia@example.org"},
                                    headers=PRIVACY)
        by_phone = await client.post("/v1/data-subject-exports/lookups", json={"phone": "+375291234567"},
                                     headers=PRIVACY)
        anonymous = await client.get("/v1/data-subjects/export", params={"phone": "+375291234567"})
    assert by_email.status_code == by_phone.status_code == 200
    assert len(by_email.json()["subject"]["complaints"]) == 2
    assert by_email.json()["subject"]["complaints"] == by_phone.json()["subject"]["complaints"]
    assert anonymous.status_code == 401


async def test_both_forms_of_the_export_and_the_erasure_may_leave_links_unfollowed(office: Office) -> None:
    """The office's customer filed with e-mail and phone, then with the phone alone: not followed, the phone's
    complaint is left out (it may be someone else's who shares the phone)."""
    async with office.client() as client:
        by_query = await client.get("/v1/data-subjects/export", headers=PRIVACY,
                                    params={"email": "alesia@example.org", "follow_links": "false"})
        by_body = await client.post("/v1/data-subject-exports/lookups", headers=PRIVACY,
                                    json={"email": "alesia@example.org", "follow_links": False})
        erased = await client.post("/v1/erasure-requests", headers=PRIVACY,
                                   json={"email": "alesia@example.org", "follow_links": False})
        audit = await client.get(erased.headers["location"], headers=PRIVACY)
    assert [len(a.json()["subject"]["complaints"]) for a in (by_query, by_body)] == [1, 1]
    assert (erased.json()["complaints"], erased.json()["identifiers_followed"]) == (1, ["email"])
    assert audit.json()["follow_links"] is False


async def test_a_partner_gets_the_key_of_the_customer_its_submission_names_and_nothing_else() -> None:
    faked = FakedIntake()
    settings = IntakeSettings(**SETTINGS)
    app = create_app(settings)
    app.state.deps = faked.deps(settings)
    body = {"source_system": "crm", "external_reference": "CRM-1", "email": "Alesia@Example.org"}
    crm = ("crm", KEY_SEALERS["crm"])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://intake.test") as client:
        given = await client.post("/v1/data-keys/sealing-keys", json=body, auth=crm)
        anonymous = await client.post("/v1/data-keys/sealing-keys", json=body)
        as_reader = await client.post("/v1/data-keys/sealing-keys", json=body,
                                      auth=("routing", KEY_READERS["routing"]))
        reader_with_sealer_secret = await client.post("/v1/data-keys/lookups", json={"key_ids": []}, auth=crm)
        for_another_system = await client.post("/v1/data-keys/sealing-keys", auth=crm,
                                               json=body | {"source_system": "shop"})
        bad_phone = await client.post("/v1/data-keys/sealing-keys", auth=crm, json=body | {"phone": "12345"})
    key = await faked.keys.key_for(faked.subjects.email_ref("alesia@example.org"))
    assert given.status_code == 200, given.text
    assert given.json() == {"key_id": key.id, "key": base64.b64encode(key.material).decode()}
    assert given.headers["cache-control"] == "no-store"
    assert [anonymous.status_code, as_reader.status_code, reader_with_sealer_secret.status_code] == [401, 401, 401]
    assert anonymous.headers["www-authenticate"].startswith("Basic")
    assert for_another_system.status_code == 403
    assert bad_phone.status_code == 422
    assert bad_phone.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in bad_phone.json()["errors"]] == ["phone"]
