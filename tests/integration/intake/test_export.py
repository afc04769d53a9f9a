"""Access exports over HTTP on the real store: the privacy office only; every complaint of the customer with what
intake keeps about it, personal values readable until they are erased."""

import pytest
from complaint_contracts.personal_data import ERASED_TEXT

from tests.support.staff import bearer, staff_token

from .conftest import Intake
from .support import file
from .support_sealing import marked_filing
from .test_erasure import PRIVACY, erase


async def export(intake: Intake, body: dict, headers: dict[str, str] = PRIVACY):
    async with intake.client(**headers) as office:
        return await office.post("/v1/data-subject-exports/lookups", json=body)


@pytest.mark.parametrize(("headers", "code"), [({}, 401), (bearer(staff_token(role="supervisor")), 403)],
                         ids=["no token", "supervisor"])
async def test_only_the_privacy_office_may_export(intake: Intake, headers, code: int) -> None:
    async with intake.client(**headers) as client:
        answers = [await client.post("/v1/data-subject-exports/lookups", json={"email": "a@example.org"}),
                   await client.get("/v1/data-subjects/export", params={"email": "a@example.org"}),
                   await client.post("/v1/data-subject-exports", json={"complaint_ids": ["c-0000000000000001"]})]
    assert [a.status_code for a in answers] == [code] * 3


async def test_the_export_holds_every_complaint_of_the_customer_with_their_data_until_it_is_erased(
        intake: Intake) -> None:
    body = marked_filing()
    async with intake.client() as client:
        first = await file(client, body)
        second = await file(client, marked_filing() | {"customer": {"phone": body["customer"]["phone"]}})
        await file(client, marked_filing())
    ids = sorted([first["complaint_id"], second["complaint_id"]])

    by_body = await export(intake, {"phone": body["customer"]["phone"]})
    async with intake.client(**PRIVACY) as office:
        by_query = await office.get("/v1/data-subjects/export", params={"email": body["customer"]["email"]})
        own = await office.post("/v1/data-subject-exports", json={"complaint_ids": [first["complaint_id"]]})

    assert by_body.status_code == by_query.status_code == own.status_code == 200, by_body.text
    document = by_body.json()
    assert document["subject"] == {"basis": "phone", "complaints": ids, "identifiers_followed": ["email", "phone"]}
    # The e-mail address finds the complaint filed with the same phone number alone, as the phone number does.
    assert by_query.json()["subject"] == document["subject"] | {"basis": "email"}
    record = document["services"]["intake"]["complaints"][first["complaint_id"]]
    assert record["complaint"]["customer"]["name"] == body["customer"]["name"]
    assert record["complaint"]["description"] == body["description"]
    assert record["tracking_number"] == first["tracking_number"]
    assert [e["milestone"] for e in record["entries"]] == ["received"]
    assert not {"_outbox", "access_code_hash", "subject_refs", "subject"} & set(record)
    assert own.json()["service"] == "intake" and list(own.json()["complaints"]) == [first["complaint_id"]]

    assert (await erase(intake, {"tracking_number": first["tracking_number"]})).status_code == 201
    after = (await export(intake, {"email": body["customer"]["email"]})).json()
    erased = after["services"]["intake"]["complaints"][first["complaint_id"]]
    assert (erased["complaint"]["description"], erased["complaint"]["customer"]["name"]) == (ERASED_TEXT, None)
    assert erased["erased"]["reason"] == "request" and len(erased["erasures"]) == 1


async def test_an_export_names_exactly_one_basis(intake: Intake) -> None:
    assert (await export(intake, {"email": "a@example.org", "tracking_number": "CMP-7K3Q-9XWA-F"})).status_code == 422
    async with intake.client(**PRIVACY) as office:
        nothing = await office.get("/v1/data-subjects/export")
        phone = await office.get("/v1/data-subjects/export", params={"phone": "+375291234567"})
    assert [(a.status_code, [(e["field"], e["in"]) for e in a.json()["errors"]]) for a in (nothing, phone)] == [
        (422, [("email", "query")]), (422, [("phone", "query")])]


async def test_a_body_that_is_not_json_is_named_as_the_body(intake: Intake) -> None:
    async with intake.client(**PRIVACY) as office:
        answer = await office.post("/v1/erasure-requests", content=b'{"email": alesia@example.org}',
                                   headers={"content-type": "application/json"})
    assert answer.status_code == 422
    assert [(e["field"], e["in"]) for e in answer.json()["errors"]] == [("(body)", "body")]


async def test_an_address_in_the_query_string_reaches_no_log_of_intakes(intake: Intake,
                                                                        caplog: pytest.LogCaptureFixture) -> None:
    body = marked_filing()
    async with intake.client() as client:
        await file(client, body)
    caplog.set_level("DEBUG")
    async with intake.client(**PRIVACY) as office:
        answer = await office.get("/v1/data-subjects/export", params={"email": body["customer"]["email"]})
    assert answer.status_code == 200
    # The test's own HTTP client logs the URLs it calls (httpx): callers should prefer the POST form.
    intakes = [r for r in caplog.records if not r.name.startswith("httpx")]
    assert intakes and not [r for r in intakes if body["customer"]["email"].split("@")[0] in r.getMessage()]
