"""Customer journeys through the portal while staff work the case through resolution's API: accept a proposal and
rate the handling; open a complaint a call centre filed over Kafka with the code from the mail; a refusal in the
customer's language when the complaint was withdrawn in another tab. Every page is checked with axe-core."""

import re
from collections.abc import Callable
from typing import Any

from complaints_cli.suite import Suite
from playwright.sync_api import Browser, Page, expect

from tests.e2e import journey
from tests.e2e.journey import Staff

from .support import aside, assert_accessible, screenshot

PROPOSAL = "We refund the parcel in full and apologise for the courier."
FINAL_RESPONSE = "We have refunded the £35.00 the parcel cost. We are sorry it never reached you."



def _open(page: Page, web: str, customer: journey.Customer) -> None:
    """Look the complaint up as a customer does: tracking number and access code typed into the form."""
    page.goto(f"{web}/track")
    page.locator("#tracking_number").fill(customer.tracking_number)
    page.locator("#access_code").fill(customer.access_code)
    page.locator("#access_code").press("Enter")
    expect(page).to_have_url(f"{web}/track/{customer.tracking_number}")
    assert customer.access_code not in page.url


def _offers(action: str) -> Callable[[dict[str, Any]], bool]:
    """Whether intake's status page offers the customer this action now."""
    return lambda status: any(a["action"] == action for a in status["actions"])


def test_a_customer_accepts_the_proposal_and_rates_the_handling(suite: Suite, page: Page, web: str) -> None:
    customer = journey.file_complaint(suite, title="Parcel never arrived",
                                      description="My parcel never arrived and the courier ignored my calls.")
    complaint_id = customer.complaint_id
    agent = Staff(suite, team=aside(lambda: journey.routed(suite, complaint_id).team), sub="emp-browser")
    aside(lambda: agent.wait_case(complaint_id))
    aside(lambda: agent.act(complaint_id, "investigation"))
    aside(lambda: agent.act(complaint_id, "proposals", summary=PROPOSAL, remedies=[
        {"kind": "refund", "amount": {"amount": "35.00", "currency": "GBP"}},
        {"kind": "apology", "description": "For the courier's silence"}]))
    customer.wait_status(_offers("decide"), what="a proposal to decide on")

    _open(page, web, customer)
    proposal = page.locator("#proposal")
    expect(proposal.get_by_role("heading", name="Our proposal")).to_be_visible()
    expect(proposal.get_by_text(PROPOSAL)).to_be_visible()
    expect(proposal.get_by_role("cell", name="£35.00")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "portal-status")
    page.get_by_role("button", name="Accept the proposal").click()
    expect(page.get_by_role("status")).to_have_text("Thank you. You have accepted the proposal; we will now carry "
                                                    "it out.")
    assert_accessible(page)

    aside(lambda: agent.wait_case(complaint_id, lambda c: c["state"] == "accepted", what="accepted in the portal"))
    aside(lambda: agent.act(complaint_id, "implementation", details="Refund of £35.00 sent"))
    aside(lambda: agent.act(complaint_id, "resolution", outcome="upheld", final_response=FINAL_RESPONSE))
    aside(lambda: agent.act(complaint_id, "closure", close_reason="resolved"))
    customer.wait_status(_offers("give_feedback"), what="feedback offered")

    page.reload()
    expect(page.get_by_text(FINAL_RESPONSE)).to_be_visible()
    feedback = page.locator("#feedback")
    expect(feedback.get_by_role("heading", name="How did we do?")).to_be_visible()
    assert_accessible(page)
    feedback.get_by_label("4 – Satisfied").check()
    feedback.get_by_label("Anything you would like to add").fill("Refunded quickly once you looked into it.")
    feedback.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_role("status")).to_have_text("Thank you for your feedback.")
    assert_accessible(page)
    customer.wait_status(lambda s: "feedback_given" in journey.milestones(s), what="feedback recorded")
    page.reload()
    expect(page.get_by_role("heading", name="What happened so far")).to_be_visible()
    expect(page.locator("#feedback")).to_have_count(0)  # given once: no longer offered


def test_a_call_centre_customer_opens_the_complaint_with_the_code_from_the_mail(suite: Suite, browser: Browser,
                                                                               web: str) -> None:
    address = journey.unique_email("caller")
    submitted = journey.submission(
        language="ru", jurisdiction="BY", issue_access_code=True,
        customer={"name": "Алеся Кузьміч", "email": address, "preferred_channel": "email"},
        title="Посылка пришла вскрытой", description="Посылку доставили на две недели позже, коробка была вскрыта.")
    aside(lambda: journey.submit(suite, submitted))
    tracking_number = aside(lambda: journey.received_submission(suite, submitted).tracking_number)
    mail = journey.wait_until(
        lambda: next((m for m in journey.mails(suite) if address in m.to and "Код доступа" in m.subject), None),
        what="the access code's mail")
    code = re.search(r"Код доступа: (\S+)", mail.text)
    link = re.search(r"https?://\S+/track/" + re.escape(tracking_number), mail.text)
    assert code is not None and link is not None, mail.text
    assert code.group(1) not in link.group(0)

    context = browser.new_context(locale="ru-RU")
    page = context.new_page()
    page.goto(link.group(0).replace("127.0.0.1", "localhost"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Жалоба {tracking_number}")
    assert_accessible(page)
    page.get_by_label("Код доступа").fill(code.group(1))
    page.get_by_role("button", name="Открыть жалобу").click()
    expect(page).to_have_url(f"{web}/track/{tracking_number}")
    expect(page.get_by_role("heading", name="Что уже произошло")).to_be_visible()
    assert_accessible(page)
    context.close()


def test_withdrawing_twice_from_two_tabs_explains_the_second_time_in_belarusian(suite: Suite, browser: Browser,
                                                                              web: str) -> None:
    customer = journey.file_complaint(suite, title="Двойчы спісалі грошы", language="be",
                                      jurisdiction="BY", description="З мяне двойчы спісалі грошы за адзін заказ.")
    context = browser.new_context(locale="be-BY")
    first = context.new_page()
    _open(first, web, customer)
    second = context.new_page()  # the same browser session: the complaint is open in both tabs
    second.goto(f"{web}/track/{customer.tracking_number}")
    expect(second.get_by_role("button", name="Адклікаць скаргу")).to_be_visible()

    first.locator("#withdrawal-reason").fill("Грошы ўжо вярнулі.")
    first.get_by_role("button", name="Адклікаць скаргу").click()
    expect(first.get_by_role("status")).to_have_text("Вы адклікалі сваю скаргу.")
    assert_accessible(first)

    second.get_by_role("button", name="Адклікаць скаргу").click()
    # withdrawn, or by now also closed by resolution: either way the refusal says why, in Belarusian
    expect(second.get_by_role("alert")).to_have_text(re.compile(r"Гэта немагчыма: скарга (адклікана|закрыта)\."))
    expect(second.locator("html")).to_have_attribute("lang", "be")
    expect(second.get_by_role("button", name="Адклікаць скаргу")).to_have_count(0)
    assert_accessible(second)
    context.close()
