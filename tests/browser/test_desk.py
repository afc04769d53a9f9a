"""Staff journeys on the desk: find a case filed through intake, read it, open its file, ask, propose, resolve;
the supervisor's at-risk list; a refused action explained; quality and legal reading a case they do not work."""

import base64
import re
import uuid
from typing import Any

import httpx
import pytest
from complaints_cli.staff_client import bearer, mint_staff_token
from complaints_cli.suite import Suite
from playwright.sync_api import Page, expect

from .support import assert_accessible, eventually, find_case, screenshot, sign_in_to_desk

EVIDENCE = b"Receipt 4411: kettle, 39.99 GBP\n"


def _file_complaint(suite: Suite, title: str) -> dict[str, Any]:
    """An English complaint (routed to support-en, Alice Agent's team) with a text file as evidence."""
    answer = httpx.post(f"{suite.url('intake')}/v1/complaints", timeout=30, headers={
        "Idempotency-Key": str(uuid.uuid4())}, json={
        "language": "en", "customer": {"name": "Jane Doe", "email": f"jane-{uuid.uuid4().hex[:8]}@example.org"},
        "title": title, "description": "Your support line kept me on hold for an hour and nobody called me back.",
        "desired_remedy": "apology",
        "attachments": [{"name": "receipt.txt", "media_type": "text/plain",
                         "content_base64": base64.b64encode(EVIDENCE).decode()}]})
    assert answer.status_code == 201, answer.text
    receipt: dict[str, Any] = answer.json()
    return receipt


def _a_colleague_adds_a_note(suite: Suite, *, complaint_id: str, newer_than: int) -> None:
    """Another agent of the team notes something on the case through the staff API, at the version they read."""
    colleague = bearer(mint_staff_token(suite.resolution_jwt_secret, sub="emp-0002", role="agent",  # Boris Agent
                                        team="support-en", department="customer_support"))
    case = f"{suite.url('resolution')}/cases/{complaint_id}"

    def noted() -> bool:
        read = httpx.get(case, headers=colleague, timeout=30)
        assert read.status_code == 200, read.text
        version = read.json()["version"]
        answer = httpx.post(f"{case}/notes", headers=colleague, timeout=30,
                            json={"version": version, "text": "Called the customer back."})
        return answer.status_code == 200 and answer.json()["version"] > newer_than

    eventually(noted, "a colleague's note on the case")


def _proposal_id(suite: Suite, receipt: dict[str, Any]) -> str:
    """The proposal the customer decides on, as the customer's status page names it."""
    seen: list[str] = []

    def proposed() -> bool:
        status = httpx.post(f"{suite.url('intake')}/v1/complaints/{receipt['tracking_number']}/lookup",
                            data={"access_code": receipt["access_code"]}, timeout=30)
        seen[:] = re.findall(r'"proposal_id":\s*"([^"]+)"', status.text)
        return bool(seen)

    eventually(proposed, "the proposal reaching the customer")
    return seen[-1]


def _act(page: Page, button: str, confirmation: str) -> None:
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.get_by_role("status").filter(has_text=confirmation)).to_be_visible()


def test_an_agent_finds_reads_and_resolves_a_case(page: Page, web: str, suite: Suite) -> None:
    receipt = _file_complaint(suite, "Nobody called me back")
    tracking_number = receipt["tracking_number"]
    sign_in_to_desk(page, web, name="Alice Agent")
    assert_accessible(page)
    find_case(page, web, tracking_number)
    assert_accessible(page)
    screenshot(page, "desk-queue")

    page.get_by_role("link", name=tracking_number).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nobody called me back")
    expect(page.get_by_text("Service clock")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "desk-case")
    with page.expect_download() as download:
        page.get_by_role("link", name="receipt.txt").click()
    assert download.value.path().read_bytes() == EVIDENCE

    page.get_by_label("Question to the customer").fill("Which shop did you buy the kettle in?")
    _act(page, "Ask the customer", "The customer has been asked for information.")
    _act(page, "Stop waiting for the customer", "The investigation has resumed.")
    page.get_by_label("The proposal in plain words").fill("We refund the kettle in full.")
    page.locator("#field-propose-remedy_kind_1").select_option("refund")
    page.locator("#field-propose-remedy_amount_1").fill("39.99")
    page.locator("#field-propose-remedy_currency_1").fill("GBP")
    _act(page, "Propose", "The resolution has been proposed to the customer.")

    decided = httpx.post(f"{suite.url('intake')}/v1/complaints/{tracking_number}/decision", timeout=30,
                         headers={"X-Access-Code": receipt["access_code"]},
                         json={"decision": "accepted", "proposal_id": _proposal_id(suite, receipt)})
    assert decided.status_code < 300, decided.text

    def accepted() -> bool:
        page.reload()
        return page.get_by_role("button", name="Record", exact=True).count() > 0

    eventually(accepted, "the customer's acceptance reaching the case")
    page.get_by_label("What was done").first.fill("Refund of 39.99 GBP sent to the card.")
    _act(page, "Record", "The implementation has been recorded.")
    page.get_by_role("link", name="We uphold the complaint").click()
    final = page.get_by_label("Final response to the customer")
    final.fill(re.sub(r"\[\[[^\]]*\]\]", "your kettle was faulty", final.input_value()))
    page.get_by_role("button", name="Check the draft").click()
    expect(page.locator("#final-response-check")).to_be_visible()
    _act(page, "Resolve and send", "The case has been resolved and the final response sent.")
    expect(page.locator("dl.facts").first).to_contain_text("Resolved")


def test_a_refused_action_shows_its_reason(page: Page, web: str, suite: Suite) -> None:
    receipt = _file_complaint(suite, "Kept on hold for an hour")
    sign_in_to_desk(page, web, name="Alice Agent")
    find_case(page, web, receipt["tracking_number"])
    page.get_by_role("link", name=receipt["tracking_number"]).click()
    # A tab left open while a colleague changed the case: its forms carry an old version.
    shown = int(page.locator("input[name=version]").first.input_value())
    _a_colleague_adds_a_note(suite, complaint_id=page.url.split("/desk/cases/")[1].split("?")[0].split("#")[0],
                             newer_than=shown)
    page.get_by_role("button", name="Escalate one tier").click()
    expect(page.get_by_role("alert")).to_contain_text("Someone changed this case meanwhile")
    assert_accessible(page)


@pytest.mark.parametrize("reader", ["Quinn Quality", "Lee Legal"])
def test_quality_and_legal_read_an_investigating_case_they_do_not_work(page: Page, web: str, suite: Suite,
                                                                       reader: str) -> None:
    receipt = _file_complaint(suite, "Charged twice for one kettle")
    sign_in_to_desk(page, web, name="Alice Agent")
    find_case(page, web, receipt["tracking_number"])
    page.get_by_role("link", name=receipt["tracking_number"]).click()
    _act(page, "Start investigating", "The investigation has started.")
    case_page = page.url.split("?")[0]

    sign_in_to_desk(page, web, name=reader)
    answer = page.goto(case_page)
    assert answer is not None and answer.status == 200
    expect(page.get_by_role("heading", level=1)).to_contain_text("Charged twice for one kettle")
    expect(page.locator("dl.facts").first).to_contain_text("Investigating")
    expect(page.get_by_role("button", name="Resolve and send")).to_have_count(0)
    expect(page.get_by_text("No action is possible in this state.")).to_be_visible()
    assert_accessible(page)


def test_a_supervisor_sees_the_cases_at_risk(page: Page, web: str, suite: Suite) -> None:
    receipt = _file_complaint(suite, "Rude answer on the phone")
    sign_in_to_desk(page, web, name="Sofia Supervisor")
    find_case(page, web, receipt["tracking_number"])
    page.goto(f"{web}/desk/supervision")
    expect(page.get_by_role("heading", name="Cases at risk")).to_be_visible()
    expect(page.get_by_role("heading", name="Team load")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "desk-supervision")
    page.goto(f"{web}/desk/operations")
    expect(page.get_by_role("heading", name="Event pipeline")).to_be_visible()
    expect(page.get_by_role("rowheader", name="notification")).to_be_visible()
    expect(page.get_by_text("Not reachable")).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "desk-operations")
