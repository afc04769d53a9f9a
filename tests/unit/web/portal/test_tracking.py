"""`/track`: the access code travels in the body and the header, never in a URL; the status page shows what
intake answers and offers only the actions intake allows."""

import respx
from fastapi.testclient import TestClient

from tests.unit.web.conftest import INTAKE, form

from .support import CODE, PROBLEM, TN, open_complaint, problem, status_page


def test_a_look_up_sends_the_code_in_the_header_and_keeps_the_complaint_open(client: TestClient,
                                                                            apis: respx.MockRouter) -> None:
    route = open_complaint(client, apis)
    request = route.calls.last.request
    assert request.headers["x-access-code"] == CODE
    assert CODE not in str(request.url)
    page = client.get(f"/track/{TN}")
    assert page.status_code == 200
    assert "We are looking into it" in page.text and "Thank you for telling us" in page.text
    assert "Your files" not in page.text  # an intake that does not list them yet: no section, no error
    assert CODE not in page.text  # the code is never written into a page after filing


def test_the_status_page_asks_intake_in_the_pages_language(client: TestClient, apis: respx.MockRouter) -> None:
    route = open_complaint(client, apis)
    page = client.get(f"/track/{TN}", headers={"Accept-Language": "be"})
    assert route.calls.last.request.url.params["language"] == "be"
    assert "Наш працэс разгляду скаргаў" in page.text


def test_only_the_actions_intake_allows_get_a_form(client: TestClient, apis: respx.MockRouter) -> None:
    open_complaint(client, apis)
    page = client.get(f"/track/{TN}").text
    assert f'action="/track/{TN}/reply"' in page and f'action="/track/{TN}/escalation"' in page
    assert f'action="/track/{TN}/feedback"' not in page and f'action="/track/{TN}/decision"' not in page
    assert f'action="/track/{TN}/reopening"' not in page


def test_the_proposal_shows_its_remedies_plan_and_decision_forms(client: TestClient, apis: respx.MockRouter) -> None:
    proposal = {"proposal_id": "prop-1", "summary": "We refund the order", "respond_by": "2099-01-10T10:00:00Z",
                "remedies": [{"kind": "refund", "amount": {"amount": "49.99", "currency": "EUR"},
                              "description": "the full price"}],
                "plan": [{"description": "Refund to your card", "due_at": "2099-01-20T10:00:00Z"}]}
    actions = [{"action": "decide", "label": "Decide"}, {"action": "reply", "label": "Write"}]
    open_complaint(client, apis, status_page(open_proposal=proposal, actions=actions))
    page = client.get(f"/track/{TN}").text
    assert "We refund the order" in page and "A refund" in page and "€49.99" in page
    assert "Refund to your card" in page and "Jan 20, 2099" in page
    assert 'name="proposal_id" value="prop-1"' in page and "Reject the proposal" in page


def test_a_wrong_code_is_explained_and_keeps_nothing(client: TestClient, apis: respx.MockRouter) -> None:
    apis.get(f"{INTAKE}/v1/complaints/{TN}").respond(404, json=problem(404), headers=PROBLEM)
    answer = client.post("/track", data=form(client, tracking_number=TN, access_code="nope"))
    assert answer.status_code == 404
    assert "We found no complaint with this tracking number and access code" in answer.text
    assert f'value="{TN}"' in answer.text
    assert "English detail" not in answer.text
    # without a kept code, the status page asks for it instead of calling intake
    calls = apis.calls.call_count
    page = client.get(f"/track/{TN}")
    assert "Access code" in page.text and apis.calls.call_count == calls


def test_too_many_look_ups_say_how_long_to_wait_in_the_visitors_language(client: TestClient,
                                                                       apis: respx.MockRouter) -> None:
    apis.get(f"{INTAKE}/v1/complaints/{TN}").respond(429, json=problem(429), headers=PROBLEM | {"Retry-After": "120"})
    answer = client.post(f"/track/{TN}", data=form(client, access_code=CODE), headers={"Accept-Language": "ru"})
    assert answer.status_code == 429
    assert "Слишком много попыток" in answer.text and "2 минуты" in answer.text


def test_empty_fields_are_named_without_asking_intake(client: TestClient, apis: respx.MockRouter) -> None:
    answer = client.post("/track", data=form(client, tracking_number="", access_code=""))
    assert answer.status_code == 422
    assert 'href="#tracking_number"' in answer.text and 'href="#access_code"' in answer.text
    assert 'aria-invalid="true"' in answer.text
    assert apis.calls.call_count == 0


def test_the_survey_link_leads_to_the_feedback_form_after_the_code(client: TestClient,
                                                                  apis: respx.MockRouter) -> None:
    page = client.get(f"/survey/{TN}")
    assert 'name="then" value="feedback"' in page.text
    apis.get(f"{INTAKE}/v1/complaints/{TN}").respond(json=status_page())
    answer = client.post(f"/track/{TN}", data=form(client, access_code=CODE, then="feedback"),
                         follow_redirects=False)
    assert answer.headers["location"] == f"/track/{TN}#feedback"
    assert client.get(f"/survey/{TN}", follow_redirects=False).headers["location"] == f"/track/{TN}#feedback"


def test_a_code_that_stopped_working_asks_for_the_new_one(client: TestClient, apis: respx.MockRouter) -> None:
    route = open_complaint(client, apis)
    route.respond(404, json=problem(404), headers=PROBLEM)
    page = client.get(f"/track/{TN}")
    assert page.status_code == 404 and "Access code" in page.text
    assert apis.calls.call_count == 2
    client.get(f"/track/{TN}")
    assert apis.calls.call_count == 2  # forgotten: not tried again


def test_forgetting_the_complaint_on_this_device(client: TestClient, apis: respx.MockRouter) -> None:
    open_complaint(client, apis)
    client.post("/track/forget", data=form(client))
    assert "Open the complaint" in client.get(f"/track/{TN}").text


def test_files_the_customer_sent_are_passed_on_as_downloads(client: TestClient, apis: respx.MockRouter) -> None:
    open_complaint(client, apis, status_page(timeline=[
        {"at": "2025-01-02T10:00:00Z", "milestone": "received", "title": "Received",
         "attachments": [{"attachment_id": "a-1", "name": "receipt.pdf"}]}]))
    assert f'href="/track/{TN}/files/a-1"' in client.get(f"/track/{TN}").text
    file = apis.get(f"{INTAKE}/v1/complaints/{TN}/attachments/a-1").respond(
        content=b"%PDF-1.4", headers={"content-type": "application/pdf",
                                      "content-disposition": 'attachment; filename="receipt.pdf"'})
    answer = client.get(f"/track/{TN}/files/a-1")
    assert answer.content == b"%PDF-1.4" and answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"].startswith("attachment")
    assert file.calls.last.request.headers["x-access-code"] == CODE


def test_the_files_the_customer_sent_are_listed_with_their_download_links(client: TestClient,
                                                                         apis: respx.MockRouter) -> None:
    files = [{"attachment_id": "a-1", "name": "чек.pdf", "media_type": "application/pdf", "size_bytes": 12_600,
              "added_at": "2025-01-02T10:00:00Z", "with_message": False},
             {"attachment_id": "a-2", "name": "photo.png", "media_type": "image/png", "size_bytes": 1_572_864,
              "added_at": "2025-01-05T09:30:00Z", "with_message": True}]
    open_complaint(client, apis, status_page(attachments=files))
    page = client.get(f"/track/{TN}", headers={"Accept-Language": "ru"}).text
    section = page[page.index('id="files"'):]
    section = section[:section.index("</section>")]
    assert "Ваши файлы" in section
    assert f'<a href="/track/{TN}/files/a-1" download type="application/pdf">чек.pdf</a>' in section
    assert f'<a href="/track/{TN}/files/a-2" download type="image/png">photo.png</a>' in section
    assert "12,3 кБ" in section and "1,5 МБ" in section
    assert "2 янв. 2025" in section and "5 янв. 2025" in section
    assert section.index("С жалобой") < section.index("С сообщением")
