"""Logging a complaint for a customer, the supervisor's page and the operations overview."""

import html
import json
from collections.abc import Iterator

import pytest
import respx
from fastapi.testclient import TestClient
from httpx import Response
from web.main import create_app

from tests.unit.web.conftest import ANALYTICS, INTAKE, RESOLUTION, ROUTING, form, sign_in, web_settings
from tests.unit.web.desk.samples import line, problem

NOTIFICATION = "http://notification.test"


@pytest.fixture
def client(apis: respx.MockRouter) -> Iterator[TestClient]:
    """The app with notification's address too (the operations page reads its metrics)."""
    with TestClient(create_app(web_settings(notification_url=NOTIFICATION))) as test_client:
        yield test_client


RECEIPT = {"complaint_id": "c-5", "tracking_number": "CMP-NEW1-NEW1-N", "access_code": "7K3Q-9XWA-F2MB-HT4C"}


def test_a_complaint_taken_on_the_phone_is_logged_with_the_staff_token(client: TestClient,
                                                                      apis: respx.MockRouter) -> None:
    logged = apis.post(f"{INTAKE}/v1/staff/complaints").respond(201, json=RECEIPT)
    sign_in(client)
    shown = client.get("/desk/complaints/new")
    assert 'name="idempotency_key"' in shown.text
    page = client.post("/desk/complaints", data=form(
        client, channel="letter", language="ru", name="Jane Doe", phone="+44 20 7946 0000", vulnerable="yes",
        title="Broken kettle", description="It broke on day two.", idempotency_key="k-1"))
    assert page.status_code == 201
    assert "CMP-NEW1-NEW1-N" in page.text and "7K3Q-9XWA-F2MB-HT4C" in page.text
    sent = logged.calls.last.request
    assert sent.headers["idempotency-key"] == "k-1" and sent.headers["authorization"].startswith("Bearer ")
    assert json.loads(sent.content) == {
        "channel": "letter", "language": "ru", "title": "Broken kettle", "description": "It broke on day two.",
        "customer": {"name": "Jane Doe", "phone": "+44 20 7946 0000", "vulnerable": True}}


def test_a_filing_intake_refuses_names_the_fields_and_keeps_the_input(client: TestClient,
                                                                     apis: respx.MockRouter) -> None:
    apis.post(f"{INTAKE}/v1/staff/complaints").mock(return_value=Response(422, json=problem(
        422, "/problems/validation", errors=[{"field": "customer.email", "reason": "not an e-mail address"}])))
    sign_in(client)
    page = client.post("/desk/complaints", data=form(client, channel="phone", name="Jane", email="jane@",
                                                     title="T", description="D", idempotency_key="k-2"))
    assert page.status_code == 422
    assert 'href="#field-new-email"' in page.text and 'value="jane@"' in page.text
    assert 'name="idempotency_key" value="k-2"' in page.text


def test_supervision_is_for_supervisors(client: TestClient) -> None:
    sign_in(client, "emp-0001")
    assert client.get("/desk/supervision").status_code == 403


def test_supervision_shows_load_at_risk_cases_and_corrective_actions(client: TestClient,
                                                                    apis: respx.MockRouter) -> None:
    def queue(request: object) -> Response:
        params = request.url.params  # type: ignore[attr-defined]
        if params.get("breached") == "true":
            return Response(200, json={"items": [line(complaint_id="c-8", tracking_number="CMP-LATE-LATE-L")],
                                       "total": 1, "offset": 0, "limit": 100})
        items = [line(), line(complaint_id="c-2"), line(complaint_id="c-3", assignee=None)]
        return Response(200, json={"items": items, "total": 3, "offset": 0, "limit": 500})

    apis.get(f"{RESOLUTION}/cases").mock(side_effect=queue)
    apis.get(f"{RESOLUTION}/corrective-actions").respond(json={"next_after": None, "items": [
        {"action_id": "ca-1", "action": "Retrain the till staff", "root_cause": "training", "owner": "emp-0031",
         "status": "implemented", "implemented_at": "2026-01-01T00:00:00+00:00", "created_at": "2026-01-01T00:00:00Z",
         "created_by": "emp-0100", "origin": "staff"}]})
    apis.get(f"{RESOLUTION}/corrective-actions/ca-1/effectiveness").respond(json={
        "action_id": "ca-1", "before": 9, "recurrences": 2, "fewer": True, "days_after": 30, "summary": "",
        "implemented_at": "2026-01-01T00:00:00Z", "measured_until": "2026-02-01T00:00:00Z", "scope": {}})
    sign_in(client, "emp-0100")
    page = client.get("/desk/supervision")
    assert page.status_code == 200
    assert "<th scope=\"row\">emp-0001</th><td>2</td>" in page.text.replace("\n", "")
    assert "CMP-LATE-LATE-L" in page.text and "Retrain the till staff" in page.text
    assert "2 recurrences since, 9 before" in page.text


def test_an_action_analytics_proposed_is_said_in_the_readers_language(client: TestClient,
                                                                      apis: respx.MockRouter) -> None:
    apis.get(f"{RESOLUTION}/cases").respond(json={"items": [], "total": 0, "offset": 0, "limit": 100})
    detected = {"observed": 5, "expected": 0.46, "window_start": "2026-12-05T04:00:00Z",
                "window_end": "2026-12-06T04:00:00Z"}
    apis.get(f"{RESOLUTION}/corrective-actions").respond(json={"next_after": None, "items": [
        {"action_id": f"ca-{dimension}", "action": "Investigate the rise by ENGLISH-ONLY", "status": "open",
         "created_at": "2026-12-06T04:00:00Z", "created_by": "analytics", "origin": "systemic_issue",
         "detected": detected | {"dimension": dimension, "value": value}}
        for dimension, value in (("category", "billing"), ("product", "broadband-basic"))]})
    sign_in(client, "emp-0100")
    pages = {language: html.unescape(client.get("/desk/supervision", headers={"Accept-Language": language}).text)
             .replace("\u202f", " ") for language in ("en", "ru", "be")}  # CLDR's narrow space before "г."
    assert "in category “Billing”: 5 from Dec 5, 2026 to Dec 6, 2026 against 0.5 expected" in pages["en"]
    assert "жалоб в категории «Счета и оплата»: 5 с 5 дек. 2026 г. по 6 дек. 2026 г. при ожидаемых 0,5" in pages["ru"]
    assert "скаргаў на прадукт «broadband-basic»: 5 з 5 сне 2026 г. па 6 сне 2026 г. пры чаканых 0,5" in pages["be"]
    assert not any("ENGLISH-ONLY" in page for page in pages.values())


METRICS = """# TYPE complaints_events_consumed_total counter
complaints_events_consumed_total{topic="t",group="g",outcome="handled"} 40.0
complaints_events_consumed_total{topic="t",group="g",outcome="dead_lettered"} 3.0
# TYPE complaints_consumer_lag_messages gauge
complaints_consumer_lag_messages{topic="t",group="g"} 7.0
"""


def test_operations_shows_analytics_figures_and_the_pipelines_health(client: TestClient,
                                                                    apis: respx.MockRouter) -> None:
    apis.get(f"{ANALYTICS}/v1/volume").respond(json=[
        {"id": "1", "dimension": "channel", "value": "web", "period_start": "2026-01-01", "count": 4},
        {"id": "2", "dimension": "channel", "value": "web", "period_start": "2026-01-02", "count": 5}])
    apis.get(f"{ANALYTICS}/v1/backlog").respond(json=[{"age_bucket": "0-7d", "priority": "high", "count": 6}])
    apis.get(f"{ANALYTICS}/v1/compliance").respond(json=[
        {"clock": "service", "met": 8, "breached": 2, "pending": 1, "percent": 80.0}])
    apis.get(f"{ANALYTICS}/v1/timings").respond(json=[
        {"milestone": "resolve", "priority": "high", "count": 8, "p50_seconds": 7200, "p90_seconds": 86400}])
    apis.get(f"{INTAKE}/metrics/").respond(text=METRICS)
    apis.get(f"{ROUTING}/metrics/").respond(text=METRICS)
    apis.get(f"{RESOLUTION}/metrics/").respond(text=METRICS)
    apis.get(f"{NOTIFICATION}/metrics/").respond(text=METRICS)
    apis.get(f"{ANALYTICS}/metrics/").mock(return_value=Response(503))
    sign_in(client, "emp-0100")
    page = client.get("/desk/operations").text.replace("\n", "")
    assert '<th scope="row">Web form</th><td>9</td>' in page
    assert '<th scope="row">notification</th><td><span class="badge breached">3</span>' in page
    assert "<td>Resolve</td>" in page
    assert "80 %" in page and "2 hours" in page and "1 day" in page
    assert '<span class="badge breached">3</span></td><td>7</td>' in page
    assert "Not reachable" in page


def test_operations_names_the_all_priorities_row_in_the_readers_language(client: TestClient,
                                                                         apis: respx.MockRouter) -> None:
    apis.get(f"{ANALYTICS}/v1/timings").respond(json=[
        {"milestone": "acknowledge", "priority": "all", "count": 6, "p50_seconds": 0.9, "p90_seconds": 1.3},
        {"milestone": "acknowledge", "priority": "medium", "count": 6, "p50_seconds": 0.9, "p90_seconds": 1.3}])
    for path in ("volume", "backlog", "compliance"):
        apis.get(f"{ANALYTICS}/v1/{path}").respond(json=[])
    for api in (INTAKE, ROUTING, RESOLUTION, NOTIFICATION, ANALYTICS):
        apis.get(f"{api}/metrics/").respond(text=METRICS)
    sign_in(client, "emp-0100")
    page = client.get("/desk/operations", headers={"Accept-Language": "ru"}).text.replace("\n", "")
    assert "<td>Все приоритеты</td>" in page and "<td>Средний</td>" in page and ">All<" not in page
    assert "0,9 секунды" in page


def test_operations_names_the_backlogs_ages_in_the_readers_language(client: TestClient,
                                                                    apis: respx.MockRouter) -> None:
    apis.get(f"{ANALYTICS}/v1/backlog").respond(json=[
        {"age_bucket": "0-3d", "priority": "high", "count": 6}, {"age_bucket": "7-14d", "priority": "high", "count": 2},
        {"age_bucket": "56d+", "priority": "low", "count": 1}])
    for path in ("volume", "compliance", "timings"):
        apis.get(f"{ANALYTICS}/v1/{path}").respond(json=[])
    for api in (INTAKE, ROUTING, RESOLUTION, NOTIFICATION, ANALYTICS):
        apis.get(f"{api}/metrics/").respond(text=METRICS)
    sign_in(client, "emp-0100")
    pages = {language: client.get("/desk/operations", headers={"Accept-Language": language}).text.replace("\n", "")
             for language in ("en", "ru", "be")}
    assert all(f"<td>{age}</td>" in pages["en"] for age in ("0–3 days", "7–14 days", "56 days or more"))
    assert all(f"<td>{age}</td>" in pages["ru"] for age in ("0–3 дня", "7–14 дней", "56 дней и больше"))
    assert all(f"<td>{age}</td>" in pages["be"] for age in ("0–3 сутак", "7–14 сутак", "56 сутак і больш"))
    assert not any(code in page for code in ("0-3d", "56d+") for page in pages.values())


def test_operations_says_why_analytics_refused(client: TestClient, apis: respx.MockRouter) -> None:
    for report in ("volume", "backlog", "compliance", "timings"):
        apis.get(f"{ANALYTICS}/v1/{report}").mock(return_value=Response(403, json=problem(403, "about:blank")))
    for base in (INTAKE, ROUTING, RESOLUTION, NOTIFICATION, ANALYTICS):
        apis.get(f"{base}/metrics/").respond(text="")
    sign_in(client, "emp-0001")
    page = client.get("/desk/operations")
    assert page.status_code == 403 and "You are not allowed to do this." in page.text
