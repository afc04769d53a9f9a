"""Learning from staff: corrections joined with the assessed text become kept examples, once each.

`AssessmentCorrected` comes from resolution's contracts.
"""

from collections.abc import Callable

import pytest
from complaint_contracts.intake import ComplaintReceived
from complaint_contracts.routing import ComplaintRerouted, DeadlinesRevised
from complaint_contracts.types import Category, ComplaintKind, Priority
from complaints_chassis.consumer import PermanentError
from complaints_chassis.parking import Deferred
from prometheus_client import CollectorRegistry
from routing.domain.learning import correction_of
from routing.domain.rulebook import RuleBook

from tests.unit.routing.fakes import FakeLearningStore, FakeRoutingStore, FakeRules, make_service
from tests.unit.routing.stand_ins import AssessmentChange, corrected_event


def corrected(complaint_id: str, **changes: tuple[str, str]) -> object:
    return corrected_event(complaint_id=complaint_id, by="emp-0042", reason="it is about the refund",
                               changes=[AssessmentChange(field=name, old=old, new=new)
                                        for name, (old, new) in changes.items()])


async def routed_one(book: RuleBook, received: Callable[..., ComplaintReceived]):
    """A service over a fake store that has routed one complaint: (store, service, the complaint's receipt)."""
    store = FakeRoutingStore()
    service = make_service(store=store, rules=FakeRules(book), registry=CollectorRegistry(),
                           learning=FakeLearningStore())
    event = received()
    await service.route(received=[event])
    return store, service, event


@pytest.fixture
def learning() -> FakeLearningStore:
    return FakeLearningStore()


@pytest.fixture
def service_with(book: RuleBook, learning: FakeLearningStore):
    registry = CollectorRegistry()
    service = make_service(store=FakeRoutingStore(), rules=FakeRules(book), registry=registry, learning=learning)
    return service, registry


async def test_routing_keeps_the_text_it_assessed_for_the_learning_window(
        service_with, learning: FakeLearningStore, received: Callable[..., ComplaintReceived]) -> None:
    service, _ = service_with
    await service.route(received=[received()])
    [kept] = learning.texts.values()
    assert kept.text == "Order 1042\nMy parcel was never delivered and the courier does not answer."
    assert (kept.category, kept.priority, kept.department) == (Category.DELIVERY, Priority.MEDIUM, "customer_support")


async def test_a_correction_becomes_an_example_with_the_new_labels_once(
        service_with, learning: FakeLearningStore, received: Callable[..., ComplaintReceived]) -> None:
    service, registry = service_with
    event = received()
    await service.route(received=[event])
    correction = corrected(event.complaint_id, category=("delivery", "billing"), priority=("medium", "high"))
    await service.record_corrections(corrections=[correction_of(correction)] * 2)
    await service.record_corrections(corrections=[correction_of(correction)])
    [example] = await service.kept_examples()
    assert (example.category, example.priority, example.kind, example.department) == (
        Category.BILLING, Priority.HIGH, ComplaintKind.COMPLAINT, "customer_support")
    assert (example.corrected, example.by, example.key) == (("category", "priority"), "emp-0042",
                                                            correction.dedupe_key)
    assert registry.get_sample_value("complaints_routing_corrections_total", {"outcome": "kept"}) == 3


async def test_a_correction_before_the_decision_waits(service_with) -> None:
    service, _ = service_with
    with pytest.raises(Deferred, match="no routing decision yet"):
        await service.record_corrections(corrections=[correction_of(corrected("c-NOT-ROUTED-01",
                                                                              kind=("complaint", "enquiry")))])


async def test_a_correction_after_the_text_expired_is_counted_not_kept(
        service_with, learning: FakeLearningStore, received: Callable[..., ComplaintReceived]) -> None:
    service, registry = service_with
    event = received()
    await service.route(received=[event])
    learning.texts.clear()  # the TTL monitor removed it
    await service.record_corrections(corrections=[correction_of(corrected(event.complaint_id,
                                                                          kind=("complaint", "enquiry")))])
    assert await service.kept_examples() == []
    assert registry.get_sample_value("complaints_routing_corrections_total", {"outcome": "text_expired"}) == 1


async def test_a_correction_to_an_unknown_department_is_a_permanent_error(
        service_with, received: Callable[..., ComplaintReceived]) -> None:
    service, _ = service_with
    event = received()
    await service.route(received=[event])
    with pytest.raises(PermanentError, match="department sales is not one the rules know"):
        await service.record_corrections(corrections=[correction_of(
            corrected(event.complaint_id, department=("customer_support", "sales")))])


async def test_a_corrected_priority_revises_the_deadlines_once(book: RuleBook,
                                                               received: Callable[..., ComplaintReceived]) -> None:
    store, service, event = await routed_one(book, received)
    correction = corrected(event.complaint_id, priority=("medium", "high"))
    other = corrected("c-NEVER-ROUTED-01", priority=("medium", "high"))  # routing failed to keep it: nothing to do

    await service.revise_deadlines(corrections=[correction, other])
    await service.revise_deadlines(corrections=[correction])  # redelivered

    revisions = [e for e in store.published if isinstance(e, DeadlinesRevised)]
    assert [(e.complaint_id, e.priority) for e in revisions] == [(event.complaint_id, Priority.HIGH)]
    assert (await store.decisions([event.complaint_id]))[event.complaint_id].priority is Priority.HIGH


async def test_a_corrected_department_takes_the_complaint_to_its_team_once_with_the_new_deadlines(
        book: RuleBook, received: Callable[..., ComplaintReceived]) -> None:
    store, service, event = await routed_one(book, received)
    before = (await store.decisions([event.complaint_id]))[event.complaint_id]
    assert before.department == "customer_support"
    correction = corrected(event.complaint_id, priority=("medium", "critical"), department=("customer_support",
                                                                                             "quality"))

    await service.revise_deadlines(corrections=[correction])
    await service.revise_deadlines(corrections=[correction])  # redelivered

    [moved] = [e for e in store.published if isinstance(e, ComplaintRerouted)]
    quality_teams = {team.id for team in book.teams.teams if team.department == "quality" and team.tier == 1}
    assert (moved.department, moved.previous_team, moved.reason) == (
        "quality", before.team, "department corrected to quality")
    assert moved.team in quality_teams
    assert len([e for e in store.published if isinstance(e, DeadlinesRevised)]) == 1
    after = (await store.decisions([event.complaint_id]))[event.complaint_id]
    assert (after.department, after.team, after.priority, after.version) == (
        "quality", moved.team, Priority.CRITICAL, before.version + 1)


async def test_a_category_corrected_alone_moves_nothing(book: RuleBook,
                                                        received: Callable[..., ComplaintReceived]) -> None:
    store, service, event = await routed_one(book, received)

    await service.revise_deadlines(corrections=[corrected(event.complaint_id, category=("delivery", "billing"))])

    assert not [e for e in store.published if isinstance(e, ComplaintRerouted | DeadlinesRevised)]
