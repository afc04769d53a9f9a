"""Cases open from routing decisions and follow the customer's answers, each event applied once."""

from complaint_contracts.intake import SOURCE as INTAKE
from complaint_contracts.intake import ComplaintWithdrawn, EscalationRequested, ResolutionDecisionReceived
from complaint_contracts.types import Decision, Money, Remedy, RemedyKind

from tests.support.kafka import eventually

from .rig import Rig, bearer, new_team, token

REFUND = Remedy(kind=RemedyKind.REFUND, amount=Money(amount="49.99", currency="GBP"), description="LATE-REFUND")


async def _state(rig: Rig, complaint_id: str, expected: str) -> bool:
    doc = await rig.case_doc(complaint_id)
    return doc is not None and doc.get("state") == expected


async def test_a_routed_complaint_opens_a_case_and_announces_it_and_the_team_workload(rig: Rig) -> None:
    team = new_team()
    routed = rig.routed(team=team, assignee="emp-0042")

    doc = await rig.open(routed)

    assert (doc["state"], doc["team"], doc["assignee"], doc["version"]) == ("opened", team, "emp-0042", 1)
    assert await rig.published(routed.complaint_id, until="CaseOpened") == ["CaseOpened"]
    assert await rig.published(f"{team}/*", until="WorkloadChanged") == ["WorkloadChanged"]
    assert (await rig.workload_doc(f"{team}/*"))["open_cases"] == 1


async def test_redelivered_events_change_nothing(rig: Rig) -> None:
    routed = rig.routed(team=new_team())
    await rig.open(routed)
    escalation = EscalationRequested(complaint_id=routed.complaint_id, reason="Nobody answers me", time=rig.now())

    await rig.publish(routed, escalation, routed, escalation)
    await eventually(lambda: _tier(rig, routed.complaint_id, 2))
    await rig.publish(escalation)
    sentinel = ComplaintWithdrawn(complaint_id=routed.complaint_id, time=rig.now())
    await rig.publish(sentinel)

    assert await rig.published(routed.complaint_id, until="ComplaintClosed") == [
        "CaseOpened", "CaseEscalated", "ComplaintClosed"]
    doc = await rig.case_doc(routed.complaint_id)
    assert (doc["tier"], doc["version"], doc["state"]) == (2, 3, "closed")


async def test_customer_decisions_from_intake_accept_or_reject_the_current_proposal(rig: Rig) -> None:
    team = new_team()
    agent = bearer(token("agent", team=team))
    accepted, rejected = rig.routed(team=team), rig.routed(team=team)
    for routed in (accepted, rejected):
        await rig.open(routed)
        cid = routed.complaint_id
        started = await rig.http.post(f"/cases/{cid}/investigation", json={"version": 1}, headers=agent)
        assert started.status_code == 200
        answer = await rig.http.post(f"/cases/{cid}/proposals", headers=agent, json={
            "version": 2, "summary": "Refund the delivery charge", "remedies": [REFUND.model_dump(mode="json")]})
        assert answer.status_code == 200, answer.text
        proposal_id = answer.json()["current_proposal_id"]
        decision = Decision.ACCEPTED if routed is accepted else Decision.REJECTED
        await rig.publish(ResolutionDecisionReceived(complaint_id=cid, proposal_id=proposal_id, decision=decision,
                                                     time=rig.now()))

    await eventually(lambda: _state(rig, accepted.complaint_id, "accepted"))
    await eventually(lambda: _state(rig, rejected.complaint_id, "rejected"))
    view = (await rig.http.get(f"/cases/{accepted.complaint_id}", headers=agent)).json()
    assert view["audit"][-1]["by"] == "customer"
    assert view["redress_totals"] == [{"currency": "GBP", "offered": "0", "accepted": "49.99", "paid": "0"}]


async def test_an_intake_event_that_arrives_before_the_case_waits_for_it(rig: Rig) -> None:
    routed = rig.routed(team=new_team())
    withdrawn = ComplaintWithdrawn(complaint_id=routed.complaint_id, time=rig.now(), source=INTAKE)
    parked_before = await rig.parked()

    await rig.publish(withdrawn)
    await eventually(lambda: _parked_since(rig, parked_before, 1))
    await rig.publish(withdrawn)  # redelivered while waiting: applied once
    await eventually(lambda: _parked_since(rig, parked_before, 2))
    assert not await rig.has_case(routed.complaint_id)
    await rig.publish(routed)

    await eventually(lambda: _state(rig, routed.complaint_id, "closed"))
    doc = await rig.case_doc(routed.complaint_id)
    assert (doc["close_reason"], doc["version"]) == ("withdrawn", 2)
    assert [e["action"] for e in doc["audit"]] == ["open", "withdraw"]
    assert await rig.published(routed.complaint_id, until="ComplaintClosed") == ["CaseOpened", "ComplaintClosed"]


async def test_an_early_event_does_not_hold_back_the_events_published_with_it(rig: Rig) -> None:
    team = new_team()
    known, unknown = rig.routed(team=team), rig.routed(team=team)
    await rig.open(known)

    await rig.publish(EscalationRequested(complaint_id=unknown.complaint_id, reason="Anyone?", time=rig.now()),
                      EscalationRequested(complaint_id=known.complaint_id, reason="Nobody answers", time=rig.now()))
    await eventually(lambda: _tier(rig, known.complaint_id, 2))
    await rig.open(unknown)

    await eventually(lambda: _tier(rig, unknown.complaint_id, 2))
    assert await rig.published(unknown.complaint_id, until="CaseEscalated") == ["CaseOpened", "CaseEscalated"]


async def _tier(rig: Rig, complaint_id: str, tier: int) -> bool:
    doc = await rig.case_doc(complaint_id)
    return doc is not None and doc.get("tier") == tier


async def _parked_since(rig: Rig, before: float, count: int) -> bool:
    return await rig.parked() >= before + count
