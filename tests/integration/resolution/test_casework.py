"""Casework on the embedded stack: objectivity, duplicates linked and merged, reopening with running clocks, the
agreed plan announced step by step, corrections announced for routing, and a customer no channel reaches."""

from datetime import datetime, timedelta

from complaint_contracts.intake import ResolutionDecisionReceived
from complaint_contracts.notification import NotificationFailed, NotificationSent
from complaint_contracts.resolution import AssessmentCorrected, ComplaintMerged, PlanStepCompleted, ResolutionProposed
from complaint_contracts.routing import PossibleDuplicateDetected
from complaint_contracts.types import Clock, Decision

from tests.support.kafka import eventually

from .rig import Rig, bearer, new_team, token

REFUND = {"kind": "refund", "amount": {"amount": "49.99", "currency": "GBP"}, "description": "LATE-REFUND"}
SUPERVISOR = bearer(token("supervisor", department="customer_support", sub="emp-0007"))


async def _post(rig: Rig, cid: str, path: str, who: dict[str, str], **body: object) -> dict:
    answer = await rig.http.post(f"/cases/{cid}/{path}", json=body, headers=who)
    assert answer.status_code == 200, answer.text
    return answer.json()


async def _wait_state(rig: Rig, cid: str, state: str) -> None:
    async def reached() -> bool:
        return (await rig.case_doc(cid))["state"] == state

    await eventually(reached)


async def test_a_reassignment_to_the_team_the_complaint_is_about_is_refused_naming_the_rule(rig: Rig) -> None:
    routed = rig.routed(team=new_team())
    await rig.open(routed, rig.received(routed, about_team="courier-desk"))

    refused = await rig.http.post(f"/cases/{routed.complaint_id}/assignment", headers=SUPERVISOR,
                                  json={"version": 1, "team": "courier-desk"})

    assert refused.status_code == 409 and refused.headers["content-type"] == "application/problem+json"
    assert (refused.json()["rule"], refused.json()["errors"][0]["field"]) == ("objectivity", "team")
    view = (await rig.http.get(f"/cases/{routed.complaint_id}", headers=SUPERVISOR)).json()
    assert view["complaint"]["about"]["team"] == "courier-desk" and view["version"] == 1


async def test_duplicates_are_linked_on_both_cases_then_merged_and_the_customer_told_where_it_went(rig: Rig) -> None:
    team = new_team()
    original, duplicate = rig.routed(team=team, assignee="emp-0077"), rig.routed(team=team, assignee="emp-0042")
    await rig.open(original)
    await rig.open(duplicate)
    tracking = (await rig.details_doc(original.complaint_id))["details"]["tracking_number"]
    await rig.publish(PossibleDuplicateDetected(complaint_id=duplicate.complaint_id,
                                                duplicate_of=original.complaint_id, similarity=0.92,
                                                reason="same customer, same words", time=rig.now()))

    async def linked() -> bool:  # on both cases: one write each, not one atomic write
        return all([(await rig.case_doc(cid))["duplicates"] for cid in (original.complaint_id, duplicate.complaint_id)])

    await eventually(linked)
    view = (await rig.http.get(f"/cases/{duplicate.complaint_id}", headers=SUPERVISOR)).json()
    assert [(d["complaint_id"], d["tracking_number"]) for d in view["duplicates"]] == [
        (original.complaint_id, tracking)]
    view = await _post(rig, duplicate.complaint_id, "duplicates", SUPERVISOR, version=view["version"],
                       duplicate_of=original.complaint_id, assign_to_original_owner=True)
    assert view["assignee"] == "emp-0077"
    view = await _post(rig, duplicate.complaint_id, "merge", SUPERVISOR, version=view["version"],
                       into=original.complaint_id, reason="same parcel")

    assert (view["state"], view["close_reason"], view["merged_into"]) == ("closed", "duplicate",
                                                                          original.complaint_id)
    assert (await rig.case_doc(original.complaint_id))["merged_from"] == [duplicate.complaint_id]
    merged = await rig.event(duplicate.complaint_id, "ComplaintMerged")
    assert isinstance(merged, ComplaintMerged) and merged.merged_into_tracking_number == tracking
    assert (await rig.published(duplicate.complaint_id, until="ComplaintMerged"))[-2:] == [
        "ComplaintClosed", "ComplaintMerged"]


async def test_a_reopened_case_runs_its_clocks_again(rig: Rig) -> None:
    team = new_team()
    agent = bearer(token("agent", team=team))
    routed = rig.routed(team=team, deadlines=[rig.deadline("resolve", Clock.SERVICE, 5),
                                              rig.deadline("final_response", Clock.REGULATORY, 56)])
    cid = routed.complaint_id
    await rig.open(routed)
    view = await _post(rig, cid, "investigation", agent, version=1)
    view = await _post(rig, cid, "resolution", agent, version=view["version"], outcome="not_upheld",
                       final_response="We do not uphold it.")
    assert view["next_due_at"] is None and (await rig.case_doc(cid))["next_alert_at"] is None
    rig.deps.clock.shift(3 * 86400)
    reopened_at = rig.now()

    view = await _post(rig, cid, "reopening", agent, version=view["version"], reason="new evidence")

    due = {(d["name"], d["clock"]): d for d in view["deadlines"]}
    regulatory = due[("final_response", "regulatory")]
    assert regulatory["met_at"] is None
    assert abs(_at(regulatory["due_at"]) - (reopened_at + timedelta(days=56))) < timedelta(minutes=1)
    assert due[("resolve", "service")]["met_at"] is None and _at(due[("resolve", "service")]["due_at"]) > reopened_at
    assert (await rig.case_doc(cid))["next_alert_at"] is not None


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


async def test_the_agreed_plan_reaches_the_customer_and_each_step_done_is_announced(rig: Rig) -> None:
    team = new_team()
    agent = bearer(token("agent", team=team))
    routed = rig.routed(team=team)
    cid = routed.complaint_id
    await rig.open(routed)
    step_due = (rig.now() + timedelta(days=3)).isoformat()
    view = await _post(rig, cid, "investigation", agent, version=1)
    view = await _post(rig, cid, "proposals", agent, version=view["version"], summary="Refund", remedies=[REFUND],
                       plan=[{"description": "Refund to the card used", "due_at": step_due}])
    proposed = await rig.event(cid, "ResolutionProposed")
    assert isinstance(proposed, ResolutionProposed)
    assert [(s.step_id, s.description, s.owner) for s in proposed.plan] == [("s-1", "Refund to the card used",
                                                                            "emp-0042")]
    await rig.publish(ResolutionDecisionReceived(complaint_id=cid, proposal_id=view["current_proposal_id"],
                                                 decision=Decision.ACCEPTED, time=rig.now()))
    await _wait_state(rig, cid, "accepted")
    version = (await rig.case_doc(cid))["version"]
    view = await _post(rig, cid, "plan-steps/s-1/completion", agent, version=version, note="Refunded")

    done = await rig.event(cid, "PlanStepCompleted")
    assert isinstance(done, PlanStepCompleted) and (done.step_id, done.note) == ("s-1", "Refunded")
    assert [e["kind"] for e in view["conversation"]][-1] == "plan_step_completed"


async def test_an_overdue_step_warns_its_owner_from_the_deadline_scan(rig: Rig) -> None:
    team = new_team()
    agent = bearer(token("agent", team=team))
    admin = bearer(token("admin", sub="emp-admin"))
    routed = rig.routed(team=team)
    cid = routed.complaint_id
    await rig.open(routed)
    view = await _post(rig, cid, "investigation", agent, version=1)
    view = await _post(rig, cid, "proposals", agent, version=view["version"], summary="Refund", remedies=[REFUND],
                       plan=[{"description": "Refund", "due_at": (rig.now() + timedelta(hours=2)).isoformat(),
                              "owner": "emp-0088"}])
    await rig.publish(ResolutionDecisionReceived(complaint_id=cid, proposal_id=view["current_proposal_id"],
                                                 decision=Decision.ACCEPTED, time=rig.now()))
    await _wait_state(rig, cid, "accepted")
    shifted = await rig.http.post("/admin/clock", json={"seconds": 3 * 3600}, headers=admin)
    assert shifted.status_code == 200

    overdue = await rig.event(cid, "PlanStepOverdue")
    assert (overdue.step_id, overdue.owner) == ("s-1", "emp-0088")
    rig.deps.clock.shift(-3 * 3600)


async def test_a_correction_is_announced_with_old_and_new_values(rig: Rig) -> None:
    team = new_team()
    agent = bearer(token("agent", team=team))
    routed = rig.routed(team=team)
    await rig.open(routed)

    view = await _post(rig, routed.complaint_id, "assessment", agent, version=1, category="delivery",
                       priority="high", reason="A lost parcel, and the customer is vulnerable")
    refused = await rig.http.post(f"/cases/{routed.complaint_id}/assessment", headers=agent,
                                  json={"version": view["version"], "reason": "again", "category": "delivery"})

    assert (view["category"], view["priority"]) == ("delivery", "high")
    corrected = await rig.event(routed.complaint_id, "AssessmentCorrected")
    assert isinstance(corrected, AssessmentCorrected)
    assert [(c.field, c.old, c.new) for c in corrected.changes] == [("category", "billing", "delivery"),
                                                                    ("priority", "medium", "high")]
    assert (corrected.corrected_by, corrected.reason) == ("emp-0042", "A lost parcel, and the customer is vulnerable")
    assert refused.status_code == 422 and "changes nothing" in refused.json()["detail"]


async def test_a_customer_no_channel_reaches_is_shown_unacknowledged_and_the_agent_gets_a_call_task(rig: Rig) -> None:
    team = new_team()
    agent = bearer(token("agent", team=team))
    routed = rig.routed(team=team)
    cid = routed.complaint_id
    await rig.open(routed)

    await rig.publish(NotificationFailed(complaint_id=cid, notification_id="n-ack-1", template="acknowledgement",
                                         channel="none", recipient_kind="customer", trigger_event_id=str(routed.id),
                                         reason="no channel reaches the customer", permanent=True, attempts=1,
                                         time=rig.now()))

    async def tasked() -> bool:
        return bool((await rig.case_doc(cid))["tasks"])

    await eventually(tasked)
    view = (await rig.http.get(f"/cases/{cid}", headers=agent)).json()
    [task] = view["tasks"]
    assert view["acknowledgement"] == "not acknowledged: no channel reaches the customer"
    assert (task["kind"], task["owner"]) == ("call_customer", "emp-0042")
    done = await _post(rig, cid, f"tasks/{task['task_id']}/completion", agent, version=view["version"],
                       outcome="Called; acknowledged by phone")
    assert done["tasks"][0]["done_by"] == "emp-0042"


async def test_the_acknowledgement_is_kept_beside_the_case_and_stored_in_it_at_its_next_save(rig: Rig) -> None:
    team = new_team()
    agent = bearer(token("agent", team=team))
    early, later = (rig.routed(team=team, deadlines=[rig.deadline("acknowledge", Clock.SERVICE, 1),
                                                     rig.deadline("resolve", Clock.SERVICE, 10)]) for _ in range(2))

    def sent(routed) -> NotificationSent:
        return NotificationSent(complaint_id=routed.complaint_id, notification_id=f"n-{routed.complaint_id}",
                                template="acknowledgement", channel="email", recipient_kind="customer",
                                trigger_event_id=str(routed.id), time=rig.now())

    parked = await rig.parked()
    await rig.publish(sent(early))  # notification may hear of the complaint before resolution opens its case
    await rig.open(early)
    await rig.open(later)
    await rig.publish(sent(later))

    for routed in (early, later):
        cid = routed.complaint_id

        async def acknowledged(cid: str = cid) -> bool:
            view = (await rig.http.get(f"/cases/{cid}", headers=agent)).json()
            return view["acknowledgement"].startswith("acknowledged by email on")

        await eventually(acknowledged)
        view = (await rig.http.get(f"/cases/{cid}", headers=agent)).json()
        met = {d["name"]: d["met_at"] is not None for d in view["deadlines"]}
        assert met == {"acknowledge": True, "resolve": False} and view["version"] == 1
        assert view["next_due_at"] == view["deadlines"][1]["due_at"]  # the resolve deadline
        stored = await rig.case_doc(cid)
        assert stored["contact"]["acknowledged_at"] is None and stored["version"] == 1  # no update for it
        await _post(rig, cid, "investigation", agent, version=1)
        stored = await rig.case_doc(cid)
        assert stored["contact"]["acknowledged_by_channel"] == "email" and stored["deadlines"][0]["met_at"]
        audit = stored["audit"]
        assert sorted(e["action"] for e in audit) == ["investigate", "open", "record_contact"]
        times = [datetime.fromisoformat(e["at"]) for e in audit]
        assert times == sorted(times)  # the acknowledgement's entry in its place by time
    assert await rig.parked() == parked  # the early acknowledgement waited for nothing
