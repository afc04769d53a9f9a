"""The staff API: a whole case worked through by each role, denials, conflicts and the final-response check."""

import asyncio

from complaint_contracts.intake import CustomerMessageReceived, ResolutionDecisionReceived
from complaint_contracts.types import Clock, Decision, Regime
from prometheus_client.parser import text_string_to_metric_families

from tests.support.kafka import eventually

from .rig import FCA_TEXT, SECRET, Rig, bearer, new_team, token

REFUND = {"kind": "refund", "amount": {"amount": "49.99", "currency": "GBP"}, "description": "LATE-REFUND"}


async def _version(rig: Rig, complaint_id: str, state: str) -> int | None:
    doc = await rig.case_doc(complaint_id)
    return doc["version"] if doc and doc.get("state") == state else None


async def _deadlines_met(rig: Rig, clock: Clock) -> float:
    """The service's count of deadlines met in time on the clock, as Prometheus would scrape it."""
    text = (await rig.http.get("/metrics/")).text
    return next(sample.value for family in text_string_to_metric_families(text) for sample in family.samples
                if sample.name == "complaints_resolution_deadlines_met_total" and sample.labels == {"clock": clock})


async def test_a_case_is_worked_from_opening_to_reopening_by_agent_supervisor_and_quality(rig: Rig) -> None:
    team = new_team()
    agent = bearer(token("agent", team=team, sub="emp-0042"))
    supervisor = bearer(token("supervisor", department="customer_support", sub="emp-0007"))
    quality = bearer(token("quality", sub="emp-0100"))
    routed = rig.routed(team=team, regime=Regime.UK_FCA_DISP,
                        deadlines=[rig.deadline("final_response", Clock.REGULATORY, 56)])
    cid = routed.complaint_id
    await rig.open(routed)

    async def post(path: str, who: dict[str, str], **body: object) -> dict:
        answer = await rig.http.post(f"/cases/{cid}/{path}", json=body, headers=who)
        assert answer.status_code == 200, answer.text
        return answer.json()

    view = await post("investigation", agent, version=1, reason="picked up from the queue")
    view = await post("notes", agent, version=view["version"], text="Called the courier", public=False)
    view = await post("information-requests", agent, version=view["version"], question="Which order was it?")
    assert view["state"] == "awaiting_customer"
    await rig.publish(CustomerMessageReceived(complaint_id=cid, message_id="m-1", text="Order 1234",
                                              in_reply_to=view["information_request_id"], time=rig.now()))
    await eventually(lambda: _version(rig, cid, "investigating"))
    view = (await rig.http.get(f"/cases/{cid}", headers=agent)).json()
    view = await post("proposals", agent, version=view["version"], summary="Refund the delivery charge",
                      remedies=[REFUND])
    proposal_id = view["current_proposal_id"]
    await rig.publish(ResolutionDecisionReceived(complaint_id=cid, proposal_id=proposal_id,
                                                 decision=Decision.ACCEPTED, time=rig.now()))
    version = await _wait_version(rig, cid, "accepted")
    view = await post("implementation", agent, version=version, details="refund sent")
    view = await post("redress-payments", agent, version=view["version"], proposal_id=proposal_id, kind="refund",
                      amount={"amount": "49.99", "currency": "GBP"}, payment_reference="PAY-1")
    assert view["redress_totals"] == [{"currency": "GBP", "offered": "0", "accepted": "49.99", "paid": "49.99"}]

    incomplete = await rig.http.post(f"/cases/{cid}/resolution", headers=agent, json={
        "version": view["version"], "outcome": "upheld", "final_response": "We refunded you. Final response."})
    assert incomplete.status_code == 422
    assert incomplete.headers["content-type"] == "application/problem+json"
    assert any("Financial Ombudsman Service" in m for m in incomplete.json()["missing"])
    assert any("six months" in m for m in incomplete.json()["missing"])

    met_before = await _deadlines_met(rig, Clock.REGULATORY)
    view = await post("resolution", agent, version=view["version"], outcome="upheld", final_response=FCA_TEXT,
                      root_cause="courier-handover")
    view = await post("closure", agent, version=view["version"], close_reason="resolved")
    assert view["state"] == "closed"
    view = await post("reopening", supervisor, version=view["version"], reason="customer called back")
    view = await post("escalation", supervisor, version=view["version"], reason="second complaint")
    view = await post("assignment", supervisor, version=view["version"], team=team, assignee="emp-0099",
                      reason="emp-0042 on leave")
    assert (view["state"], view["tier"], view["assignee"]) == ("investigating", 2, "emp-0099")

    raised = await rig.http.post("/corrective-actions", headers=quality, json={
        "complaint_ids": [cid], "root_cause": "courier-handover", "action": "Photograph every handover",
        "owner": "logistics"})
    assert raised.status_code == 201, raised.text

    audit = (await rig.http.get(f"/cases/{cid}", headers=quality)).json()["audit"]
    assert [(e["by"], e["action"]) for e in audit if e["by"] != "system"][-4:] == [
        ("emp-0007", "reopen"), ("emp-0007", "escalate"), ("emp-0007", "reassign"),
        ("emp-0100", "attach_corrective_action")]
    assert audit[0]["reason"] == "routed" and audit[1]["reason"] == "picked up from the queue"
    assert await rig.published(cid, until="RedressPaid") == [
        "CaseOpened", "InvestigationStarted", "InformationRequested", "InvestigationResumed", "ResolutionProposed",
        "ResolutionImplemented", "RedressPaid"]
    assert 'complaints_resolution_time_in_state_seconds_count{state="awaiting_customer"}' in (
        await rig.http.get("/metrics/")).text
    # The final response met the regulatory deadline in time: counted once, not again on reopening and later actions.
    assert await _deadlines_met(rig, Clock.REGULATORY) == met_before + 1


async def test_requests_without_a_valid_token_are_unauthorized(rig: Rig) -> None:
    routed = rig.routed(team=new_team())
    await rig.open(routed)
    path = f"/cases/{routed.complaint_id}"

    missing = await rig.http.get(path)
    forged = await rig.http.get(path, headers=bearer(token("admin", secret="another-secret-" + "y" * 32)))
    expired = await rig.http.get(path, headers=bearer(token("admin", expires_in=-60)))
    unknown_role = await rig.http.get(path, headers=bearer(token("janitor")))

    assert [r.status_code for r in (missing, forged, expired)] == [401, 401, 401]
    assert unknown_role.status_code == 403  # a valid token, but no role that works cases
    assert missing.headers["www-authenticate"].startswith("Bearer")
    assert SECRET not in forged.text


async def test_employees_are_refused_outside_their_scope(rig: Rig) -> None:
    team = new_team()
    routed = rig.routed(team=team, department="billing")
    cid = routed.complaint_id
    await rig.open(routed)
    other_agent = bearer(token("agent", team=new_team()))
    own_agent = bearer(token("agent", team=team))
    other_supervisor = bearer(token("supervisor", department="customer_support"))
    legal = bearer(token("legal", team="legal-1"))

    assert (await rig.http.get(f"/cases/{cid}", headers=other_agent)).status_code == 403
    assert (await rig.http.post(f"/cases/{cid}/investigation", json={"version": 1},
                                headers=other_supervisor)).status_code == 403
    reassign = await rig.http.post(f"/cases/{cid}/assignment", json={"version": 1, "team": "x"}, headers=own_agent)
    assert reassign.status_code == 403 and "may not reassign" in reassign.json()["detail"]
    assert (await rig.http.get(f"/cases/{cid}", headers=legal)).status_code == 200
    assert (await rig.http.post(f"/cases/{cid}/escalation", json={"version": 1}, headers=legal)).status_code == 403
    corrective = await rig.http.post("/corrective-actions", headers=own_agent, json={
        "complaint_ids": [cid], "root_cause": "x", "action": "y", "owner": "z"})
    assert corrective.status_code == 403
    assert (await rig.http.get("/admin/clock", headers=own_agent)).status_code == 403


async def test_two_agents_editing_the_same_version_get_one_success_and_one_conflict(rig: Rig) -> None:
    team = new_team()
    routed = rig.routed(team=team)
    cid = routed.complaint_id
    await rig.open(routed)
    agent = bearer(token("agent", team=team))

    answers = await asyncio.gather(*(
        rig.http.post(f"/cases/{cid}/notes", json={"version": 1, "text": text}, headers=agent)
        for text in ("first look", "second look")))

    assert sorted(a.status_code for a in answers) == [200, 409]
    conflict = next(a for a in answers if a.status_code == 409).json()
    assert conflict["current_version"] == 2
    doc = await rig.case_doc(cid)
    assert (doc["version"], len(doc["notes"])) == (2, 1)


async def test_an_illegal_transition_names_the_state_and_the_allowed_actions(rig: Rig) -> None:
    team = new_team()
    routed = rig.routed(team=team)
    await rig.open(routed)

    answer = await rig.http.post(f"/cases/{routed.complaint_id}/closure", json={"version": 1},
                                 headers=bearer(token("agent", team=team)))

    assert answer.status_code == 409
    body = answer.json()
    assert body["state"] == "opened" and "investigate" in body["allowed_actions"]
    assert "cannot close a case that is opened" in body["detail"]


async def test_the_work_queue_shows_the_nearest_deadline_first_one_page_at_a_time(rig: Rig) -> None:
    team = new_team()
    agent = bearer(token("agent", team=team))
    later, sooner = (rig.routed(team=team, deadlines=[rig.deadline("resolve", Clock.SERVICE, days)])
                     for days in (30, 5))
    none = rig.routed(team=team, assignee=None)
    elsewhere = rig.routed(team=new_team())
    for routed in (later, sooner, none, elsewhere):
        await rig.open(routed)

    first = (await rig.http.get("/cases", params={"limit": 2}, headers=agent)).json()
    second = (await rig.http.get("/cases", params={"limit": 2, "offset": 2}, headers=agent)).json()
    filtered = (await rig.http.get("/cases", params={"state": "opened", "team": team, "priority": "medium"},
                                   headers=bearer(token("admin")))).json()
    unowned = (await rig.http.get("/cases", params={"unassigned": "true"}, headers=agent)).json()
    owned = (await rig.http.post("/cases/search", json={"unassigned": False}, headers=agent)).json()
    bad = await rig.http.get("/cases", params={"state": "dreaming"}, headers=agent)

    assert [c["complaint_id"] for c in first["items"] + second["items"]] == [
        sooner.complaint_id, later.complaint_id, none.complaint_id]
    assert first["total"] == 3
    assert filtered["total"] == 3
    assert ([c["complaint_id"] for c in unowned["items"]], unowned["total"]) == ([none.complaint_id], 1)
    assert [c["complaint_id"] for c in owned["items"]] == [sooner.complaint_id, later.complaint_id]
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"].startswith("state")


async def _wait_version(rig: Rig, complaint_id: str, state: str) -> int:
    await eventually(lambda: _is(rig, complaint_id, state))
    version = await _version(rig, complaint_id, state)
    assert version is not None
    return version


async def _is(rig: Rig, complaint_id: str, state: str) -> bool:
    return await _version(rig, complaint_id, state) is not None
