"""The case page: what it shows, the actions it offers, and what becomes of a posted action or a refusal."""

import json

import respx
from fastapi.testclient import TestClient
from httpx import Response

from tests.unit.web.conftest import INTAKE, RESOLUTION, ROUTING, form, sign_in
from tests.unit.web.desk.samples import CASE_ID, case, decision, problem, rules

TEMPLATES = {"items": [{"template_id": "upheld-en", "title": "Upheld", "outcome": "upheld", "language": "en",
                        "prompts_left": 1, "text": "Dear customer, we uphold [[why]]."}]}


def _case_apis(apis: respx.MockRouter, **overrides: object) -> None:
    apis.get(f"{RESOLUTION}/cases/{CASE_ID}").respond(json=case(**overrides))
    apis.get(f"{RESOLUTION}/cases/{CASE_ID}/response-templates").respond(json=TEMPLATES)
    apis.get(f"{ROUTING}/v1/decisions/{CASE_ID}").respond(json=decision())
    apis.get(f"{ROUTING}/v1/rules").respond(json=rules())


def test_the_case_page_shows_the_complaint_its_clocks_and_the_allowed_actions(client: TestClient,
                                                                            apis: respx.MockRouter) -> None:
    _case_apis(apis)
    sign_in(client)
    page = client.get(f"/desk/cases/{CASE_ID}").text
    assert "Refund not received" in page and "I returned the parcel" in page
    assert "jane@example.org" in page and "Vulnerable" in page and "minsk-07" in page
    assert f'href="/desk/cases/{CASE_ID}/attachments/att-1"' in page
    assert page.index("Where is my money?") < page.index("Checked with the warehouse.")
    assert "Service clock" in page and "Regulatory clock" in page and 'class="badge breached"' in page
    assert "billing words → billing category" in page and "CMP-DDDD-EEEE-F" in page
    for key in ("request-information", "propose", "resolve", "note", "escalate", "reassign", "merge", "assessment"):
        assert f'action="/desk/cases/{CASE_ID}/actions/{key}"' in page
    assert '/actions/investigate"' not in page and '/actions/reopen"' not in page


def test_a_template_starts_the_final_response(client: TestClient, apis: respx.MockRouter) -> None:
    _case_apis(apis)
    sign_in(client)
    page = client.get(f"/desk/cases/{CASE_ID}?template=upheld-en").text
    assert "Dear customer, we uphold [[why]].</textarea>" in page


def test_an_action_goes_to_resolution_and_returns_to_the_case_with_a_confirmation(client: TestClient,
                                                                                 apis: respx.MockRouter) -> None:
    _case_apis(apis)
    ask = apis.post(f"{RESOLUTION}/cases/{CASE_ID}/information-requests").respond(json=case())
    sign_in(client)
    answer = client.post(f"/desk/cases/{CASE_ID}/actions/request-information", follow_redirects=False,
                         data=form(client, version="3", question="Which account was charged?",
                                   respond_by="2030-01-31"))
    assert answer.status_code == 303 and answer.headers["location"].startswith(
        f"/desk/cases/{CASE_ID}?done=request-information")
    assert json.loads(ask.calls.last.request.content) == {
        "question": "Which account was charged?", "respond_by": "2030-01-31T23:59:00+00:00", "version": 3}
    assert "The customer has been asked for information." in client.get(answer.headers["location"]).text


def test_a_correction_of_the_assessment_starts_from_the_case_and_sends_what_was_chosen(
        client: TestClient, apis: respx.MockRouter) -> None:
    _case_apis(apis)
    correct = apis.post(f"{RESOLUTION}/cases/{CASE_ID}/assessment").respond(json=case(priority="critical"))
    sign_in(client)
    page = client.get(f"/desk/cases/{CASE_ID}", headers={"Accept-Language": "ru"}).text
    assert '<option value="high" selected>Высокий</option>' in page  # the case's own values, in the reader's words
    assert '<option value="billing" selected>' in page and '<option value="complaint" selected>' in page

    answer = client.post(f"/desk/cases/{CASE_ID}/actions/assessment", follow_redirects=False, data=form(
        client, version="3", kind="complaint", category="billing", priority="critical",
        department="customer_support", department_before="customer_support",
        reason="The customer's child was burnt"))
    assert answer.status_code == 303
    assert json.loads(correct.calls.last.request.content) == {
        "kind": "complaint", "category": "billing", "priority": "critical", "department": "customer_support",
        "reason": "The customer's child was burnt", "version": 3}
    assert "The assessment has been corrected" in client.get(answer.headers["location"]).text


def test_a_corrected_department_says_the_case_moves_and_goes_back_to_the_queue(
        client: TestClient, apis: respx.MockRouter) -> None:
    _case_apis(apis)
    correct = apis.post(f"{RESOLUTION}/cases/{CASE_ID}/assessment").respond(json=case(department="quality"))
    apis.get(f"{RESOLUTION}/cases").respond(json={"items": [], "total": 0, "offset": 0, "limit": 25})
    sign_in(client)
    page = client.get(f"/desk/cases/{CASE_ID}", headers={"Accept-Language": "ru"}).text
    assert "Другой отдел передаёт дело одной из своих групп" in page  # said before it is chosen
    assert '<input type="hidden" name="department_before" value="customer_support">' in page

    answer = client.post(f"/desk/cases/{CASE_ID}/actions/assessment", follow_redirects=False, data=form(
        client, version="3", kind="complaint", category="billing", priority="high", department="quality",
        department_before="customer_support", reason="A faulty kettle, not a billing matter"))

    assert answer.status_code == 303 and answer.headers["location"] == "/desk?done=moved#main"
    assert json.loads(correct.calls.last.request.content)["department"] == "quality"
    queue = client.get(answer.headers["location"], headers={"Accept-Language": "ru"}).text
    assert "Оценка исправлена, и дело переходит к группе нового отдела" in queue
    assert "переходит" not in client.get("/desk?done=anything", headers={"Accept-Language": "ru"}).text


def test_departments_and_teams_are_chosen_from_what_routing_names(client: TestClient, apis: respx.MockRouter) -> None:
    _case_apis(apis, department="retired_department")
    sign_in(client)
    page = client.get(f"/desk/cases/{CASE_ID}").text
    assert '<select id="field-assessment-department" name="department"' in page
    assert '<option value="quality">quality</option>' in page and '<option value="legal">legal</option>' in page
    assert '<option value="retired_department" selected>' in page  # the case's own, though no longer named
    assert '<select id="field-reassign-team" name="team"' in page and '<option value="quality-2">' in page


def test_without_routing_s_names_the_department_is_typed(client: TestClient, apis: respx.MockRouter) -> None:
    _case_apis(apis)
    apis.get(f"{ROUTING}/v1/rules").respond(status_code=403, json=problem(403, "forbidden"))
    sign_in(client)
    page = client.get(f"/desk/cases/{CASE_ID}").text
    assert 'name="department"' in page and '<select id="field-assessment-department"' not in page
    assert '<select id="field-reassign-team"' not in page


def test_a_correction_without_a_reason_is_refused_by_the_desk_in_the_readers_language(
        client: TestClient, apis: respx.MockRouter) -> None:
    _case_apis(apis)
    correct = apis.post(f"{RESOLUTION}/cases/{CASE_ID}/assessment").respond(json=case())
    sign_in(client)
    page = client.post(f"/desk/cases/{CASE_ID}/actions/assessment", headers={"Accept-Language": "be"},
                       data=form(client, version="3", priority="critical", reason=" ")).text
    assert "Растлумачце, у чым памылілася маршрутызацыя." in page and 'id="error-assessment-reason-1"' in page
    assert not correct.called


def test_a_proposal_carries_structured_redress_and_a_plan(client: TestClient, apis: respx.MockRouter) -> None:
    _case_apis(apis)
    propose = apis.post(f"{RESOLUTION}/cases/{CASE_ID}/proposals").respond(json=case())
    sign_in(client)
    client.post(f"/desk/cases/{CASE_ID}/actions/propose", data=form(
        client, version="3", summary="We refund you.", remedy_kind_1="refund", remedy_amount_1="25,50",
        remedy_currency_1="gbp", remedy_description_1="the order", remedy_kind_2="apology",
        step_description_1="Refund to card", step_due_1="2030-02-01"))
    body = json.loads(propose.calls.last.request.content)
    assert body["remedies"] == [{"kind": "refund", "description": "the order",
                                 "amount": {"amount": "25.50", "currency": "GBP"}},
                                {"kind": "apology", "description": ""}]
    assert body["plan"] == [{"description": "Refund to card", "due_at": "2030-02-01T23:59:00+00:00"}]


def test_a_bad_amount_is_refused_by_the_desk_naming_the_field(client: TestClient, apis: respx.MockRouter) -> None:
    _case_apis(apis)
    propose = apis.post(f"{RESOLUTION}/cases/{CASE_ID}/proposals").respond(json=case())
    sign_in(client)
    page = client.post(f"/desk/cases/{CASE_ID}/actions/propose", data=form(
        client, version="3", summary="We refund you.", remedy_kind_1="refund", remedy_amount_1="lots"))
    assert page.status_code == 422 and not propose.called
    assert 'id="field-propose-remedy_amount_1"' in page.text and 'aria-invalid="true"' in page.text
    assert "Enter an amount such as 25.00." in page.text and "We refund you." in page.text


def test_a_refused_action_shows_its_reason_in_the_users_language(client: TestClient,
                                                                apis: respx.MockRouter) -> None:
    _case_apis(apis)
    apis.post(f"{RESOLUTION}/cases/{CASE_ID}/escalation").mock(return_value=Response(
        409, json=problem(409, "/problems/version-conflict", "stale", current_version=4)))
    sign_in(client)
    page = client.post(f"/desk/cases/{CASE_ID}/actions/escalate", data=form(client, version="2"),
                       headers={"Accept-Language": "be"})
    assert page.status_code == 409
    assert "Нехта змяніў гэтую справу" in page.text


def test_an_incomplete_final_response_names_the_field(client: TestClient, apis: respx.MockRouter) -> None:
    _case_apis(apis)
    apis.post(f"{RESOLUTION}/cases/{CASE_ID}/resolution").mock(return_value=Response(422, json=problem(
        422, "/problems/final-response-incomplete", missing=["referral_rights"],
        errors=[{"field": "final_response", "reason": "missing referral_rights"}])))
    sign_in(client)
    page = client.post(f"/desk/cases/{CASE_ID}/actions/resolve", data=form(
        client, version="3", outcome="upheld", final_response="We agree."))
    assert page.status_code == 422
    assert "missing referral_rights" in page.text and "We agree.</textarea>" in page.text
    assert 'href="#field-resolve-final_response"' in page.text


def test_the_draft_check_shows_its_hints_inline(client: TestClient, apis: respx.MockRouter) -> None:
    _case_apis(apis)
    check = apis.post(f"{RESOLUTION}/cases/{CASE_ID}/final-response/check").respond(json={
        "minimum_enforced": False, "minimum_gaps": ["how to escalate"], "missing": ["referral_rights"]})
    sign_in(client)
    page = client.post(f"/desk/cases/{CASE_ID}/final-response/check", data=form(
        client, version="3", outcome="not_upheld", final_response="No."))
    assert json.loads(check.calls.last.request.content) == {"final_response": "No.", "outcome": "not_upheld"}
    assert "how to escalate" in page.text and "referral_rights" in page.text and "No.</textarea>" in page.text


def test_an_attachment_is_streamed_from_intake_with_the_staff_token(client: TestClient,
                                                                   apis: respx.MockRouter) -> None:
    download = apis.get(f"{INTAKE}/v1/staff/complaints/{CASE_ID}/attachments/att-1").respond(
        content=b"%PDF-1.7", headers={"Content-Type": "application/pdf",
                                      "Content-Disposition": 'attachment; filename="receipt.pdf"'})
    sign_in(client)
    answer = client.get(f"/desk/cases/{CASE_ID}/attachments/att-1")
    assert answer.content == b"%PDF-1.7" and answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"] == 'attachment; filename="receipt.pdf"'
    assert download.calls.last.request.headers["authorization"].startswith("Bearer ")


def test_an_attachment_the_member_of_staff_may_not_see_is_refused(client: TestClient,
                                                                 apis: respx.MockRouter) -> None:
    apis.get(f"{INTAKE}/v1/staff/complaints/{CASE_ID}/attachments/att-1").mock(
        return_value=Response(403, json=problem(403, "/problems/forbidden")))
    sign_in(client)
    assert client.get(f"/desk/cases/{CASE_ID}/attachments/att-1").status_code == 403


def test_an_unknown_case_is_a_not_found_page(client: TestClient, apis: respx.MockRouter) -> None:
    apis.get(f"{RESOLUTION}/cases/nope").mock(return_value=Response(404, json=problem(404, "about:blank")))
    sign_in(client)
    assert client.get("/desk/cases/nope").status_code == 404


def test_the_routing_explanation_is_marked_as_english_on_a_desk_in_another_language(
        client: TestClient, apis: respx.MockRouter) -> None:
    _case_apis(apis)
    sign_in(client)
    russian = client.get(f"/desk/cases/{CASE_ID}", headers={"Accept-Language": "ru"}).text
    english = client.get(f"/desk/cases/{CASE_ID}").text
    assert '<ul lang="en"><li>billing words → billing category</li></ul>' in russian
    assert "Правила маршрутизации объясняют свои решения по-английски." in russian
    assert '<ul lang="en"><li>billing words → billing category</li></ul>' in english
    assert "explain their decisions in English" not in english
    assert '<span lang="en">same order</span>' in russian  # a duplicate's reason, as routing wrote it
