"""Reports to the regulator on the case page: the form only where a report can meet an MDR deadline, the reports
filed, the timeline entry in words, and what becomes of a posted report or its refusal."""

import json
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

import pytest
import respx
from fastapi.testclient import TestClient
from httpx import Response
from web.domain.desk_actions import request_for
from web.domain.desk_refusals import Refused

from tests.unit.web.conftest import RESOLUTION, ROUTING, form, sign_in
from tests.unit.web.desk.samples import CASE_ID, NOW, case, decision, problem, rules

FORM_ACTION = f'action="/desk/cases/{CASE_ID}/actions/regulatory-report"'
MDR_DEADLINES = [
    {"name": "mdr_report", "clock": "regulatory", "basis": "FDA 21 CFR 803.50", "started_at": NOW.isoformat(),
     "due_at": (NOW + timedelta(days=20)).isoformat()},
    {"name": "mdr_five_day_report", "clock": "regulatory", "basis": "FDA 21 CFR 803.53",
     "started_at": NOW.isoformat(), "due_at": (NOW + timedelta(days=3)).isoformat()}]
FILED = {"report_type": "mdr_5_day", "reference": "MW5012345", "filed_at": (NOW - timedelta(hours=2)).isoformat(),
         "recorded_at": NOW.isoformat(), "by": "emp-0042", "deadlines_met": ["mdr_five_day_report", "mdr_report"]}
RECORDED = {"action": "file_regulatory_report", "at": NOW.isoformat(), "by": "emp-0042", "from_state": "investigating",
            "to_state": "investigating", "reason": "", "version": 4,
            "detail": {"report_type": "mdr_5_day", "reference": "MW5012345",
                       "deadlines_met": "mdr_five_day_report,mdr_report"}}


def _case_apis(apis: respx.MockRouter, **overrides: object) -> None:
    allowed = ["add_internal_note", "file_regulatory_report"]
    apis.get(f"{RESOLUTION}/cases/{CASE_ID}").respond(json=case(allowed_actions=allowed) | overrides)
    apis.get(f"{ROUTING}/v1/decisions/{CASE_ID}").respond(json=decision())
    apis.get(f"{ROUTING}/v1/rules").respond(json=rules())


def _page(client: TestClient, language: str = "en") -> str:
    return client.get(f"/desk/cases/{CASE_ID}", headers={"Accept-Language": language}).text.replace("\n", "")


def test_the_form_is_offered_on_a_case_with_an_mdr_deadline(client: TestClient, apis: respx.MockRouter) -> None:
    _case_apis(apis, deadlines=MDR_DEADLINES)
    sign_in(client)
    page = _page(client)
    assert FORM_ACTION in page and 'type="datetime-local" id="field-regulatory-report-filed_at"' in page
    assert '<option value="mdr_30_day">30-day medical device report</option>' in page
    assert '<option value="mdr_5_day">5-day medical device report</option>' in page
    assert 'value="supplemental"' not in page, "a supplemental report needs an initial one on file"
    assert "Urgent report to the regulator" in page and "No report has been recorded yet." in page


def test_no_form_where_resolution_could_only_refuse_it(client: TestClient, apis: respx.MockRouter) -> None:
    service_only = [d | {"clock": "service"} for d in MDR_DEADLINES]
    for deadlines in (case()["deadlines"], service_only):
        apis.routes.clear()
        _case_apis(apis, deadlines=deadlines)
        sign_in(client)
        page = _page(client)
        assert FORM_ACTION not in page and "Reports to the regulator" not in page
        assert '/actions/note"' in page


def test_no_form_when_the_lifecycle_does_not_allow_it(client: TestClient, apis: respx.MockRouter) -> None:
    apis.get(f"{RESOLUTION}/cases/{CASE_ID}").respond(json=case(allowed_actions=["add_internal_note"],
                                                                deadlines=MDR_DEADLINES))
    apis.get(f"{ROUTING}/v1/decisions/{CASE_ID}").respond(json=decision())
    apis.get(f"{ROUTING}/v1/rules").respond(json=rules())
    sign_in(client)
    assert FORM_ACTION not in _page(client)


def test_the_reports_filed_and_the_timeline_are_in_words(client: TestClient, apis: respx.MockRouter) -> None:
    met = [d | {"met_at": FILED["filed_at"]} for d in MDR_DEADLINES]
    _case_apis(apis, deadlines=met, regulatory_reports=[FILED], audit=[RECORDED])
    sign_in(client)
    page = _page(client)
    row = page[page.index('<th scope="row">5-day medical device report</th>'):]
    assert row.index("MW5012345") < row.index("Urgent report to the regulator, Report to the regulator")
    assert "emp-0042" in row[:row.index("</tr>")]
    assert "<strong>Report to the regulator recorded</strong> (5-day medical device report, MW5012345)" in page
    assert 'value="supplemental"' in page, "with an initial report on file a supplemental one may follow"
    russian = _page(client, "ru")
    assert "5-дневное сообщение о медицинском изделии" in russian and "Сообщение регулятору внесено" in russian


def test_a_report_goes_to_resolution_and_returns_with_a_confirmation(client: TestClient,
                                                                     apis: respx.MockRouter) -> None:
    _case_apis(apis, deadlines=MDR_DEADLINES)
    filing = apis.post(f"{RESOLUTION}/cases/{CASE_ID}/regulatory-reports").respond(json=case())
    sign_in(client)
    answer = client.post(f"/desk/cases/{CASE_ID}/actions/regulatory-report", follow_redirects=False,
                         data=form(client, version="3", report_type="mdr_30_day", reference=" MW5012345 ",
                                   filed_at="2024-03-01T09:30", reason="sent by regulatory affairs"))
    assert answer.status_code == 303
    assert answer.headers["location"].startswith(f"/desk/cases/{CASE_ID}?done=regulatory-report")
    assert json.loads(filing.calls.last.request.content) == {
        "report_type": "mdr_30_day", "reference": "MW5012345", "filed_at": "2024-03-01T09:30:00+00:00",
        "reason": "sent by regulatory affairs", "version": 3}
    assert filing.calls.last.request.headers["authorization"].startswith("Bearer ")
    assert "The report to the regulator has been recorded." in client.get(answer.headers["location"]).text


def test_a_filing_time_in_the_future_is_refused_by_the_desk(client: TestClient, apis: respx.MockRouter) -> None:
    _case_apis(apis, deadlines=MDR_DEADLINES)
    filing = apis.post(f"{RESOLUTION}/cases/{CASE_ID}/regulatory-reports").respond(json=case())
    sign_in(client)
    page = client.post(f"/desk/cases/{CASE_ID}/actions/regulatory-report", data=form(
        client, version="3", report_type="mdr_30_day", reference="MW5012345",
        filed_at=(NOW + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")))
    assert page.status_code == 422 and not filing.called
    assert 'href="#field-regulatory-report-filed_at"' in page.text and 'aria-invalid="true"' in page.text
    assert "Enter a date and time that is not in the future." in page.text and 'value="MW5012345"' in page.text


def test_a_refusal_by_resolution_names_the_field(client: TestClient, apis: respx.MockRouter) -> None:
    _case_apis(apis, deadlines=MDR_DEADLINES)
    apis.post(f"{RESOLUTION}/cases/{CASE_ID}/regulatory-reports").mock(return_value=Response(422, json=problem(
        422, "/problems/rule-violation", "report MW5012345 is already recorded on this case",
        errors=[{"field": "reference", "reason": "report MW5012345 is already recorded on this case"}])))
    sign_in(client)
    page = client.post(f"/desk/cases/{CASE_ID}/actions/regulatory-report", headers={"Accept-Language": "be"},
                       data=form(client, version="3", report_type="mdr_30_day", reference="MW5012345",
                                 filed_at="2024-03-01T09:30"))
    assert page.status_code == 422
    assert "Дзеянне парушае правіла" in page.text
    assert 'href="#field-regulatory-report-reference"' in page.text
    assert "already recorded on this case" in page.text


@pytest.mark.parametrize(("fields", "field"), [
    ({"report_type": "mdr_90_day", "reference": "R1", "filed_at": "2024-03-01T09:30"}, "report_type"),
    ({"report_type": "mdr_30_day", "reference": "  ", "filed_at": "2024-03-01T09:30"}, "reference"),
    ({"report_type": "mdr_30_day", "reference": "R1", "filed_at": ""}, "filed_at"),
    ({"report_type": "mdr_30_day", "reference": "R1", "filed_at": "1 March"}, "filed_at"),
])
def test_the_desk_checks_what_it_can_before_asking(fields: dict[str, str], field: str) -> None:
    with pytest.raises(Refused) as refused:
        request_for("regulatory-report", {"version": "3"} | fields, now=NOW)
    assert [f.field for f in refused.value.refusal.fields] == [field]


def test_the_filing_time_is_read_in_the_pages_time_zone() -> None:
    _, body = request_for("regulatory-report", {"version": "3", "report_type": "supplemental", "reference": "R2",
                                                "filed_at": "2024-03-01T09:30"}, zone=ZoneInfo("Europe/Minsk"),
                          now=NOW.astimezone(UTC))
    assert body["filed_at"] == "2024-03-01T06:30:00+00:00"
