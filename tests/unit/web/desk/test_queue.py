"""The queue views and the search: filters sent to resolution, rows with time left, terms never in a URL."""

import json

import respx
from fastapi.testclient import TestClient
from httpx import Response

from tests.unit.web.conftest import RESOLUTION, form, sign_in
from tests.unit.web.desk.samples import NOW, line


def test_my_cases_lists_the_signed_in_agents_cases_with_deadline_badges(client: TestClient,
                                                                        apis: respx.MockRouter) -> None:
    from datetime import timedelta

    queue = apis.get(f"{RESOLUTION}/cases").respond(json={"items": [
        line(), line(complaint_id="c-9", tracking_number="CMP-ZZZZ-ZZZZ-Z",
                     next_due_at=(NOW - timedelta(hours=2)).isoformat())], "total": 2, "offset": 0, "limit": 25})
    sign_in(client)
    page = client.get("/desk")
    assert page.status_code == 200
    sent = queue.calls.last.request
    assert sent.url.params.get_list("assignee") == ["emp-0001"]
    assert sent.headers["authorization"].startswith("Bearer ")
    assert "CMP-AAAA-BBBB-C" in page.text and 'href="/desk/cases/c-0001"' in page.text
    assert "Cases: 2" in page.text
    assert 'class="badge at-risk"' in page.text and 'class="badge breached"' in page.text


def test_the_tabs_ask_for_due_soon_breached_and_team_cases(client: TestClient, apis: respx.MockRouter) -> None:
    queue = apis.get(f"{RESOLUTION}/cases").respond(json={"items": [], "total": 0, "offset": 0, "limit": 25})
    sign_in(client)
    client.get("/desk?tab=due")
    assert queue.calls.last.request.url.params["due_within_hours"] == "24.0"
    client.get("/desk?tab=breached")
    assert queue.calls.last.request.url.params["breached"] == "true"
    client.get("/desk?tab=team")
    assert queue.calls.last.request.url.params.get_list("team") == ["support-en"]


def test_the_unassigned_tab_asks_resolution_for_the_unowned_cases_and_pages_them(client: TestClient,
                                                                                  apis: respx.MockRouter) -> None:
    queue = apis.get(f"{RESOLUTION}/cases").respond(json={"items": [
        line(complaint_id="c-7", tracking_number="CMP-FREE-FREE-F", assignee=None)],
        "total": 30, "offset": 0, "limit": 25})
    sign_in(client)
    page = client.get("/desk?tab=unassigned")
    sent = queue.calls.last.request.url.params
    assert (sent["unassigned"], sent.get_list("team"), sent["limit"]) == ("true", ["support-en"], "25")
    assert "CMP-FREE-FREE-F" in page.text and "Cases: 30" in page.text
    assert "/desk?tab=unassigned&amp;offset=25" in page.text


def test_paging_links_move_by_a_page(client: TestClient, apis: respx.MockRouter) -> None:
    apis.get(f"{RESOLUTION}/cases").respond(json={"items": [line()], "total": 60, "offset": 25, "limit": 25})
    sign_in(client)
    page = client.get("/desk?tab=team&offset=25")
    assert "/desk?tab=team&amp;offset=0" in page.text and "/desk?tab=team&amp;offset=50" in page.text


def test_search_sends_an_email_in_the_body_and_pages_with_the_cursor(client: TestClient,
                                                                    apis: respx.MockRouter) -> None:
    search = apis.post(f"{RESOLUTION}/cases/search").respond(
        json={"items": [line()], "next_cursor": "abc", "truncated": False})
    sign_in(client)
    page = client.post("/desk/search", data=form(client, terms="jane@example.org", state="investigating",
                                                 priority="high", category="nonsense"))
    body = json.loads(search.calls.last.request.content)
    assert body["email"] == "jane@example.org" and body["states"] == ["investigating"]
    assert body["priorities"] == ["high"] and "categories" not in body
    assert "jane@example.org" not in str(search.calls.last.request.url)
    assert 'name="cursor" value="abc"' in page.text
    client.post("/desk/search", data=form(client, terms="CMP-aaaa-bbbb-c", cursor="abc"))
    again = json.loads(search.calls.last.request.content)
    assert (again["tracking_number"], again["cursor"]) == ("CMP-AAAA-BBBB-C", "abc")


def test_a_refused_search_says_why_in_the_users_language(client: TestClient, apis: respx.MockRouter) -> None:
    apis.post(f"{RESOLUTION}/cases/search").mock(return_value=Response(
        400, json={"type": "about:blank", "title": "Bad cursor", "status": 400,
                   "errors": [{"field": "cursor", "reason": "unreadable"}]}))
    sign_in(client)
    page = client.post("/desk/search", data=form(client, terms="refund", cursor="zzz"),
                       headers={"Accept-Language": "ru"})
    assert page.status_code == 400
    assert "Запрос неверен." in page.text


def test_an_expired_token_sends_the_user_to_sign_in_again(client: TestClient, apis: respx.MockRouter) -> None:
    apis.get(f"{RESOLUTION}/cases").mock(return_value=Response(401, json={"type": "about:blank"}))
    sign_in(client)
    assert client.get("/desk", follow_redirects=False).headers["location"] == "/desk/sign-in"


def test_a_failing_service_shows_an_error_page(client: TestClient, apis: respx.MockRouter) -> None:
    apis.get(f"{RESOLUTION}/cases").mock(return_value=Response(503))
    sign_in(client)
    page = client.get("/desk")
    assert page.status_code == 502 and "Something went wrong" in page.text
