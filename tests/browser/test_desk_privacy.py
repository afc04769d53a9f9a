"""The privacy officer on the desk: a customer's records downloaded for an access request, then their personal data
erased after the confirmation, the audit record shown; the customer's address never in a URL."""

import json
import uuid

import httpx
from complaints_cli.suite import Suite
from playwright.sync_api import Page, expect

from .support import assert_accessible, screenshot, sign_in_to_desk


def test_the_privacy_officer_exports_then_erases_a_customers_data(page: Page, web: str, suite: Suite) -> None:
    email = f"mira-{uuid.uuid4().hex[:8]}@example.org"
    filed = httpx.post(f"{suite.url('intake')}/v1/complaints", timeout=30, headers={
        "Idempotency-Key": str(uuid.uuid4())}, json={
        "language": "en", "customer": {"name": "Mira Hollis", "email": email},
        "title": "Charged twice for one order", "description": "My card was charged twice for order 5521."})
    assert filed.status_code == 201, filed.text
    visited: list[str] = []
    page.on("request", lambda request: visited.append(request.url))

    sign_in_to_desk(page, web, name="Petra Privacy", lands_on="/desk/privacy")  # works no cases
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy requests")
    assert_accessible(page)

    page.get_by_label("E-mail").fill(email)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download their records").click()
    document = json.loads(download.value.path().read_text())
    assert document["subject"]["complaints"] == [filed.json()["complaint_id"]]
    assert "Mira Hollis" in json.dumps(document["services"]["intake"])
    assert download.value.suggested_filename.startswith("access-export-") and "mira" not in \
        download.value.suggested_filename

    page.get_by_role("button", name="Erase their personal data").click()
    expect(page.get_by_role("alert")).to_contain_text("Confirm that the request was checked")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Your case number for the request (optional)").fill("DSR-2026-0107")
    page.get_by_label("I have checked the request and who made it").check()
    page.get_by_role("button", name="Erase their personal data").click()
    expect(page.get_by_role("status")).to_contain_text("Personal data erased")
    expect(page.get_by_role("status")).to_contain_text("DSR-2026-0107")
    assert_accessible(page)
    screenshot(page, "desk-privacy-erased")
    assert not any(email in url or "mira" in url for url in visited)
