"""`/file`: the complaint goes to intake as JSON (files base64-encoded) with the form's Idempotency-Key; the
receipt shows the tracking number and the code once; intake's 422 lands on the fields, in the visitor's language."""

import base64
import json
import re

import pytest
import respx
from fastapi.testclient import TestClient
from pydantic import ValidationError
from web.main import create_app

from tests.unit.web.conftest import INTAKE, form, web_settings

from .support import CODE, PROBLEM, TN, problem

RECEIPT = {"complaint_id": "c-1", "tracking_number": TN, "access_code": CODE, "status_url": f"/v1/complaints/{TN}",
           "received_at": "2025-01-02T10:00:00Z", "language": "ru", "status_text": "Получена",
           "what_happens_next": "Мы подтвердим получение", "process": []}
FIELDS = {"title": "Не вернули деньги", "description": "Заказ отменён, деньги не пришли", "email": "a@example.org",
          "phone": "", "name": "Алеся", "language": "ru", "desired_remedy": "refund", "amount": "49,99",
          "currency": "BYN", "occurred_on": "2025-01-01", "about_store": "minsk-07", "product": "", "country": "BY"}


def _filing_key(client: TestClient) -> str:
    found = re.search(r'name="filing_key" value="([^"]+)"', client.get("/file").text)
    assert found is not None
    return found.group(1)


def test_a_complaint_is_filed_with_its_files_and_the_code_shown_once(client: TestClient,
                                                                    apis: respx.MockRouter) -> None:
    route = apis.post(f"{INTAKE}/v1/complaints").respond(201, json=RECEIPT)
    key = _filing_key(client)
    answer = client.post("/file", data=form(client, filing_key=key, **FIELDS),
                         files=[("attachments", ("чек.png", b"\x89PNG\r\n\x1a\nrest", "image/png"))])
    assert answer.status_code == 200
    assert TN in answer.text and CODE in answer.text and "shown only this once" in answer.text
    assert f'href="/track/{TN}"' in answer.text
    sent = route.calls.last.request
    assert sent.headers["idempotency-key"] == key
    body = json.loads(sent.content)
    assert body["customer"] == {"name": "Алеся", "email": "a@example.org"}
    assert body["amount_claimed"] == {"amount": "49.99", "currency": "BYN"}
    assert body["occurred_at"] == "2025-01-01T00:00:00+00:00"
    assert body["about_store"] == "minsk-07" and "product" not in body and body["language"] == "ru"
    assert body["jurisdiction"] == "BY"
    assert body["attachments"] == [{"name": "чек.png", "media_type": "image/png",
                                    "content_base64": base64.b64encode(b"\x89PNG\r\n\x1a\nrest").decode()}]
    # the customer is now "signed in" to the complaint: the status page opens without the code
    apis.get(f"{INTAKE}/v1/complaints/{TN}").respond(json={"tracking_number": TN, "status": "received",
                                                          "status_text": "Received", "what_happens_next": "Wait"})
    assert client.get(f"/track/{TN}").status_code == 200


def test_an_empty_file_input_sends_no_attachment(client: TestClient, apis: respx.MockRouter) -> None:
    route = apis.post(f"{INTAKE}/v1/complaints").respond(201, json=RECEIPT)
    client.post("/file", data=form(client, **FIELDS), files=[("attachments", ("", b"", "application/octet-stream"))])
    assert "attachments" not in json.loads(route.calls.last.request.content)


def test_sending_the_form_twice_files_once_and_still_shows_the_code(client: TestClient,
                                                                   apis: respx.MockRouter) -> None:
    route = apis.post(f"{INTAKE}/v1/complaints")
    route.side_effect = [respx.MockResponse(201, json=RECEIPT),
                         respx.MockResponse(200, json=RECEIPT | {"access_code": None})]
    key = _filing_key(client)
    client.post("/file", data=form(client, filing_key=key, **FIELDS))
    again = client.post("/file", data=form(client, filing_key=key, **FIELDS))
    assert [call.request.headers["idempotency-key"] for call in route.calls] == [key, key]
    assert CODE in again.text  # kept by this browser session from the first answer


def test_a_replay_in_another_browser_does_not_invent_a_code(client: TestClient, apis: respx.MockRouter) -> None:
    apis.post(f"{INTAKE}/v1/complaints").respond(200, json=RECEIPT | {"access_code": None})
    answer = client.post("/file", data=form(client, **FIELDS))
    assert TN in answer.text and "already sent" in answer.text and 'id="access-code"' not in answer.text


def test_intakes_field_problems_are_shown_at_the_fields_in_the_visitors_language(client: TestClient,
                                                                                apis: respx.MockRouter) -> None:
    errors = [{"field": "customer.email", "code": "bad_email", "reason": "not an e-mail address", "in": "body"},
              {"field": "attachments.0.content_base64", "code": "content_mismatch", "reason": "x", "in": "body",
               "file_name": "virus.pdf"},
              {"field": "customer", "code": "no_contact_route", "reason": "x", "in": "body"}]
    apis.post(f"{INTAKE}/v1/complaints").respond(422, json=problem(422, errors=errors), headers=PROBLEM)
    answer = client.post("/file", data=form(client, **FIELDS), headers={"Accept-Language": "ru"},
                         files=[("attachments", ("virus.pdf", b"MZ", "application/pdf"))])
    assert answer.status_code == 422
    page = answer.text
    assert 'class="error-summary"' in page and 'href="#email"' in page and 'href="#attachments"' in page
    assert "Введите адрес электронной почты" in page
    assert "virus.pdf: " in page
    assert re.search(r'id="email"[^>]*aria-describedby="email-error-1 email-error-2"[^>]*aria-invalid="true"', page)
    assert 'value="Не вернули деньги"' in page and "Заказ отменён, деньги не пришли</textarea>" in page
    assert "not an e-mail address" not in page


def test_a_rate_limited_filing_says_please_wait(client: TestClient, apis: respx.MockRouter) -> None:
    apis.post(f"{INTAKE}/v1/complaints").respond(429, json=problem(429), headers=PROBLEM | {"Retry-After": "60"})
    answer = client.post("/file", data=form(client, **FIELDS))
    assert answer.status_code == 429 and "Please wait 1 minute" in answer.text
    assert 'value="Не вернули деньги"' in answer.text


def test_the_wait_is_counted_in_minutes_with_the_languages_plural_form(client: TestClient,
                                                                       apis: respx.MockRouter) -> None:
    for seconds, words in (("60", "Подождите 1 минуту"), ("150", "Подождите 3 минуты"), ("300", "Подождите 5 минут")):
        apis.post(f"{INTAKE}/v1/complaints").respond(429, json=problem(429),
                                                     headers=PROBLEM | {"Retry-After": seconds})
        answer = client.post("/file", data=form(client, **FIELDS), headers={"Accept-Language": "ru"})
        assert answer.status_code == 429 and words in answer.text


def test_an_unreachable_intake_is_explained(client: TestClient, apis: respx.MockRouter) -> None:
    import httpx

    apis.post(f"{INTAKE}/v1/complaints").mock(side_effect=httpx.ConnectError("down"))
    answer = client.post("/file", data=form(client, **FIELDS))
    assert answer.status_code == 503 and "could not reach our complaints service" in answer.text



def test_the_country_is_asked_in_the_visitors_language_with_the_operators_country_preset(client: TestClient) -> None:
    page = client.get("/file", headers={"Accept-Language": "be"}).text
    select = page[page.index('<select id="country"'):]
    select = select[:select.index("</select>")]
    assert 'aria-describedby="country-hint"' in select
    assert '<option value="GB" selected>Вялікабрытанія</option>' in select
    assert '<option value="BY">Беларусь</option>' in select and '<option value="IE">Ірландыя</option>' in select
    assert select.count("<option") == 249 and select.count(" selected") == 1
    assert 'value="ZZ"' not in select and 'value="EU"' not in select  # CLDR's groupings are no country
    assert "Калі не ўпэўненыя, пакіньце выбраную краіну (Вялікабрытанія)." in page


def test_the_country_the_form_starts_on_is_the_operators_own(apis: respx.MockRouter) -> None:
    with TestClient(create_app(web_settings(default_country="BY"))) as client:
        page = client.get("/file", headers={"Accept-Language": "ru"}).text
    assert '<option value="BY" selected>Беларусь</option>' in page and page.count(" selected>") >= 1
    assert '<option value="GB" selected>' not in page
    assert "Если не уверены, оставьте выбранную страну (Беларусь)." in page


@pytest.mark.parametrize("code", ["XX", "EU", "GB-ENG", "gb"])
def test_a_default_country_that_is_no_iso_country_is_refused_at_start(code: str) -> None:
    with pytest.raises(ValidationError, match="default_country|DEFAULT_COUNTRY"):
        web_settings(default_country=code)


def test_a_country_outside_the_list_is_refused_without_asking_intake(client: TestClient,
                                                                    apis: respx.MockRouter) -> None:
    answer = client.post("/file", data=form(client, **(FIELDS | {"country": "XX"})))
    assert answer.status_code == 422
    assert 'href="#country"' in answer.text and "Choose one of the options." in answer.text
    assert apis.calls.call_count == 0


def test_intakes_complaint_about_the_jurisdiction_lands_on_the_country(client: TestClient,
                                                                       apis: respx.MockRouter) -> None:
    errors = [{"field": "jurisdiction", "code": "bad_format", "reason": "x", "in": "body"}]
    apis.post(f"{INTAKE}/v1/complaints").respond(422, json=problem(422, errors=errors), headers=PROBLEM)
    answer = client.post("/file", data=form(client, **(FIELDS | {"country": "IE"})))
    assert answer.status_code == 422 and 'href="#country"' in answer.text
    assert re.search(r'<select id="country" name="country"[^>]*aria-invalid="true"', answer.text)
    assert '<option value="IE" selected>' in answer.text
