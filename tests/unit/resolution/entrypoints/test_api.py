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
