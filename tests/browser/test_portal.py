"""Customer journeys through the portal in a real browser: file in Russian with a file, look the complaint up with
its code, reply with evidence; ask for a new access code. Every page is checked with axe-core."""

import base64
import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from .support import assert_accessible, screenshot

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")
"""A one-pixel picture: intake checks that a file's content is of its declared type."""


def _file_in_russian(page: Page, web: str) -> tuple[str, str]:
    """File a complaint with a picture; the tracking number and access code the receipt shows."""
    page.goto(f"{web}/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    assert_accessible(page)
    screenshot(page, "portal-home")
    page.get_by_role("link", name="Подать жалобу").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Подать жалобу")
    assert_accessible(page)
    screenshot(page, "portal-file")
    page.locator("#title").fill("Не вернули деньги за заказ")
    page.locator("#description").fill("Заказ №123 отменён 3 марта, деньги так и не пришли.")
    page.locator("#desired_remedy").select_option("refund")
    page.locator("#amount").fill("49,99")
    page.locator("#currency").select_option("BYN")
    expect(page.locator("#country")).to_have_value("GB")
    page.locator("#country").select_option(label="Беларусь")
    page.locator("#about_store").fill("minsk-07")
    page.locator("#name").fill("Алеся Кузьміч")
    page.locator("#email").fill("alesia@example.org")
    page.locator("#attachments").set_input_files(files=[{"name": "чек.png", "mimeType": "image/png", "buffer": PNG}])
    page.get_by_role("button", name="Отправить жалобу").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Мы получили вашу жалобу")
    tracking_number = page.locator("#tracking-number").inner_text()
    access_code = page.locator("#access-code").inner_text()
    assert re.fullmatch(r"[A-Z0-9-]{8,}", tracking_number) and len(access_code) >= 8
    expect(page.get_by_text("Код доступа показывается только один раз")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "portal-filed")
    return tracking_number, access_code


def test_a_customer_files_in_russian_looks_the_complaint_up_and_replies(browser: Browser, web: str) -> None:
    filing = browser.new_context(locale="ru-RU")
    tracking_number, access_code = _file_in_russian(filing.new_page(), web)
    filing.close()

    context = browser.new_context(locale="ru-RU")  # another day, another browser: only the number and the code
    page = context.new_page()
    page.goto(f"{web}/track")
    assert_accessible(page)
    page.locator("#tracking_number").fill(tracking_number)
    page.locator("#access_code").fill("WRONG-CODE")
    page.get_by_role("button", name="Открыть жалобу").click()
    expect(page.get_by_text("Мы не нашли жалобу с таким номером и кодом доступа")).to_be_visible()
    assert access_code not in page.url
    page.locator("#access_code").fill(access_code)
    page.get_by_role("button", name="Открыть жалобу").click()
    expect(page).to_have_url(f"{web}/track/{tracking_number}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Жалоба {tracking_number}")
    expect(page.get_by_role("heading", name="Что уже произошло")).to_be_visible()
    assert_accessible(page)

    page.locator("#reply-text").fill("Прилагаю выписку из банка.")
    page.locator("#reply-files").set_input_files(files=[{"name": "выписка.png", "mimeType": "image/png",
                                                         "buffer": PNG}])
    page.get_by_role("button", name="Отправить", exact=True).click()
    expect(page.get_by_text("Спасибо. Мы получили ваше сообщение.")).to_be_visible()
    files = page.locator("#files")
    expect(files.get_by_role("heading", name="Ваши файлы")).to_be_visible()
    expect(files.get_by_role("row", name=re.compile("^чек.png .* С жалобой$"))).to_be_visible()
    expect(files.get_by_role("row", name=re.compile("^выписка.png .* С сообщением$"))).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        files.get_by_role("link", name="чек.png").click()
    assert download.value.suggested_filename == "чек.png"
    assert Path(download.value.path()).read_bytes() == PNG
    context.close()


def test_a_customer_asks_for_a_new_access_code(page: Page, web: str) -> None:
    page.goto(f"{web}/access-code")
    assert_accessible(page)
    page.locator("#tracking_number").fill("CMP-0000-0000-0")
    page.locator("#contact").fill("nobody@example.org")
    page.get_by_role("button", name="Send me a new code").click()
    expect(page.get_by_text("If the details match what we have on file, we have sent a new access code")
           ).to_be_visible()
    assert_accessible(page)


def test_missing_details_are_named_in_an_error_summary(page: Page, web: str) -> None:
    page.goto(f"{web}/file")
    page.locator("#title").fill("Refund not received")
    page.get_by_role("button", name="Send the complaint").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name="Please fill this in.")).to_be_visible()
    expect(page.locator("#title")).to_have_value("Refund not received")
    expect(page.locator("#description")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

