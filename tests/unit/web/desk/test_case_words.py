"""The case page speaks words, not codes (deadlines, the timeline, channels), in the reader's language; a duplicate
is linked or merged by the tracking number staff know it by."""

import json
from datetime import timedelta

import respx
from fastapi.testclient import TestClient

from tests.unit.web.conftest import RESOLUTION, ROUTING, form, sign_in
from tests.unit.web.desk.samples import CASE_ID, NOW, case, decision, line, rules

OPENED = {"action": "open", "at": (NOW - timedelta(days=2)).isoformat(), "by": "system", "from_state": "opened",
          "to_state": "opened", "reason": "routed", "version": 1}
PICKED_UP = {"action": "investigate", "at": (NOW - timedelta(days=1)).isoformat(), "by": "emp-0001",
             "from_state": "opened", "to_state": "investigating", "reason": "picked up from the queue", "version": 2}
ESCALATED = {"action": "escalate", "at": NOW.isoformat(), "by": "emp-0099", "from_state": "investigating",
             "to_state": "investigating", "reason": "", "version": 3}
DEADLINES = [{"name": name, "clock": clock, "basis": "", "started_at": NOW.isoformat(),
              "due_at": (NOW + timedelta(days=2)).isoformat()}
             for name, clock in (("summary_resolution_window", "regulatory"), ("first_response", "service"),
                                 ("ombudsman_referral", "regulatory"))]


def _case_apis(apis: respx.MockRouter, **overrides: object) -> None:
    apis.get(f"{RESOLUTION}/cases/{CASE_ID}").respond(json=case(**overrides))
    apis.get(f"{RESOLUTION}/cases/{CASE_ID}/response-templates").respond(json={"items": []})
    apis.get(f"{ROUTING}/v1/decisions/{CASE_ID}").respond(json=decision())
    apis.get(f"{ROUTING}/v1/rules").respond(json=rules())


def _page(client: TestClient, language: str = "en") -> str:
    return client.get(f"/desk/cases/{CASE_ID}", headers={"Accept-Language": language}).text.replace("\n", "")


def test_deadlines_the_timeline_and_the_channel_are_in_words(client: TestClient, apis: respx.MockRouter) -> None:
    _case_apis(apis, audit=[OPENED, PICKED_UP, ESCALATED], deadlines=DEADLINES)
    sign_in(client, "emp-0001")
    page = _page(client)
    assert "Summary resolution (within 3 business days)" in page and "First response" in page
    assert "Ombudsman referral" in page, "a deadline nobody has put into words yet is still readable"
    assert "summary_resolution_window" not in page
    assert "<strong>Case opened</strong> — the system. Reason: routed by the rules" in page
    assert "<strong>Investigation started</strong> — you: Opened → Investigating. Reason: picked up from the queue" \
        in page
    assert "<strong>Escalated</strong> — emp-0099</li>" in page
    assert "(Web form)" in page


def test_a_corrected_priority_and_the_deadlines_it_revised_are_said_in_the_readers_words(
        client: TestClient, apis: respx.MockRouter) -> None:
    corrected = {"action": "correct_assessment", "at": NOW.isoformat(), "by": "emp-0099", "from_state": "opened",
                 "to_state": "opened", "reason": "a child was hurt", "version": 4,
                 "detail": {"priority": "medium -> critical", "department": "customer_support -> quality"}}
    revised = {"action": "revise_deadlines", "at": NOW.isoformat(), "by": "system", "from_state": "opened",
               "to_state": "opened", "reason": "priority corrected from medium to critical", "version": 5,
               "detail": {"priority": "medium -> critical", "rules_version": "2026.11.1"}}
    _case_apis(apis, audit=[OPENED, corrected, revised], deadlines=DEADLINES)
    sign_in(client, "emp-0001")
    page = _page(client, "ru")
    assert ("<strong>Оценка исправлена</strong> — emp-0099: приоритет Средний → Критический; отдел customer_support "
            "→ quality. Причина: a child was hurt") in page
    assert "<strong>Сроки пересчитаны</strong> — система: приоритет Средний → Критический</li>" in page
    assert "priority corrected" not in page  # routing's English words


def test_a_move_to_a_corrected_department_is_said_in_the_readers_words(client: TestClient,
                                                                      apis: respx.MockRouter) -> None:
    moved = {"action": "reassign", "at": NOW.isoformat(), "by": "system", "from_state": "opened",
             "to_state": "opened", "reason": "department corrected to quality", "version": 6}
    _case_apis(apis, audit=[OPENED, moved], deadlines=DEADLINES)
    sign_in(client, "emp-0001")
    assert "Причина: отдел исправлен на quality</li>" in _page(client, "ru")
    assert "Прычына: аддзел выпраўлены на quality</li>" in _page(client, "be")


def test_the_words_are_in_the_readers_language(client: TestClient, apis: respx.MockRouter) -> None:
    _case_apis(apis, audit=[OPENED, PICKED_UP], deadlines=DEADLINES)
    sign_in(client, "emp-0001")
    russian, belarusian = _page(client, "ru"), _page(client, "be")
    assert "Быстрое решение (в течение 3 рабочих дней)" in russian and "Дело открыто" in russian
    assert "Хуткае рашэнне (на працягу 3 працоўных дзён)" in belarusian and "Справа адкрыта" in belarusian
    assert "picked up from the queue" in russian, "a reason someone typed is shown as typed"


def test_a_duplicate_is_merged_into_the_complaint_named_by_its_tracking_number(client: TestClient,
                                                                               apis: respx.MockRouter) -> None:
    _case_apis(apis)
    found = apis.post(f"{RESOLUTION}/cases/search").respond(json={
        "items": [line(complaint_id="c-0002", tracking_number="CMP-DDDD-EEEE-F")], "next_cursor": None,
        "truncated": False})
    merged = apis.post(f"{RESOLUTION}/cases/{CASE_ID}/merge").respond(json=case())
    sign_in(client, "emp-0001")
    shown = _page(client)
    assert 'name="into" value="CMP-DDDD-EEEE-F"' in shown, "the linked original is offered"
    answer = client.post(f"/desk/cases/{CASE_ID}/actions/merge", follow_redirects=False,
                         data=form(client, version="3", into="cmp-dddd-eeee-f", reason="same parcel"))
    assert answer.status_code == 303
    assert json.loads(found.calls.last.request.content) == {"tracking_number": "CMP-DDDD-EEEE-F", "limit": 1}
    assert json.loads(merged.calls.last.request.content) == {"into": "c-0002", "reason": "same parcel", "version": 3}


def test_an_unknown_tracking_number_is_refused_beside_the_field(client: TestClient, apis: respx.MockRouter) -> None:
    _case_apis(apis)
    apis.post(f"{RESOLUTION}/cases/search").respond(json={"items": [], "next_cursor": None, "truncated": False})
    sign_in(client, "emp-0001")
    page = client.post(f"/desk/cases/{CASE_ID}/actions/link-duplicate",
                       data=form(client, version="3", duplicate_of="CMP-NONE-NONE-N"))
    assert page.status_code == 422
    assert "No case you may see has this tracking number." in page.text
    assert 'id="field-link-duplicate-duplicate_of" name="duplicate_of" value="CMP-NONE-NONE-N"' in page.text


def test_a_merged_case_says_it_was_closed_as_a_duplicate_and_links_the_one_that_carries_on(
        client: TestClient, apis: respx.MockRouter) -> None:
    _case_apis(apis, state="closed", allowed_actions=[], closed_at=NOW.isoformat(), close_reason="duplicate",
               merged_into="c-0002")
    sign_in(client, "emp-0001")
    page = _page(client)
    assert "Merged as a duplicate" in page
    assert '<dt>Carries on as</dt><dd><a href="/desk/cases/c-0002">CMP-DDDD-EEEE-F</a></dd>' in page
