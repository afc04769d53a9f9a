"""Staff journeys on the desk: a supervisor merges a customer's duplicate complaint into the one that carries on;
an agent logs a complaint taken on the phone and reads the tracking number and access code out to the customer."""

import re
import uuid
from typing import Any

import httpx
from complaints_cli.suite import Suite
from playwright.sync_api import Page, expect

from .support import assert_accessible, eventually, find_case, sign_in_to_desk

TRACKING_NUMBER = re.compile(r"CMP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]")


def _file(suite: Suite, *, email: str) -> dict[str, Any]:
    """The same English complaint each time (routed to support-en, in Sofia Supervisor's department)."""
    answer = httpx.post(f"{suite.url('intake')}/v1/complaints", timeout=30, headers={
        "Idempotency-Key": str(uuid.uuid4())}, json={
        "language": "en", "customer": {"name": "Maya Brook", "email": email},
        "title": "Router never delivered", "description": "I paid for a router on 2 March and it never arrived.",
        "desired_remedy": "refund"})
    assert answer.status_code == 201, answer.text
    receipt: dict[str, Any] = answer.json()
    return receipt


def _merge_into(page: Page, tracking_number: str) -> None:
    """Merge the open case into the other complaint. Routing may link the two meanwhile (a new version of the case),
    so a form refused as outdated is sent again from the page read afresh."""
    def merged() -> bool:
        page.reload()
        page.get_by_label("Tracking number of the complaint that carries on").fill(tracking_number)
        page.locator("#field-merge-reason").fill("Same router, filed twice")
        page.get_by_role("button", name="Merge", exact=True).click()
        return page.get_by_role("status").filter(has_text="The case has been merged.").count() > 0

    eventually(merged, "the merge going through")


def test_a_supervisor_merges_a_duplicate_into_the_complaint_that_carries_on(page: Page, web: str,
                                                                          suite: Suite) -> None:
    email = f"maya-{uuid.uuid4().hex[:8]}@example.org"
    first, second = _file(suite, email=email), _file(suite, email=email)
    sign_in_to_desk(page, web, name="Sofia Supervisor")
    find_case(page, web, second["tracking_number"])
    page.get_by_role("link", name=second["tracking_number"]).click()
    expect(page.get_by_text("Web form")).to_be_visible()
    expect(page.locator("ol.audit")).to_contain_text("Case opened")
    assert_accessible(page)

    _merge_into(page, first["tracking_number"])
    facts = page.locator("dl.facts").first
    expect(facts).to_contain_text("Closed")
    expect(facts).to_contain_text("Merged as a duplicate")
    expect(page.locator("ol.audit")).to_contain_text("Closed as a duplicate and merged — you: Opened → Closed")
    assert_accessible(page)

    facts.get_by_role("link", name=first["tracking_number"]).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(first["tracking_number"])
    expect(page.get_by_text("Merged into this case:")).to_be_visible()
    expect(page.get_by_role("link", name=second["tracking_number"]).first).to_be_visible()
    expect(page.locator("ol.audit")).to_contain_text("A duplicate was merged into this case")
    assert_accessible(page)


def test_an_agent_logs_a_complaint_taken_on_the_phone(page: Page, web: str, suite: Suite) -> None:
    sign_in_to_desk(page, web, name="Alice Agent")
    page.get_by_role("link", name="Log a complaint").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log a complaint for a customer")
    assert_accessible(page)

    page.get_by_label("How the customer complained").select_option("phone")
    page.get_by_label("Name", exact=True).fill("Oleg Tamm")
    page.get_by_label("Phone", exact=True).fill("+44 20 7946 0321")
    page.get_by_label("Title", exact=True).fill("Charged twice for one order")
    page.get_by_label("What happened").fill("My card was charged twice for order 5521 on 4 March.")
    page.get_by_role("button", name="Log the complaint").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Complaint logged")
    codes = page.locator("dd.code")
    expect(codes).to_have_count(2)
    tracking_number = codes.first.inner_text()
    assert TRACKING_NUMBER.fullmatch(tracking_number), tracking_number
    assert len(codes.last.inner_text()) >= 8
    assert_accessible(page)

    find_case(page, web, tracking_number)
    page.get_by_role("link", name=tracking_number).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Charged twice for one order")
    expect(page.locator("dl.facts").nth(1)).to_contain_text("Phone")
