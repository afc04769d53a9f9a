"""The new staff routes over the fake stores: the case file, the search in the body (personal data never in the
URL), the CSV export, and problems that name the rule or the field."""

import csv
import io
from datetime import timedelta

from resolution.domain.states import CaseState

from tests.support.staff import bearer, staff_token
from tests.unit.resolution.builders import MONDAY_9AM, make_received, open_case_in

CID = "c-late-refund-0001"
AGENT = bearer(staff_token(sub="emp-0042", role="agent", team="support-en-1"))
SUPERVISOR = bearer(staff_token(sub="emp-0007", role="supervisor", department="customer_support"))


async def test_the_case_file_shows_the_complaint_whom_it_is_about_and_the_acknowledgement(http, store, service):
    store.put(open_case_in(CaseState.INVESTIGATING))
    await service.record_received(received=[make_received(about_team="courier-desk")])

    view = (await http.get(f"/cases/{CID}", headers=AGENT)).json()

    assert view["complaint"]["title"] == "Refund not received"
    assert view["complaint"]["about"]["team"] == "courier-desk"
    assert view["complaint"]["customer"]["email"] == "alesia@example.org"
    assert (view["acknowledgement"], view["conversation"], view["duplicates"]) == (
        "acknowledgement not confirmed yet", [], [])


async def test_a_search_by_e_mail_goes_in_the_body_and_pages_behind_a_cursor(http, store, service):
    for n in range(3):
        store.put(open_case_in(complaint_id=f"c-same-cust-000{n}"))
        await service.record_received(received=[make_received(complaint_id=f"c-same-cust-000{n}",
                                                              tracking_number=f"CMP-{n}")])

    first = (await http.post("/cases/search", json={"email": "ALESIA@example.org", "limit": 2}, headers=AGENT)).json()
    rest = (await http.post("/cases/search", json={"email": "alesia@example.org", "limit": 2,
                                                   "cursor": first["next_cursor"]}, headers=AGENT)).json()

    assert [i["tracking_number"] for i in first["items"] + rest["items"]] == ["CMP-0", "CMP-1", "CMP-2"]
    assert rest["next_cursor"] is None and first["truncated"] is False


async def test_a_bad_cursor_and_a_bad_filter_name_the_field(http):
    cursor = await http.post("/cases/search", json={"cursor": "not-ours"}, headers=AGENT)
    state = await http.post("/cases/search", json={"states": ["lost"]}, headers=AGENT)

    assert (cursor.status_code, cursor.json()["errors"][0]["field"]) == (400, "cursor")
    assert state.status_code == 422 and "states" in state.json()["errors"][0]["field"]


async def test_a_field_the_search_does_not_know_is_refused_and_named_not_ignored(http, store, service):
    store.put(open_case_in())
    await service.record_received(received=[make_received()])

    misspelt = await http.post("/cases/search", json={"query": "CMP-NOSUCH"}, headers=AGENT)
    note = await http.post(f"/cases/{CID}/notes", json={"version": 1, "text": "Called", "pubic": True}, headers=AGENT)

    # Ignored, the misspelt filter would have answered every case in scope.
    assert misspelt.status_code == 422 and misspelt.headers["content-type"] == "application/problem+json"
    errors = misspelt.json()["errors"]
    assert [(e["field"], e["reason"]) for e in errors] == [("query", "Extra inputs are not permitted")]
    assert note.status_code == 422 and [e["field"] for e in note.json()["errors"]] == ["pubic"]


async def test_the_export_is_csv_for_a_supervisor_and_refused_to_an_agent(http, store, service):
    store.put(open_case_in())
    await service.record_received(received=[make_received()])

    refused = await http.post("/cases/export", json={}, headers=AGENT)
    exported = await http.post("/cases/export", json={"text": "refund"}, headers=SUPERVISOR)

    assert refused.status_code == 403 and refused.headers["content-type"] == "application/problem+json"
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    assert exported.headers["x-export-rows"] == "1"
    [row] = list(csv.DictReader(io.StringIO(exported.text)))
    assert (row["complaint_id"], row["customer_email"]) == (CID, "alesia@example.org")


async def test_a_reassignment_to_whom_it_is_about_answers_409_naming_the_rule(http, store, service):
    store.put(open_case_in(CaseState.INVESTIGATING))
    await service.record_received(received=[make_received(about_team="courier-desk")])

    answer = await http.post(f"/cases/{CID}/assignment", json={"version": 2, "team": "courier-desk"},
                             headers=SUPERVISOR)

    body = answer.json()
    assert (answer.status_code, body["type"], body["rule"]) == (409, "/problems/objectivity", "objectivity")
    assert body["errors"] == [{"field": "team", "reason": body["detail"]}]


async def test_a_plan_step_already_due_is_refused_naming_it(http, store):
    store.put(open_case_in(CaseState.INVESTIGATING))
    past = (MONDAY_9AM - timedelta(days=1)).isoformat()

    answer = await http.post(f"/cases/{CID}/proposals", headers=AGENT, json={
        "version": 2, "summary": "Refund", "remedies": [{"kind": "refund"}],
        "plan": [{"description": "Refund the charge", "due_at": past}]})

    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "plan[0].due_at"


async def test_templates_and_the_draft_check_answer_for_the_case(http, store, service):
    store.put(open_case_in(CaseState.IMPLEMENTING))
    await service.record_received(received=[make_received(language="ru")])

    templates = (await http.get(f"/cases/{CID}/response-templates", params={"outcome": "upheld"},
                                headers=AGENT)).json()["items"]
    check = (await http.post(f"/cases/{CID}/final-response/check", headers=AGENT,
                             json={"outcome": "upheld", "final_response": "Sorted."})).json()

    assert [t["language"] for t in templates] == ["ru"] and "Наше решение" in templates[0]["text"]
    assert check["missing"] == [] and "the decision on the complaint, in words" in check["minimum_gaps"]
