"""The privacy officer's page: an access export downloaded, an erasure confirmed and shown with its audit record;
the customer named in the form only; refused before intake is asked when the form is not complete."""

import json
import re
from collections.abc import Iterator

import pytest
import respx
from fastapi.testclient import TestClient
from web.domain.desk_privacy import erasure_request_of, export_file_name, query_of, subject_of
from web.main import create_app

from tests.unit.web.conftest import INTAKE, RESOLUTION, form, sign_in, web_settings

OFFICER = "emp-0950"
EXPORT = {"generated_at": "2026-12-03T10:00:00Z", "subject": {"basis": "email", "complaints": ["c-1"]},
          "services": {"intake": {"complaints": {"c-1": {"complaint": {"title": "Broken kettle"}}}}}}
RECORD = {"erasure_id": "er-1", "reason": "request", "basis": "email", "reference": "DSR-7", "requested_by": OFFICER,
          "requested_at": "2026-12-03T10:00:00Z", "complaint_ids": ["c-1", "c-2"], "keys_destroyed": 2,
          "status": "completed", "completed_at": "2026-12-03T10:00:01Z"}


@pytest.fixture
def client(apis: respx.MockRouter) -> Iterator[TestClient]:
    with TestClient(create_app(web_settings())) as test_client:
        yield test_client


def test_the_subject_is_the_one_field_filled_in_and_the_file_name_names_nobody() -> None:
    assert subject_of({"email": "  ann@example.org ", "phone": "", "tracking_number": ""}) == {
        "email": "ann@example.org"}
    assert erasure_request_of({"phone": "+44 20 7946 0000", "reference": " DSR-7 "}) == {
        "phone": "+44 20 7946 0000", "reference": "DSR-7", "follow_links": True}
    assert query_of({"email": "ann@example.org", "only_named": "yes"}) == {"email": "ann@example.org",
                                                                         "follow_links": False}
    assert export_file_name("2026-12-03T10:00:00Z") == "access-export-2026-12-03.json"


def test_only_the_privacy_officer_sees_the_page(client: TestClient) -> None:
    sign_in(client, "emp-0001")
    assert client.get("/desk/privacy").status_code == 403
    assert 'href="/desk/privacy"' not in client.get("/desk/supervision").text
    sign_in(client, OFFICER)
    page = client.get("/desk/privacy")
    assert page.status_code == 200 and 'action="/desk/privacy/export"' in page.text


def test_the_export_downloads_under_a_name_that_says_nothing_about_the_customer(client: TestClient,
                                                                              apis: respx.MockRouter) -> None:
    asked = apis.post(f"{INTAKE}/v1/data-subject-exports/lookups").respond(200, json=EXPORT)
    sign_in(client, OFFICER)

    answer = client.post("/desk/privacy/export", data=form(client, email="ann@example.org"))

    assert answer.status_code == 200 and answer.json() == EXPORT
    assert answer.headers["content-disposition"] == 'attachment; filename="access-export-2026-12-03.json"'
    assert json.loads(asked.calls.last.request.content) == {"email": "ann@example.org", "follow_links": True}
    assert asked.calls.last.request.headers["authorization"].startswith("Bearer ")
    assert "ann" not in str(asked.calls.last.request.url)


def test_an_erasure_needs_the_confirmation_and_exactly_one_way_to_name_the_customer(client: TestClient,
                                                                                  apis: respx.MockRouter) -> None:
    erased = apis.post(f"{INTAKE}/v1/erasure-requests").respond(201, json={"erasure_id": "er-1"})
    sign_in(client, OFFICER)

    unconfirmed = client.post("/desk/privacy/erasure", data=form(client, email="ann@example.org"))
    twice_named = client.post("/desk/privacy/erasure", data=form(client, email="ann@example.org",
                                                                 phone="+44 20 7946 0000", confirmed="yes"))

    assert unconfirmed.status_code == 422 and 'href="#field-privacy-confirmed"' in unconfirmed.text
    assert twice_named.status_code == 422 and 'href="#field-privacy-email"' in twice_named.text
    assert not erased.called


def test_a_confirmed_erasure_shows_its_audit_record(client: TestClient, apis: respx.MockRouter) -> None:
    erased = apis.post(f"{INTAKE}/v1/erasure-requests").respond(201, json={"erasure_id": "er-1"})
    apis.get(f"{INTAKE}/v1/erasure-requests/er-1").respond(200, json=RECORD)
    sign_in(client, OFFICER)

    page = client.post("/desk/privacy/erasure", data=form(client, tracking_number="CMP-7K3Q-9XWA-F",
                                                          reference="DSR-7", confirmed="yes"))

    assert page.status_code == 201
    assert json.loads(erased.calls.last.request.content) == {"tracking_number": "CMP-7K3Q-9XWA-F",
                                                              "reference": "DSR-7", "follow_links": True}
    assert "er-1" in page.text and "DSR-7" in page.text and 'value="CMP-7K3Q-9XWA-F"' not in page.text


def test_the_officer_may_take_only_the_complaints_that_give_the_identifier(client: TestClient,
                                                                           apis: respx.MockRouter) -> None:
    """A household's phone: the officer ticks that the other identifiers on file lead nowhere further."""
    asked = apis.post(f"{INTAKE}/v1/data-subject-exports/lookups").respond(200, json=EXPORT)
    erased = apis.post(f"{INTAKE}/v1/erasure-requests").respond(201, json={"erasure_id": "er-1"})
    apis.get(f"{INTAKE}/v1/erasure-requests/er-1").respond(200, json=RECORD | {"follow_links": False})
    sign_in(client, OFFICER)
    page = client.get("/desk/privacy", headers={"accept-language": "ru"})
    assert "Только жалобы, в которых указан именно этот идентификатор" in page.text

    client.post("/desk/privacy/export", data=form(client, email="ann@example.org", only_named="yes"))
    done = client.post("/desk/privacy/erasure", data=form(client, email="ann@example.org", only_named="yes",
                                                          confirmed="yes"))

    assert json.loads(asked.calls.last.request.content) == {"email": "ann@example.org", "follow_links": False}
    assert json.loads(erased.calls.last.request.content) == {"email": "ann@example.org", "follow_links": False}
    assert re.search(r"Other identifiers on file followed</dt><dd>No</dd>", done.text)


def test_the_officers_desk_opens_on_the_privacy_page_when_cases_are_not_theirs(client: TestClient,
                                                                                apis: respx.MockRouter) -> None:
    apis.get(url__startswith=f"{RESOLUTION}/cases").respond(403, json={
        "type": "/problems/forbidden", "title": "Forbidden", "status": 403, "detail": "no role that works cases"})
    sign_in(client, OFFICER)
    landing = client.get("/desk", follow_redirects=False)
    assert landing.status_code == 303 and landing.headers["location"] == "/desk/privacy"


def test_an_analysts_desk_opens_on_the_operations_overview_when_cases_are_not_theirs(
        client: TestClient, apis: respx.MockRouter) -> None:
    apis.get(url__startswith=f"{RESOLUTION}/cases").respond(403, json={
        "type": "/problems/forbidden", "title": "Forbidden", "status": 403, "detail": "no role that works cases"})
    sign_in(client, "emp-0800")  # Ana Analyst, the demo analyst
    landing = client.get("/desk", follow_redirects=False)
    assert landing.status_code == 303 and landing.headers["location"] == "/desk/operations"


@pytest.mark.parametrize(("member", "opened", "links"), [
    ("emp-0800", "/desk/complaints/new", ["/desk/complaints/new", "/desk/operations"]),  # the analyst
    (OFFICER, "/desk/privacy", ["/desk/operations", "/desk/privacy"]),  # the privacy office works no case, logs none
])
def test_the_desks_menu_offers_only_what_the_member_may_open(client: TestClient, member: str, opened: str,
                                                               links: list[str]) -> None:
    sign_in(client, member)
    page = client.get(opened)
    assert page.status_code == 200
    menu = page.text.split("<ul>", 1)[1].split("</ul>", 1)[0]
    offered = [link for link in ("/desk", "/desk/complaints/new", "/desk/supervision", "/desk/operations",
                                 "/desk/privacy") if f'href="{link}"' in menu]
    assert offered == links
