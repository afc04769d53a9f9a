"""The status page once the customer's personal data was erased: a notice in the visitor's language instead of the
forms and the file links, the record of the complaint kept; a refused action and a deleted file say why."""

from typing import Any

import pytest
import respx
from fastapi.testclient import TestClient

from tests.unit.web.conftest import INTAKE, form

from .support import PROBLEM, TN, open_complaint, problem, status_page

ERASED = {"erased_at": "2025-01-20T09:00:00Z", "reason": "request", "files_deleted": 2,
          "text": "At your request we erased your personal data in this complaint."}
FILES = [{"attachment_id": "a-1", "name": "receipt.pdf", "media_type": "application/pdf", "size_bytes": 12_600,
          "added_at": "2025-01-02T10:00:00Z", "with_message": False}]
FORMS = ("reply", "escalation", "withdrawal", "feedback", "decision", "reopening")
NOTICE = {
    "en": ("Your personal data was erased", "At your request, on Jan 20, 2025 we erased your personal data",
           "2 files you sent were deleted together with your personal data.", "Make a complaint"),
    "ru": ("Ваши персональные данные удалены", "По вашей просьбе 20 янв. 2025\u202fг. мы удалили ваши персональные",
           "2 присланных вами файла удалены вместе с вашими персональными данными.", "Подать жалобу"),
    "be": ("Вашы персанальныя даныя выдалены", "Па вашай просьбе 20 сту 2025\u202fг. мы выдалілі вашы персанальныя",
           "2 дасланыя вамі файлы выдалены разам з вашымі персанальнымі данымі.", "Падаць скаргу"),
}


def erased_page(**overrides: Any) -> dict[str, Any]:
    # An intake that still listed actions and files would not bring the forms or the links back.
    return status_page(**{"personal_data_erased": ERASED, "attachments": FILES, "timeline": [
        {"at": "2025-01-02T10:00:00Z", "milestone": "received", "title": "We received your complaint",
         "attachments": [{"attachment_id": "a-1", "name": "receipt.pdf"}]}]} | overrides)


@pytest.mark.parametrize("language", ["en", "ru", "be"])
def test_the_page_says_the_data_was_erased_and_offers_no_form_nor_file(client: TestClient, apis: respx.MockRouter,
                                                                        language: str) -> None:
    open_complaint(client, apis, erased_page())
    page = client.get(f"/track/{TN}", headers={"Accept-Language": language})
    assert page.status_code == 200
    heading, when, files, new_complaint = NOTICE[language]
    notice = page.text[page.text.index('id="erased"'):]
    notice = notice[:notice.index("</section>")]
    assert heading in notice and when in notice and f'<a href="/file">{new_complaint}</a>' in notice
    assert files in page.text
    for action in FORMS:
        assert f'action="/track/{TN}/{action}"' not in page.text
    assert "/files/a-1" not in page.text and "receipt.pdf" not in page.text
    assert "We are looking into it" in page.text and "Final response" in page.text  # the record stays


def test_an_erasure_at_the_end_of_retention_says_so(client: TestClient, apis: respx.MockRouter) -> None:
    open_complaint(client, apis, erased_page(personal_data_erased=ERASED | {"reason": "retention",
                                                                            "files_deleted": 0}))
    page = client.get(f"/track/{TN}", headers={"Accept-Language": "ru"}).text
    assert "потому что истёк срок их хранения" in page
    assert 'id="files"' not in page


def test_a_page_without_erasure_has_no_such_notice(client: TestClient, apis: respx.MockRouter) -> None:
    open_complaint(client, apis, status_page(attachments=FILES))
    page = client.get(f"/track/{TN}").text
    assert 'id="erased"' not in page and f'action="/track/{TN}/reply"' in page and "/files/a-1" in page


@pytest.mark.parametrize(("language", "message"), [
    ("en", "This is not possible: your personal data in this complaint was erased."),
    ("ru", "Это невозможно: ваши персональные данные в этой жалобе удалены."),
    ("be", "Гэта немагчыма: вашы персанальныя даныя ў гэтай скарзе выдалены."),
])
def test_a_message_refused_after_the_erasure_says_why(client: TestClient, apis: respx.MockRouter, language: str,
                                                      message: str) -> None:
    open_complaint(client, apis, status_page())
    apis.post(f"{INTAKE}/v1/complaints/{TN}/messages").respond(
        410, json=problem(410, code="personal_data_erased", reason="request"), headers=PROBLEM)
    apis.get(f"{INTAKE}/v1/complaints/{TN}").respond(json=erased_page())
    answer = client.post(f"/track/{TN}/reply", data=form(client, text="Any news?"),
                         headers={"Accept-Language": language})
    assert answer.status_code == 410
    assert message in answer.text and 'id="erased"' in answer.text
    assert "English detail" not in answer.text


@pytest.mark.parametrize(("language", "message"), [
    ("en", "This file is no longer available: it was deleted together with your personal data."),
    ("ru", "Этот файл больше недоступен: он удалён вместе с вашими персональными данными."),
    ("be", "Гэты файл больш недаступны: ён выдалены разам з вашымі персанальнымі данымі."),
])
def test_a_deleted_files_download_says_it_was_deleted(client: TestClient, apis: respx.MockRouter, language: str,
                                                      message: str) -> None:
    open_complaint(client, apis, erased_page())
    apis.get(f"{INTAKE}/v1/complaints/{TN}/attachments/a-1").respond(
        410, json=problem(410, code="file_erased", reason="request"), headers=PROBLEM)
    answer = client.get(f"/track/{TN}/files/a-1", headers={"Accept-Language": language})
    assert answer.status_code == 410
    assert message in answer.text
    assert "We found no complaint" not in answer.text
