"""POST /cases/{id}/regulatory-reports: quality, legal, admin and the case's workers record a report filed with the
regulator; it meets the MDR deadlines of its type, is listed on the case and announced; a wrong one names its field."""

from datetime import timedelta

from complaint_contracts.resolution import RegulatoryReportFiled
from complaint_contracts.types import Clock, Deadline, Regime
from resolution.domain.states import CaseState

from tests.support.staff import bearer, staff_token
from tests.unit.resolution.builders import MONDAY_9AM, open_case_in, regulatory_deadline

CID = "c-late-refund-0001"
QUALITY = bearer(staff_token(sub="emp-0300", role="quality"))
OTHER_AGENT = bearer(staff_token(sub="emp-0099", role="agent", team="billing-1"))
AGENT = bearer(staff_token(sub="emp-0042", role="agent", team="support-en-1"))
FILED = MONDAY_9AM + timedelta(days=3)
MDR_DUE = MONDAY_9AM + timedelta(days=30)


def mdr_case(state: CaseState = CaseState.INVESTIGATING):
    return open_case_in(state, regime=Regime.US_FDA_MDR, deadlines=[
        Deadline(name="mdr_report", clock=Clock.REGULATORY, due_at=MDR_DUE, basis="30 days (21 CFR 803.50)")])


def report(version: int, **overrides) -> dict:
    return {"version": version, "report_type": "mdr_30_day", "reference": "MW5012345",
            "filed_at": FILED.isoformat(), **overrides}


def met_total(registry, clock: str) -> float:
    return registry.get_sample_value("complaints_resolution_deadlines_met_total", {"clock": clock})


async def test_quality_records_a_report_on_a_closed_case_and_it_meets_the_mdr_deadline(http, store, clock, registry):
    case = mdr_case(CaseState.CLOSED)
    store.put(case)
    clock.advance(days=4)

    answer = await http.post(f"/cases/{CID}/regulatory-reports", json=report(case.version), headers=QUALITY)

    assert answer.status_code == 200, answer.text
    view = answer.json()
    [listed] = view["regulatory_reports"]
    assert (listed["report_type"], listed["reference"], listed["by"]) == ("mdr_30_day", "MW5012345", "emp-0300")
    [deadline] = [d for d in view["deadlines"] if d["name"] == "mdr_report"]
    assert deadline["met_at"] == FILED.isoformat().replace("+00:00", "Z")
    [event] = [e for e in store.published if isinstance(e, RegulatoryReportFiled)]
    assert (event.filed_at, event.deadlines_met) == (FILED, ["mdr_report"])
    assert met_total(registry, "regulatory") == 1.0


async def test_an_agent_of_another_team_may_not_record_one(http, store):
    case = mdr_case()
    store.put(case)

    answer = await http.post(f"/cases/{CID}/regulatory-reports", json=report(case.version), headers=OTHER_AGENT)

    assert answer.status_code == 403
    assert (await store.get(CID)).regulatory_reports == []


async def test_a_case_with_no_mdr_deadline_answers_422_naming_the_report_type(http, store, clock):
    case = open_case_in(CaseState.INVESTIGATING, regime=Regime.UK_FCA_DISP,
                        deadlines=[regulatory_deadline(MONDAY_9AM + timedelta(weeks=8))])
    store.put(case)
    clock.advance(days=4)

    answer = await http.post(f"/cases/{CID}/regulatory-reports", json=report(case.version), headers=AGENT)

    body = answer.json()
    assert (answer.status_code, body["type"]) == (422, "/problems/rule-violation")
    assert [e["field"] for e in body["errors"]] == ["report_type"]


async def test_a_report_filed_in_the_future_answers_422_naming_filed_at(http, store, clock):
    case = mdr_case()
    store.put(case)
    clock.advance(days=1)

    answer = await http.post(f"/cases/{CID}/regulatory-reports", json=report(case.version), headers=AGENT)

    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == ["filed_at"]
    assert (await store.get(CID)).regulatory_reports == []


async def test_an_unknown_report_type_answers_422_naming_it(http, store):
    case = mdr_case()
    store.put(case)

    answer = await http.post(f"/cases/{CID}/regulatory-reports", json=report(case.version, report_type="annual"),
                             headers=AGENT)

    assert answer.status_code == 422
    assert any("report_type" in e["field"] for e in answer.json()["errors"])
