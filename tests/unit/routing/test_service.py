"""The use cases against in-memory fakes: each event applied once, every outcome published and counted."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from complaint_contracts.intake import ComplaintReceived, EscalationRequested
from complaint_contracts.resolution import CaseEscalated, WorkloadChanged
from complaint_contracts.routing import (
    ComplaintRerouted,
    ComplaintRouted,
    ComplaintRoutingFailed,
    PossibleDuplicateDetected,
)
from complaints_chassis.parking import Deferred
from prometheus_client import CollectorRegistry
from routing.domain.rulebook import RuleBook, RulesRefused, UnknownDepartments
from routing.service import ConcurrentChange, RoutingService

from tests.support.caused import PublishedWithTheWrite
from tests.unit.routing.fakes import LOADED_AT, FakeRoutingStore, FakeRules, make_service

NO_IMPARTIAL_TEAM = {"description": "I will sue you.", "about_team": "legal-team", "about_employee": "emp-0800"}
"""A complaint no team can take impartially."""


@dataclass
class Routing:
    service: RoutingService
    store: FakeRoutingStore
    rules: FakeRules
    registry: CollectorRegistry
    decided: PublishedWithTheWrite

    def count(self, name: str, labels: dict[str, str] | None = None) -> float:
        return self.registry.get_sample_value(name, labels or {}) or 0.0

    def published(self, kind: type) -> list:
        return [event for event in self.store.published if isinstance(event, kind)]


@pytest.fixture
def routing(book: RuleBook) -> Routing:
    store, rules, registry, decided = FakeRoutingStore(), FakeRules(book), CollectorRegistry(), PublishedWithTheWrite()
    return Routing(make_service(store=store, rules=rules, registry=registry, decided=decided), store, rules, registry,
                   decided)


def breach(complaint_id: str) -> CaseEscalated:
    return CaseEscalated(complaint_id=complaint_id, tier=2, trigger="breach", reason="first response deadline passed",
                         by="system")


async def test_a_complaint_is_routed_once_however_often_it_arrives(
        routing: Routing, received: Callable[..., ComplaintReceived]) -> None:
    event = received()
    await routing.service.route(received=[event, event])
    await routing.service.route(received=[event.model_copy(update={"id": uuid.uuid4()})])

    assert [type(e) for e in routing.store.published] == [ComplaintRouted]
    # What the decision caused goes out after each run, for a redelivery again (it may not have the first time).
    assert routing.decided.asked == [[event.complaint_id] * 2, [event.complaint_id]]
    record = await routing.service.decision(complaint_id=event.complaint_id)
    assert record is not None
    assert (record.status, record.team, record.version, record.received_event) == (
        "routed", "support-en", 1, event.dedupe_key)
    assert record.facts.text == ""
    assert routing.count("complaints_routing_decisions_total",
                         {"department": "customer_support", "priority": "medium"}) == 1


@pytest.mark.parametrize("together", [False, True])
async def test_a_similar_complaint_of_the_same_customer_is_linked_not_dropped(
        routing: Routing, received: Callable[..., ComplaintReceived], together: bool) -> None:
    first = received(complaint_id="c-FIRST-PARCEL")
    later = first.received_at + timedelta(days=1)
    second = received(complaint_id="c-SECOND-PARCEL", received_at=later, tracking_number="CMP-2222-3333-4")
    other = received(complaint_id="c-OTHER-PARCEL", received_at=later, customer={"email": "someone@example.org"})
    if together:
        await routing.service.route(received=[first, second, other])
    else:
        await routing.service.route(received=[first])
        await routing.service.route(received=[second, other])

    linked = routing.published(PossibleDuplicateDetected)
    assert [(e.complaint_id, e.duplicate_of) for e in linked] == [("c-SECOND-PARCEL", "c-FIRST-PARCEL")]
    assert linked[0].duplicate_of_tracking_number == first.tracking_number != second.tracking_number
    assert [e.complaint_id for e in routing.published(ComplaintRouted)] == [
        "c-FIRST-PARCEL", "c-SECOND-PARCEL", "c-OTHER-PARCEL"]
    assert routing.count("complaints_routing_duplicates_flagged_total") == 1


async def test_a_complaint_no_team_can_take_is_kept_as_failed_and_counted(
        routing: Routing, received: Callable[..., ComplaintReceived]) -> None:
    event = received(**NO_IMPARTIAL_TEAM)
    await routing.service.route(received=[event])

    [failed] = routing.store.published
    assert isinstance(failed, ComplaintRoutingFailed)
    record = routing.store.records[event.complaint_id]
    assert (record.status, record.cause, record.reason, record.team) == (
        "failed", "no_impartial_team", failed.reason, None)
    assert routing.count("complaints_routing_failures_total", {"cause": "no_impartial_team"}) == 1


async def test_round_robin_turns_carry_across_a_batch_and_are_kept(
        routing: Routing, received: Callable[..., ComplaintReceived]) -> None:
    toasters = [received(complaint_id=f"c-TOASTER-{n:04d}", description="The toaster is broken.") for n in range(3)]
    await routing.service.route(received=toasters[:2])
    await routing.service.route(received=toasters[2:])

    routed = routing.published(ComplaintRouted)
    assert [e.assignee for e in routed] == ["emp-0031", "emp-0032", "emp-0033"]
    assert routing.store.last_assignee == {routed[0].team: "emp-0033"}


async def test_an_escalation_before_the_decision_waits_for_it(routing: Routing) -> None:
    with pytest.raises(Deferred, match="c-NOT-ROUTED-0001 has no routing decision yet"):
        await routing.service.reroute(escalations=[EscalationRequested(complaint_id="c-NOT-ROUTED-0001",
                                                                       reason="Hurry")])


async def test_a_case_escalation_moves_the_complaint_up_once(
        routing: Routing, received: Callable[..., ComplaintReceived]) -> None:
    event = received()
    await routing.service.route(received=[event])
    escalated = breach(event.complaint_id)
    await routing.service.reroute(escalations=[escalated, escalated])
    await routing.service.reroute(escalations=[escalated])

    assert [(e.team, e.previous_team, e.tier) for e in routing.published(ComplaintRerouted)] == [
        ("support-senior", "support-en", 2)]
    record = routing.store.records[event.complaint_id]
    assert (record.team, record.tier, record.version, record.applied) == (
        "support-senior", 2, 2, (escalated.dedupe_key,))
    assert routing.count("complaints_routing_reroutes_total", {"trigger": "breach"}) == 1


@pytest.mark.parametrize("request_first", [True, False])
async def test_a_customers_request_and_the_escalation_it_caused_move_the_complaint_one_tier(
        routing: Routing, received: Callable[..., ComplaintReceived], request_first: bool) -> None:
    event = received()
    await routing.service.route(received=[event])
    request = EscalationRequested(complaint_id=event.complaint_id, reason="Please hurry")
    caused = CaseEscalated(complaint_id=event.complaint_id, tier=2, trigger="customer", reason="the customer asked",
                           by="emp-0001", **request.caused())
    for escalation in ([request, caused] if request_first else [caused, request]):
        await routing.service.reroute(escalations=[escalation])

    assert [e.tier for e in routing.published(ComplaintRerouted)] == [2]


async def test_an_escalation_no_one_impartial_can_take_is_published_as_a_failure(
        routing: Routing, received: Callable[..., ComplaintReceived]) -> None:
    event = received(**NO_IMPARTIAL_TEAM)
    await routing.service.route(received=[event])
    await routing.service.reroute(escalations=[EscalationRequested(complaint_id=event.complaint_id, reason="Hurry")])

    failures = routing.published(ComplaintRoutingFailed)
    assert len(failures) == 2
    assert failures[1].reason.startswith("escalation could not be re-routed, no impartial team: ")
    assert routing.store.records[event.complaint_id].version == 2
    assert routing.count("complaints_routing_failures_total", {"cause": "no_impartial_team"}) == 2


async def test_a_decision_changed_meanwhile_is_tried_again_not_overwritten(
        routing: Routing, received: Callable[..., ComplaintReceived]) -> None:
    event = received()
    await routing.service.route(received=[event])
    routing.store.changed_elsewhere = {event.complaint_id}
    escalated = breach(event.complaint_id)

    with pytest.raises(ConcurrentChange):
        await routing.service.reroute(escalations=[escalated])
    assert routing.published(ComplaintRerouted) == []
    assert routing.count("complaints_routing_reroutes_total", {"trigger": "breach"}) == 0

    await routing.service.reroute(escalations=[escalated])  # the chassis delivers the batch again
    assert [e.tier for e in routing.published(ComplaintRerouted)] == [2]


async def test_only_the_latest_workload_report_counts(routing: Routing) -> None:
    newer = WorkloadChanged(team="desk", assignee="emp-1", open_cases=3, time=LOADED_AT)
    older = WorkloadChanged(team="desk", assignee="emp-1", open_cases=40, time=LOADED_AT - timedelta(minutes=5))
    await routing.service.record_workload(changes=[newer])
    await routing.service.record_workload(changes=[older, newer, older])

    assert (await routing.store.workload()).of_member(team="desk", member="emp-1") == 3


async def test_reloaded_rules_decide_the_complaints_that_follow(
        routing: Routing, book: RuleBook, received: Callable[..., ComplaintReceived]) -> None:
    routing.rules.next_read = RuleBook(rules=book.rules.model_copy(update={"version": "t.2"}), teams=book.teams,
                                       calendars=book.calendars)

    assert routing.service.reload_rules().book.version == "t.2"
    await routing.service.route(received=[received()])

    assert [e.rules_version for e in routing.published(ComplaintRouted)] == ["t.2"]
    assert routing.service.rules_in_force().book.version == "t.2"
    assert routing.count("complaints_routing_rules_reloads_total", {"outcome": "loaded"}) == 1
    assert routing.count("complaints_routing_rules_loaded_timestamp_seconds") == LOADED_AT.timestamp()


def test_a_refused_reload_keeps_the_rules_in_force(routing: Routing, book: RuleBook) -> None:
    routing.rules.next_read = UnknownDepartments("default.yaml: rules name departments teams.yaml does not define")

    with pytest.raises(RulesRefused) as refused:
        routing.service.reload_rules()

    assert isinstance(refused.value.problem, UnknownDepartments)
    assert refused.value.in_force == book.version
    assert routing.service.rules_in_force().book is book
    assert routing.count("complaints_routing_rules_reloads_total", {"outcome": "refused"}) == 1


def test_an_edit_on_disk_is_put_in_force_and_a_refused_one_reported_once(routing: Routing, book: RuleBook) -> None:
    routing.service.reload_edited_rules()
    assert routing.rules.reads == 0  # nothing edited

    routing.rules.on_disk, routing.rules.next_read = (2.0, 2.0), UnknownDepartments("bad edit")
    for _ in range(3):
        routing.service.reload_edited_rules()
    assert routing.rules.reads == 1
    assert routing.count("complaints_routing_rules_reloads_total", {"outcome": "refused"}) == 1

    routing.rules.on_disk, routing.rules.next_read = (3.0, 3.0), book
    routing.service.reload_edited_rules()
    routing.service.reload_edited_rules()
    assert routing.rules.reads == 2
    assert routing.count("complaints_routing_rules_reloads_total", {"outcome": "loaded"}) == 1
