"""The status page says each deadline's rule in the reader's language, from the rule's terms; times carry a zone."""

import html
import re

import pytest
import respx
from fastapi.testclient import TestClient

from .support import TN, open_complaint, status_page

BASIS = "medium priority: 2 business days from receipt (close of business ...), GB business calendar"


def _deadline(**terms: object) -> dict[str, object]:
    return {"name": "First response", "due_at": "2099-03-03T17:30:00Z", "basis": BASIS, "clock": "service",
            "terms": {"amount": 2, "unit": "business_days", "calendar": "GB-ENG", "time_zone": "Europe/London",
                      "priority": "medium", "rules_version": "2026.07.1"} | terms}


def _rule(client: TestClient, apis: respx.MockRouter, deadline: dict[str, object], language: str) -> str:
    open_complaint(client, apis, status_page(deadlines=[deadline]))
    page = client.get(f"/track/{TN}", headers={"Accept-Language": language}).text
    found = re.search(r'<ul class="deadlines">(.*?)</ul>', page, re.S)
    assert found is not None
    said = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split())
    return said


@pytest.mark.parametrize(("language", "words"), [
    ("ru", ["2 рабочих дня после получения", "Великобритания (GB-ENG)", "Лондон", "со средним приоритетом"]),
    ("be", ["2 працоўныя дні пасля атрымання", "Вялікабрытанія (GB-ENG)", "Лондан", "з сярэднім прыярытэтам"]),
    ("en", ["2 business days from receipt", "United Kingdom (GB-ENG)", "London", "medium-priority"]),
])
def test_a_service_deadline_is_explained_in_the_readers_language(client: TestClient, apis: respx.MockRouter,
                                                                  language: str, words: list[str]) -> None:
    rule = _rule(client, apis, _deadline(), language)
    assert all(word in rule for word in words), rule
    assert "business calendar" not in rule  # the English audit words are not repeated beside it


@pytest.mark.parametrize(("terms", "words"), [
    ({"amount": 8, "unit": "calendar_weeks", "priority": None, "source": "FCA DISP 1.6.2"},
     ["8 недель после получения", "в то же местное время", "Срок установлен: FCA DISP 1.6.2"]),
    ({"amount": 21, "unit": "calendar_days", "priority": None, "source": "CFPB", "time_zone": "America/Chicago"},
     ["21 день после получения", "Местное время (Чикаго)"]),
    ({"amount": 1, "unit": "business_hours"}, ["1 рабочий час после получения", "нерабочее время"]),
    ({"amount": 0.5, "unit": "business_hours"}, ["30 рабочих минут после получения"]),
    ({"amount": 5, "unit": "business_days", "calendar": "DE", "time_zone": "Europe/Berlin"},
     ["5 рабочих дней", "конце последнего рабочего дня", "Германия,", "Берлин"]),
])
def test_each_unit_is_counted_with_the_languages_plural_and_convention(client: TestClient, apis: respx.MockRouter,
                                                                       terms: dict[str, object],
                                                                       words: list[str]) -> None:
    rule = _rule(client, apis, _deadline(**terms), "ru")
    assert all(word in rule for word in words), rule


@pytest.mark.parametrize(("language", "terms", "words", "not_said"), [
    ("ru", {}, ["2 рабочих дня после повторного открытия", "со дня, следующего за днём повторного открытия"],
     "после получения"),
    ("be", {"amount": 8, "unit": "calendar_weeks", "priority": None, "source": "FCA DISP 1.6.2"},
     ["8 тыдняў пасля паўторнага адкрыцця", "адкрыта паўторна"], "пасля атрымання"),
    ("en", {"amount": 4, "unit": "business_hours"}, ["4 working hours from the reopening", "Only working hours count."],
     "from receipt"),
])
def test_a_deadline_run_again_from_a_reopening_says_so(client: TestClient, apis: respx.MockRouter, language: str,
                                                       terms: dict[str, object], words: list[str],
                                                       not_said: str) -> None:
    rule = _rule(client, apis, _deadline(counted_from="2099-02-20T10:00:00Z", **terms), language)
    assert all(word in rule for word in words) and not_said not in rule, rule


def test_a_deadline_without_terms_shows_its_english_words_only_in_english(client: TestClient,
                                                                          apis: respx.MockRouter) -> None:
    deadline = {key: value for key, value in _deadline().items() if key != "terms"}
    assert BASIS in _rule(client, apis, deadline, "en")
    assert "business" not in _rule(client, apis, deadline, "ru")


def test_the_due_time_says_its_zone_and_drops_the_seconds(client: TestClient, apis: respx.MockRouter) -> None:
    rule = _rule(client, apis, _deadline(), "ru")
    assert "17:30 UTC" in rule and "17:30:00" not in rule


@pytest.mark.parametrize(("language", "words"), [
    ("ru", "приостановлен, пока мы ждём вашего ответа"),
    ("be", "прыпынены, пакуль мы чакаем вашага адказу"),
    ("en", "on hold while we wait for your answer"),
])
def test_a_deadline_on_hold_says_so_instead_of_counting_down(client: TestClient, apis: respx.MockRouter,
                                                              language: str, words: str) -> None:
    held = _rule(client, apis, _deadline() | {"paused": True}, language)
    running = _rule(client, apis, _deadline(), language)
    assert words in held and words not in running
    countdown = re.search(r"\(([^()]*)\)", running)
    assert countdown is not None and countdown.group(1) not in held  # the hold replaces the countdown
