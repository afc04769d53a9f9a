"""The front end's frame: languages, the desk's sign-in, and the refusal of a forged form."""

import re

from playwright.sync_api import Browser, Page, expect

from .support import assert_accessible, screenshot, sign_in_to_desk


def test_the_portal_speaks_the_browsers_language_and_switches_on_request(browser: Browser, web: str) -> None:
    page = browser.new_context(locale="ru-RU").new_page()
    page.goto(f"{web}/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).to_have_text("Подать жалобу или узнать о её ходе")
    assert_accessible(page)
    page.get_by_label("Язык").select_option("be")
    page.get_by_role("button", name="Сменить").click()
    expect(page.locator("html")).to_have_attribute("lang", "be")
    expect(page.get_by_role("heading", level=1)).to_have_text("Падаць скаргу або даведацца пра яе ход")


def test_staff_sign_in_on_the_desk_and_out_again(page: Page, web: str) -> None:
    page.goto(f"{web}/desk")
    expect(page).to_have_url(re.compile(r"/desk/sign-in$"))
    assert_accessible(page)
    screenshot(page, "desk-sign-in")
    sign_in_to_desk(page, web, name="Alice Agent")
    expect(page.get_by_text("Alice Agent")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/desk/sign-in$"))


def test_a_form_without_its_anti_forgery_token_is_refused_with_an_explanation(page: Page, web: str) -> None:
    page.goto(f"{web}/desk/sign-in")
    page.evaluate("document.querySelectorAll('input[name=csrftoken]').forEach(i => i.value = 'forged')")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Not allowed")
    expect(page.get_by_text("expired")).to_be_visible()
