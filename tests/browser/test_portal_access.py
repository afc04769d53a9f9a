"""A customer whose complaint a call centre filed over Kafka has no access code: they ask the portal for one with
the tracking number from their acknowledgement and the e-mail address on file, read the code in the mail and get
in. Done with the keyboard alone (WCAG 2.1.1): every step reachable by Tab, sent with Enter or Space."""

import re

from complaints_cli.suite import Suite
from playwright.sync_api import Page, expect

from tests.e2e import journey

from .support import aside, assert_accessible


def _tab_to(page: Page, selector: str, *, limit: int = 40) -> None:
    """Press Tab until the element has the focus, as a keyboard user moves through the page."""
    target = page.locator(selector)
    for _ in range(limit):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} cannot be reached with Tab")


def test_a_kafka_filed_customer_asks_for_a_code_and_gets_in_with_the_keyboard_alone(suite: Suite, page: Page,
                                                                                   web: str) -> None:
    address = journey.unique_email("caller")
    submitted = journey.submission(customer={"name": "Robin Hale", "email": address, "preferred_channel": "email"})
    aside(lambda: journey.submit(suite, submitted))
    tracking_number = aside(lambda: journey.received_submission(suite, submitted).tracking_number)

    page.goto(f"{web}/access-code")
    assert_accessible(page)
    _tab_to(page, "#tracking_number")
    page.keyboard.type(tracking_number)
    _tab_to(page, "#contact")
    page.keyboard.type(address.upper())  # as the customer types it: e-mail addresses compare without case
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("details match")
    assert_accessible(page)

    mail = journey.wait_until(
        lambda: next((m for m in journey.mails(suite) if address in m.to and "access code" in m.subject.lower()),
                     None), what="the access code's mail")
    code = re.search(r"Access code: (\S+)", mail.text)
    assert code is not None, mail.text

    page.goto(f"{web}/track")
    _tab_to(page, "#tracking_number")
    page.keyboard.type(tracking_number)
    _tab_to(page, "#access_code")
    page.keyboard.type(code.group(1))
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{web}/track/{tracking_number}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(tracking_number)
    assert code.group(1) not in page.url
    assert_accessible(page)
