"""After a customer's personal data is erased: the agent's case page says so and shows none of it, the record of the
complaint stays; the customer can still follow the complaint with the tracking number and code, and sees no
personal data either."""

import uuid

import httpx
from complaints_cli.staff_client import bearer, mint_staff_token
from complaints_cli.suite import Suite
from playwright.sync_api import Page, expect

from .support import assert_accessible, eventually, find_case, screenshot, sign_in_to_desk


def _file(suite: Suite, name: str, email: str) -> dict:
    answer = httpx.post(f"{suite.url('intake')}/v1/complaints", timeout=30, headers={
        "Idempotency-Key": str(uuid.uuid4())}, json={
        "language": "en", "customer": {"name": name, "email": email},
        "title": "The engineer never came", "desired_remedy": "apology",
        "description": f"I waited at home all day for the engineer. {name}, flat 4."})
    assert answer.status_code == 201, answer.text
    return answer.json()


def _erase(suite: Suite, email: str) -> None:
    officer = bearer(mint_staff_token(suite.resolution_jwt_secret, sub="emp-dpo", role="privacy"))
    answer = httpx.post(f"{suite.url('intake')}/v1/erasure-requests", json={"email": email}, headers=officer,
                        timeout=30)
    assert answer.status_code in (200, 201, 202), answer.text


def test_the_agent_and_the_customer_see_the_complaint_without_the_erased_personal_data(page: Page, web: str,
                                                                                        suite: Suite) -> None:
    marker = uuid.uuid4().hex[:8]
    name, email = f"Oksana Erased{marker}", f"oksana-{marker}@example.org"
    receipt = _file(suite, name, email)
    tracking_number = receipt["tracking_number"]
    sign_in_to_desk(page, web, name="Alice Agent")
    find_case(page, web, tracking_number)
    _erase(suite, email)

    def erased_on_the_case_page() -> bool:
        page.goto(f"{web}/desk")
        page.get_by_label("Find cases").fill(tracking_number)
        page.get_by_role("button", name="Search").click()
        page.get_by_role("link", name=tracking_number).click()
        return page.get_by_text("The customer's personal data was erased on").count() > 0

    eventually(erased_on_the_case_page, "the case page showing the erasure")
    expect(page.get_by_role("heading", level=1)).to_contain_text("The engineer never came")
    content = page.content()
    assert marker not in content, "the erased name or address is still on the agent's page"
    assert_accessible(page)
    screenshot(page, "desk-case-erased")

    page.goto(f"{web}/track")
    page.get_by_label("Tracking number").fill(tracking_number)
    page.get_by_label("Access code").fill(receipt["access_code"])
    page.get_by_role("button", name="Open the complaint").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(tracking_number)
    assert marker not in page.content()
    assert_accessible(page)
