"""Received → routed end to end on the embedded backend: objectivity, legal threats, failures, duplicates."""

import uuid

from complaint_contracts.intake import EscalationRequested
from complaint_contracts.routing import ComplaintRouted, ComplaintRoutingFailed, PossibleDuplicateDetected
from complaint_contracts.types import Clock

from tests.support.builders import make_complaint_received

from .rig import Rig


def unique_customer() -> dict:
    return {"name": "Alesia Kuzmich", "email": f"alesia-{uuid.uuid4().hex[:8]}@example.org"}


async def test_received_complaint_is_routed_with_its_receipt_time_flags_and_deadlines(rig: Rig) -> None:
    received = make_complaint_received(
        description="You charged me twice for order 1234 and I will complain to the ombudsman.",
        product="current-account", customer=unique_customer())
    await rig.publish(received)

    routed: ComplaintRouted = await rig.first(received.complaint_id, "ComplaintRouted")

    assert (routed.department, routed.team) == ("compliance", "compliance-uk")
    assert routed.received_at == received.received_at
    assert routed.flags == ["regulator_mention"]
    assert routed.rules_version == rig.deps.service.rules_in_force().book.version
    assert routed.causation_id == str(received.id)
    assert {deadline.clock for deadline in routed.deadlines} == {Clock.SERVICE, Clock.REGULATORY}
    decision = (await rig.http.get(f"/v1/decisions/{received.complaint_id}")).json()
    assert (decision["status"], decision["team"], decision["rules_version"]) == (
        "routed", "compliance-uk", routed.rules_version)


async def test_legal_threat_goes_to_legal(rig: Rig) -> None:
    received = make_complaint_received(description="The refund never came. My solicitor will take you to court.",
                                       customer=unique_customer())
    await rig.publish(received)

    routed: ComplaintRouted = await rig.first(received.complaint_id, "ComplaintRouted")

    assert (routed.department, routed.team) == ("legal", "legal-team")
    assert "legal_threat" in routed.flags
    assert any(line.startswith("legal-owns-legal-threats:") for line in routed.rules_fired)
    counted = rig.app.state.runtime.registry.get_sample_value(
        "complaints_routing_decisions_total", {"department": "legal", "priority": routed.priority.value})
    assert counted is not None and counted >= 1


async def test_complaint_about_a_team_is_never_assigned_to_it(rig: Rig) -> None:
    received = make_complaint_received(description="The support agents were rude and hung up on me.",
                                       about_team="support-en", customer=unique_customer())
    await rig.publish(received)

    routed: ComplaintRouted = await rig.first(received.complaint_id, "ComplaintRouted")

    assert routed.team != "support-en"
    assert "objectivity: the complaint is about team support-en, so that team may not handle it" in routed.rules_fired


async def test_complaint_no_team_can_take_impartially_is_published_as_a_routing_failure(rig: Rig) -> None:
    received = make_complaint_received(description="I am taking you to court over this.", about_team="legal-team",
                                       about_employee="emp-0800", customer=unique_customer())
    await rig.publish(received)

    failed: ComplaintRoutingFailed = await rig.first(received.complaint_id, "ComplaintRoutingFailed")

    assert failed.reason.startswith("no impartial team: ")
    assert failed.received_at == received.received_at
    assert any(line.startswith("legal-threat:") for line in failed.rules_fired)
    decision = (await rig.http.get(f"/v1/decisions/{received.complaint_id}")).json()
    assert (decision["status"], decision["reason"]) == ("failed", failed.reason)
    failures = rig.app.state.runtime.registry.get_sample_value(
        "complaints_routing_failures_total", {"cause": "no_impartial_team"})
    assert failures is not None and failures >= 1


async def test_a_redelivered_or_repeated_complaint_is_routed_once(rig: Rig) -> None:
    received = make_complaint_received(customer=unique_customer())
    repeated = received.model_copy(update={"id": uuid.uuid4()})  # the same complaint filed again
    await rig.publish(received, received, repeated)
    # An escalation behind them on the same partition: once it is re-routed, all three were handled.
    await rig.publish(EscalationRequested(complaint_id=received.complaint_id, reason="Nobody helps me"))

    events = await rig.published(received.complaint_id, until="ComplaintRerouted")

    assert [type(event).__name__ for event in events] == ["ComplaintRouted", "ComplaintRerouted"]


async def test_similar_complaint_of_the_same_customer_is_linked_as_a_possible_duplicate(rig: Rig) -> None:
    customer = unique_customer()
    first = make_complaint_received(customer=customer,
                                    description="My parcel for order 77 never arrived and nobody answers.")
    await rig.publish(first)
    await rig.first(first.complaint_id, "ComplaintRouted")
    second = make_complaint_received(customer=customer,
                                     description="My parcel for order 77 never arrived and nobody answers!")
    other = make_complaint_received(customer=unique_customer(), description=second.description)
    await rig.publish(second, other)

    linked: PossibleDuplicateDetected = await rig.first(second.complaint_id, "PossibleDuplicateDetected")
    events = await rig.published(other.complaint_id, until="ComplaintRouted")

    assert (linked.duplicate_of, linked.duplicate_of_tracking_number) == (first.complaint_id, first.tracking_number)
    assert linked.similarity >= 0.8
    assert "same customer (e-mail)" in linked.reason
    assert "alesia" not in linked.reason
    assert [type(event).__name__ for event in events] == ["ComplaintRouted"]
    flagged = rig.app.state.runtime.registry.get_sample_value("complaints_routing_duplicates_flagged_total")
    assert flagged is not None and flagged >= 1

