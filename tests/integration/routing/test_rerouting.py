"""Re-routing on escalation, and the workload view that least-loaded assignment reads."""

import uuid
from datetime import UTC, datetime, timedelta

from complaint_contracts.intake import EscalationRequested
from complaint_contracts.resolution import CaseEscalated, WorkloadChanged
from complaint_contracts.routing import ComplaintRerouted, ComplaintRouted

from tests.support.builders import make_complaint_received
from tests.support.kafka import eventually

from .rig import Rig


def customer() -> dict:
    return {"name": "Ivan Petrov", "email": f"ivan-{uuid.uuid4().hex[:8]}@example.org"}


async def test_case_escalated_by_resolution_moves_the_complaint_up_a_tier(rig: Rig) -> None:
    received = make_complaint_received(customer=customer())
    await rig.publish(received)
    routed: ComplaintRouted = await rig.first(received.complaint_id, "ComplaintRouted")
    escalated = CaseEscalated(complaint_id=received.complaint_id, tier=2, trigger="breach",
                              reason="first response deadline passed", by="system")
    await rig.publish(escalated, escalated)  # redelivered too: applied once

    events = await rig.published(received.complaint_id, until="ComplaintRerouted")
    rerouted: ComplaintRerouted = events[-1]

    assert routed.team == "support-en"
    assert (rerouted.team, rerouted.previous_team, rerouted.tier) == ("support-senior", "support-en", 2)
    assert rerouted.reason == "case escalated (breach): first response deadline passed"
    assert rerouted.causation_id == str(escalated.id)

    async def moved_once() -> bool:
        record = (await rig.store.decisions([received.complaint_id]))[received.complaint_id]
        return record.team == "support-senior" and record.applied == (escalated.dedupe_key,)

    await eventually(moved_once)


async def test_customer_escalation_request_reroutes_without_the_customers_words(rig: Rig) -> None:
    received = make_complaint_received(customer=customer())
    await rig.publish(received)
    await rig.first(received.complaint_id, "ComplaintRouted")
    await rig.publish(EscalationRequested(complaint_id=received.complaint_id, reason="I am Ivan and I am angry"))

    rerouted: ComplaintRerouted = await rig.first(received.complaint_id, "ComplaintRerouted")

    assert rerouted.tier == 2
    assert rerouted.reason == "the customer asked for the complaint to be escalated"
    assert not any("Ivan" in line for line in rerouted.rules_fired)


async def test_escalation_before_the_routing_decision_waits_for_it(rig: Rig) -> None:
    received = make_complaint_received(customer=customer())
    request = EscalationRequested(complaint_id=received.complaint_id, reason="Hurry up")
    await rig.publish(request)
    await rig.publish(received)

    events = await rig.published(received.complaint_id, until="ComplaintRerouted")

    assert [type(event).__name__ for event in events] == ["ComplaintRouted", "ComplaintRerouted"]


async def test_least_loaded_team_member_gets_the_next_legal_complaint(rig: Rig) -> None:
    now = datetime.now(UTC)
    await rig.publish(WorkloadChanged(team="legal-team", assignee="emp-0041", open_cases=12, time=now),
                      WorkloadChanged(team="legal-team", assignee="emp-0042", open_cases=0, time=now))

    async def reported() -> bool:
        snapshot = await rig.store.workload()
        return (snapshot.of_member(team="legal-team", member="emp-0041"),
                snapshot.of_member(team="legal-team", member="emp-0042")) == (12, 0)

    await eventually(reported)
    received = make_complaint_received(description="My lawyer will be in touch.", customer=customer())
    await rig.publish(received)

    routed: ComplaintRouted = await rig.first(received.complaint_id, "ComplaintRouted")

    assert (routed.team, routed.assignee) == ("legal-team", "emp-0042")


async def test_an_older_workload_report_does_not_replace_a_newer_one(rig: Rig) -> None:
    team = f"team-{uuid.uuid4().hex[:8]}"
    now = datetime.now(UTC)
    newer = WorkloadChanged(team=team, assignee="emp-1", open_cases=3, time=now)
    older = WorkloadChanged(team=team, assignee="emp-1", open_cases=40, time=now - timedelta(minutes=5))

    await rig.deps.service.record_workload(changes=[newer])
    await rig.deps.service.record_workload(changes=[older, newer])

    assert (await rig.store.workload()).of_member(team=team, member="emp-1") == 3


async def test_a_customers_request_and_the_case_escalation_it_caused_move_the_complaint_one_tier(rig: Rig) -> None:
    request_first, escalation_first = (make_complaint_received(customer=customer()) for _ in range(2))
    await rig.publish(request_first, escalation_first)
    for received in (request_first, escalation_first):
        await rig.first(received.complaint_id, "ComplaintRouted")
    requests = {r.complaint_id: EscalationRequested(complaint_id=r.complaint_id, reason="Please hurry")
                for r in (request_first, escalation_first)}
    caused = {cid: CaseEscalated(complaint_id=cid, tier=2, trigger="customer", reason="the customer asked",
                                 by="emp-0001", **request.caused()) for cid, request in requests.items()}
    await rig.publish(requests[request_first.complaint_id], caused[request_first.complaint_id])
    await rig.publish(caused[escalation_first.complaint_id], requests[escalation_first.complaint_id])
    # Behind them on each complaint's partition, a staff escalation to tier 3 marks the end.
    await rig.publish(*(CaseEscalated(complaint_id=cid, tier=3, trigger="staff", reason="needs a supervisor",
                                      by="emp-0300") for cid in requests))

    for complaint_id in requests:
        events = await rig.published(complaint_id, until=lambda event: getattr(event, "tier", None) == 3)
        assert [event.tier for event in events if isinstance(event, ComplaintRerouted)] == [2, 3], complaint_id
