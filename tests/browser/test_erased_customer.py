"""After a customer's personal data is erased: the agent's case page says so and shows none of it, the record of the
complaint stays; the customer can still follow the complaint with the tracking number and code, and sees no
personal data either, nor a form to write to us or a link to a file that was deleted with it."""

import base64
import uuid

import httpx
from complaints_cli.staff_client import bearer, mint_staff_token
from complaints_cli.suite import Suite
from playwright.sync_api import Page, expect

from .support import assert_accessible, eventually, find_case, screenshot, sign_in_to_desk


def _file(suite: Suite, name: str, email: str, **more: object) -> dict:
    answer = httpx.post(f"{suite.url('intake')}/v1/complaints", timeout=30, headers={
        "Idempotency-Key": str(uuid.uuid4())}, json={
        "language": "en", "customer": {"name": name, "email": email},
        "title": "The engineer never came", "desired_remedy": "apology",
        "description": f"I waited at home all day for the engineer. {name}, flat 4.", **more})
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
    expect(page.get_by_role("heading", level=1)).to_contain_text(tracking_number)  # the title was the customer's words
    expect(page.get_by_role("heading", level=1)).not_to_contain_text("The engineer never came")
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


def test_the_portal_after_erasure_offers_no_form_nor_file_and_says_why(page: Page, web: str, suite: Suite) -> None:
    marker = uuid.uuid4().hex[:8]
    email = f"pavel-{marker}@example.org"
    note = {"name": "visit-note.txt", "media_type": "text/plain",
            "content_base64": base64.b64encode(b"The engineer was due at 9.").decode()}
    receipt = _file(suite, f"Pavel Erased{marker}", email, attachments=[note])
    tracking_number = receipt["tracking_number"]
    page.goto(f"{web}/track")
    page.get_by_label("Tracking number").fill(tracking_number)
    page.get_by_label("Access code").fill(receipt["access_code"])
    page.get_by_role("button", name="Open the complaint").click()
    file_link = page.get_by_role("link", name="visit-note.txt")
    expect(file_link).to_be_visible()
    download_path = file_link.get_attribute("href")
    expect(page.get_by_role("heading", name="Write to us")).to_be_visible()

    _erase(suite, email)
    page.reload()
    expect(page.get_by_role("heading", name="Your personal data was erased")).to_be_visible()
    expect(page.get_by_text("At your request, on")).to_be_visible()
    expect(page.get_by_text("1 file you sent was deleted together with your personal data.")).to_be_visible()
    expect(page.locator("#erased").get_by_role("link", name="Make a complaint")).to_have_attribute("href", "/file")
    for form in ("Write to us", "Ask for escalation", "Withdraw the complaint"):
        expect(page.get_by_role("heading", name=form)).to_have_count(0)
    expect(page.get_by_role("link", name="visit-note.txt")).to_have_count(0)
    expect(page.get_by_role("heading", name="Where it stands")).to_be_visible()  # the record stays
    assert marker not in page.content()
    assert_accessible(page)
    screenshot(page, "portal-status-erased")

    answer = page.goto(f"{web}{download_path}")
    assert answer is not None and answer.status == 410
    expect(page.get_by_text("This file is no longer available: it was deleted together with your personal "
                            "data.")).to_be_visible()
    expect(page.get_by_text("No complaint matches")).to_have_count(0)
    assert_accessible(page)
