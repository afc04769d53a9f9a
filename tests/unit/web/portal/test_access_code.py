"""`/access-code`: one answer whether or not the details match; intake's rate limit shown as "please wait"."""

import json

import respx
from fastapi.testclient import TestClient

from tests.unit.web.conftest import INTAKE, form

from .support import PROBLEM, TN, problem

SENT = "If the details match what we have on file, we have sent a new access code there."


def test_an_e_mail_or_a_phone_goes_to_intake_and_the_answer_is_always_the_same(client: TestClient,
                                                                              apis: respx.MockRouter) -> None:
    route = apis.post(f"{INTAKE}/v1/access-code-requests").respond(202, json={"detail": "…"})
    by_mail = client.post("/access-code", data=form(client, tracking_number=f" {TN.lower()} ", contact="a@example.org"))
    by_phone = client.post("/access-code", data=form(client, tracking_number=TN, contact="+375 29 123 45 67"))
    assert SENT in by_mail.text and SENT in by_phone.text
    assert [json.loads(c.request.content) for c in route.calls] == [
        {"tracking_number": TN, "email": "a@example.org"}, {"tracking_number": TN, "phone": "+375 29 123 45 67"}]
    assert "a@example.org" not in by_mail.text  # the form is emptied once the request is made


def test_too_many_requests_say_please_wait(client: TestClient, apis: respx.MockRouter) -> None:
    apis.post(f"{INTAKE}/v1/access-code-requests").respond(429, json=problem(429),
                                                          headers=PROBLEM | {"Retry-After": "600"})
    answer = client.post("/access-code", data=form(client, tracking_number=TN, contact="a@example.org"),
                         headers={"Accept-Language": "be"})
    assert answer.status_code == 429 and "Занадта шмат спроб" in answer.text and "10 хвілін" in answer.text


def test_a_bad_contact_is_named_at_its_field(client: TestClient, apis: respx.MockRouter) -> None:
    errors = [{"field": "email", "code": "bad_email", "reason": "x", "in": "body"}]
    apis.post(f"{INTAKE}/v1/access-code-requests").respond(422, json=problem(422, errors=errors), headers=PROBLEM)
    answer = client.post("/access-code", data=form(client, tracking_number=TN, contact="a@"))
    assert answer.status_code == 422 and 'href="#contact"' in answer.text and "name@example.com" in answer.text


def test_empty_fields_are_named_without_asking_intake(client: TestClient, apis: respx.MockRouter) -> None:
    answer = client.post("/access-code", data=form(client, tracking_number="", contact=""))
    assert answer.status_code == 422 and 'href="#tracking_number"' in answer.text and 'href="#contact"' in answer.text
    assert apis.calls.call_count == 0
