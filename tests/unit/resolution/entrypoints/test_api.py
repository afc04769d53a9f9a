"""The staff API over the fake store: routes turn requests into use-case calls and domain errors into problems."""

from complaints_chassis.clock import Clock
from resolution.domain.states import CaseState

from tests.support.staff import bearer, staff_token
from tests.unit.resolution.builders import open_case_in

CID = "c-late-refund-0001"
AGENT = bearer(staff_token(sub="emp-0042", role="agent", team="support-en-1"))
ADMIN = bearer(staff_token(sub="emp-admin", role="admin"))


async def test_a_note_is_added_through_the_service(http, store):
    store.put(open_case_in(CaseState.INVESTIGATING))

    answer = await http.post(f"/cases/{CID}/notes", json={"version": 2, "text": "Called the courier"}, headers=AGENT)

    assert answer.status_code == 200, answer.text
    assert answer.json()["notes"][0]["note_id"] == "n-1" and answer.json()["version"] == 3
    assert "applied_event_keys" not in answer.json()


async def test_domain_errors_become_problems(http, store):
    store.put(open_case_in(CaseState.INVESTIGATING, regime="uk_fca_disp"))

    missing = await http.get("/cases/c-nobody-0000", headers=AGENT)
    stale = await http.post(f"/cases/{CID}/notes", json={"version": 1, "text": "x"}, headers=AGENT)
    illegal = await http.post(f"/cases/{CID}/closure", json={"version": 2}, headers=AGENT)
    incomplete = await http.post(f"/cases/{CID}/resolution", headers=AGENT, json={
        "version": 2, "outcome": "upheld", "final_response": "We refunded you."})
    denied = await http.post(f"/cases/{CID}/assignment", json={"version": 2, "team": "x"}, headers=AGENT)

    assert (missing.status_code, missing.json()["title"]) == (404, "Case not found")
    assert (stale.status_code, stale.json()["current_version"]) == (409, 2)
    assert (illegal.status_code, illegal.json()["state"]) == (409, "investigating")
    assert incomplete.status_code == 422 and incomplete.json()["type"] == "/problems/final-response-incomplete"
    assert denied.status_code == 403 and "may not reassign" in denied.json()["detail"]
    assert missing.headers["content-type"] == "application/problem+json"


async def test_the_work_queue_pages_what_the_caller_may_see(http, store):
    for n in range(3):
        store.put(open_case_in(complaint_id=f"c-queue-{n}"))

    page = (await http.get("/cases", params={"limit": 2}, headers=AGENT)).json()

    assert (len(page["items"]), page["total"], page["limit"]) == (2, 3, 2)
    assert set(page["items"][0]) >= {"complaint_id", "version", "state", "next_due_at"}


async def test_the_clock_routes_answer_404_where_clock_control_is_off(http, service):
    assert (await http.get("/admin/clock", headers=ADMIN)).status_code == 404

    service.clock_control = Clock()
    assert (await http.get("/admin/clock", headers=AGENT)).status_code == 403
    moved = await http.post("/admin/clock", json={"seconds": 3600}, headers=ADMIN)
    assert moved.status_code == 200 and moved.json()["offset_seconds"] == 3600


async def test_the_work_queue_and_the_search_select_the_cases_nobody_owns(http, store):
    store.put(open_case_in(complaint_id="c-owned-0001", assignee="emp-0042"))
    store.put(open_case_in(complaint_id="c-unowned-0001", assignee=None))

    queue = (await http.get("/cases", params={"unassigned": "true"}, headers=AGENT)).json()
    search = (await http.post("/cases/search", json={"unassigned": False}, headers=AGENT)).json()

    assert ([c["complaint_id"] for c in queue["items"]], queue["total"]) == (["c-unowned-0001"], 1)
    assert [c["complaint_id"] for c in search["items"]] == ["c-owned-0001"]


async def test_roles_of_other_services_are_set_aside_and_a_token_with_none_of_ours_is_forbidden(http, store):
    store.put(open_case_in(CaseState.INVESTIGATING))
    supervisor_and_compliance = bearer(staff_token(sub="emp-0100", role=["supervisor", "compliance"],
                                                   department="customer_support"))
    analyst = bearer(staff_token(sub="emp-0300", role="analyst"))

    read = await http.get(f"/cases/{CID}", headers=supervisor_and_compliance)
    refused = await http.get(f"/cases/{CID}", headers=analyst)

    assert read.status_code == 200, read.text
    assert refused.status_code == 403 and "none of the token's roles" in refused.json()["detail"]


async def test_a_duplicate_is_closed_by_merging_not_by_a_bare_closure(http, store):
    store.put(open_case_in(CaseState.INVESTIGATING))

    refused = await http.post(f"/cases/{CID}/closure", json={"version": 2, "close_reason": "duplicate"},
                              headers=AGENT)

    assert refused.status_code == 422, refused.text
    assert "merge" in refused.json()["detail"] and "close_reason" in refused.text
