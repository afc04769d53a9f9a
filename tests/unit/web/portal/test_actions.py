"""The status page's actions: each sent with the code in the header; done → back to the page with a notice;
refused (409) → the reason in the visitor's language; invalid (422) → at the field."""

import base64
import json

import pytest
import respx
from fastapi.testclient import TestClient

from tests.unit.web.conftest import INTAKE, form

from .support import CODE, PROBLEM, TN, open_complaint, problem, status_page


@pytest.mark.parametrize(("action", "path", "fields", "body", "done"), [
    ("reply", "messages", {"text": "Вот чек", "in_reply_to": "req-1"}, {"text": "Вот чек", "in_reply_to": "req-1"},
     "Thank you. We have received your message."),
    ("decision", "decision", {"proposal_id": "prop-1", "decision": "rejected", "reason": "Too little"},
     {"proposal_id": "prop-1", "decision": "rejected", "reason": "Too little"}, "You have rejected the proposal."),
    ("decision", "decision", {"proposal_id": "prop-1", "decision": "accepted", "reason": ""},
     {"proposal_id": "prop-1", "decision": "accepted"}, "You have accepted the proposal"),
    ("feedback", "feedback", {"satisfaction": "4", "comment": "Fast"}, {"satisfaction": 4, "comment": "Fast"},
     "Thank you for your feedback."),
    ("withdrawal", "withdrawal", {"reason": ""}, {}, "You have withdrawn your complaint."),
    ("escalation", "escalation", {"reason": "Not enough"}, {"reason": "Not enough"}, "You have asked for escalation"),
    ("reopening", "reopening", {"reason": "Money never came"}, {"reason": "Money never came"},
     "You have asked to reopen"),
])
def test_each_action_goes_to_intake_and_says_it_is_done(client: TestClient, apis: respx.MockRouter, action: str,
                                                        path: str, fields: dict[str, str], body: dict[str, object],
                                                        done: str) -> None:
    open_complaint(client, apis)
    route = apis.post(f"{INTAKE}/v1/complaints/{TN}/{path}").respond(json=status_page())
    answer = client.post(f"/track/{TN}/{action}", data=form(client, **fields), follow_redirects=False)
    assert answer.status_code == 303
    sent = route.calls.last.request
    assert sent.headers["x-access-code"] == CODE and json.loads(sent.content) == body
    page = client.get(answer.headers["location"])
    assert done in page.text and CODE not in answer.headers["location"]


def test_a_reply_carries_its_evidence(client: TestClient, apis: respx.MockRouter) -> None:
    open_complaint(client, apis)
    route = apis.post(f"{INTAKE}/v1/complaints/{TN}/messages").respond(json=status_page())
    client.post(f"/track/{TN}/reply", data=form(client, text="see file"),
                files=[("attachments", ("a.txt", b"hello", "text/plain"))])
    assert json.loads(route.calls.last.request.content)["attachments"] == [
        {"name": "a.txt", "media_type": "text/plain", "content_base64": base64.b64encode(b"hello").decode()}]


@pytest.mark.parametrize(("code", "language", "message"), [
    ("feedback_already_given", "en", "You have already told us how satisfied you are."),
    ("closed", "ru", "Это невозможно: жалоба закрыта."),
    ("reopen_window_passed", "be", "Тэрмін для аднаўлення гэтай скаргі прайшоў."),
    ("something_new", "en", "This is not possible in the complaint's current state."),
])
def test_a_refusal_is_shown_in_the_visitors_language(client: TestClient, apis: respx.MockRouter, code: str,
                                                     language: str, message: str) -> None:
    open_complaint(client, apis)
    apis.post(f"{INTAKE}/v1/complaints/{TN}/feedback").respond(
        409, json=problem(409, code=code, action="give_feedback"), headers=PROBLEM)
    answer = client.post(f"/track/{TN}/feedback", data=form(client, satisfaction="5"),
                         headers={"Accept-Language": language})
    assert answer.status_code == 409
    assert message in answer.text and "English detail" not in answer.text


def test_an_invalid_action_is_shown_at_its_field_keeping_what_was_typed(client: TestClient,
                                                                       apis: respx.MockRouter) -> None:
    open_complaint(client, apis)
    errors = [{"field": "reason", "code": "too_long", "reason": "x", "in": "body"}]
    apis.post(f"{INTAKE}/v1/complaints/{TN}/escalation").respond(422, json=problem(422, errors=errors),
                                                                 headers=PROBLEM)
    answer = client.post(f"/track/{TN}/escalation", data=form(client, reason="very long"))
    assert answer.status_code == 422
    assert 'href="#escalation-reason"' in answer.text and "This is too long" in answer.text
    assert "very long</textarea>" in answer.text


def test_an_action_without_the_complaint_open_asks_for_the_code(client: TestClient, apis: respx.MockRouter) -> None:
    answer = client.post(f"/track/{TN}/withdrawal", data=form(client), follow_redirects=False)
    assert answer.headers["location"] == f"/track/{TN}"
    assert apis.calls.call_count == 0


def test_an_unknown_action_is_not_found(client: TestClient, apis: respx.MockRouter) -> None:
    open_complaint(client, apis)
    assert client.post(f"/track/{TN}/delete", data=form(client)).status_code == 404
