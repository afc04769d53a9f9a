from datetime import timedelta
from decimal import Decimal

from analytics.domain.fact_updates import FactUpdate, apply_update, merge_updates
from analytics.domain.facts import State
from analytics.domain.ids import fact_id
from analytics.domain.projections import batch_updates, build_facts, fact_updates, project
from complaint_contracts import WorkloadChanged
from hypothesis import given, settings
from hypothesis import strategies as st

CID = "c-story-0001"


def _only_fact(events):
    [fact] = build_facts(events)
    return fact


class TestFactOfAFullStory:
    def test_dimensions_come_from_receipt_and_routing(self, story):
        fact = _only_fact(story.full(CID))
        assert (fact.channel, fact.product, fact.jurisdiction) == ("web", "current-account", "GB")
        assert (fact.category, fact.priority, fact.regime) == ("billing", "medium", "uk_fca_disp")

    def test_latest_reroute_sets_the_department(self, story):
        fact = _only_fact(story.full(CID))
        assert fact.department == "complaints_specialists"
        assert fact.escalation_tier == 2

    def test_milestones_are_the_first_of_their_kind(self, story):
        fact = _only_fact(story.full(CID))
        start = story.monday
        assert fact.received_at == start
        assert fact.acknowledged_at == start + timedelta(hours=2)
        assert fact.first_response_at == start + timedelta(hours=30)

    def test_reopened_complaint_counts_its_second_resolution(self, story):
        fact = _only_fact(story.full(CID))
        assert fact.reopen_count == 1
        assert fact.resolved_at == story.monday + timedelta(hours=80)
        assert fact.outcome == "partially_upheld"
        assert fact.root_cause.value == "payment-gateway"
        assert fact.state_at() is State.CLOSED

    def test_state_follows_the_lifecycle_over_time(self, story):
        fact = _only_fact(story.full(CID))
        at = lambda hours: story.monday + timedelta(hours=hours)  # noqa: E731
        assert [fact.state_at(at(h)) for h in (1, 60.5, 62, 71, 80.5, 82)] == [
            State.OPEN, State.RESOLVED, State.CLOSED, State.OPEN, State.RESOLVED, State.CLOSED]
        assert fact.ended_at(at(75)) is None
        assert fact.ended_at() == at(80)

    def test_deadlines_record_breaches(self, story):
        fact = _only_fact(story.full(CID))
        assert fact.deadlines["service:first_response"].breached_at == story.monday + timedelta(hours=24)
        assert fact.deadlines["regulatory:final_response"].breached_at is None
        assert fact.deadlines["regulatory:final_response"].due_at == story.monday + timedelta(weeks=8)

    def test_redress_offered_accepted_and_paid(self, story):
        fact = _only_fact(story.full(CID))
        assert [(line.kind, line.amount) for line in fact.offers["p-1"].lines] == [("refund", Decimal("25.00"))]
        assert fact.decisions["p-1"].decision == "accepted"
        assert [p.amount for p in fact.payments.values()] == [Decimal("25.00")]

    def test_satisfaction_is_the_latest_feedback(self, story):
        assert _only_fact(story.full(CID)).satisfaction == 2


class TestAcknowledgement:
    def test_only_the_acknowledgement_template_counts(self, story):
        start = story.monday
        events = [story.received(CID, start), story.acknowledged(CID, start + timedelta(minutes=5),
                                                                  template="status-update", step="update")]
        assert _only_fact(events).acknowledged_at is None

    def test_earliest_acknowledgement_wins(self, story):
        start = story.monday
        events = [story.acknowledged(CID, start + timedelta(hours=3), step="late"),
                  story.acknowledged(CID, start + timedelta(hours=1), step="early")]
        assert _only_fact(events).acknowledged_at == start + timedelta(hours=1)


def test_corrective_action_sets_root_cause_of_every_complaint_it_names(story):
    start = story.monday
    facts = build_facts([story.received("c-alpha-001", start), story.received("c-bravo-002", start),
                         story.corrective_action(["c-alpha-001", "c-bravo-002"], start + timedelta(days=9))])
    assert {f.complaint_id: f.root_cause.value for f in facts} == {"c-alpha-001": "label-printer",
                                                                   "c-bravo-002": "label-printer"}


def test_events_about_no_complaint_change_no_fact():
    assert fact_updates(WorkloadChanged(team="support-en-1", open_cases=4)) == []


def test_fact_document_id_is_deterministic(story):
    [update] = fact_updates(story.received(CID, story.monday))
    assert apply_update(None, update)["_id"] == str(fact_id(CID)) == str(fact_id(CID))


def test_merging_updates_of_two_complaints_is_refused():
    try:
        FactUpdate(complaint_id="c-alpha-001").merged(FactUpdate(complaint_id="c-bravo-002"))
    except ValueError:
        return
    raise AssertionError("merging updates of different complaints must fail")


def _one_by_one(events):
    documents: dict = {}
    for event in events:
        for update in fact_updates(event):
            documents[update.complaint_id] = apply_update(documents.get(update.complaint_id), update)
    return documents




@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_any_order_with_duplicates_converges_to_the_same_fact(story, data):
    events = story.full(CID) + story.full("c-second-02")
    shuffled = data.draw(st.permutations(events))
    repeated = data.draw(st.lists(st.sampled_from(events), max_size=10))
    assert _one_by_one(shuffled + repeated) == project(events)


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_batched_merge_equals_applying_one_event_at_a_time(story, data):
    events = data.draw(st.permutations(story.full(CID)))
    split = data.draw(st.integers(min_value=0, max_value=len(events)))
    first_batch = project(events[:split])
    assert project(events[split:], first_batch) == _one_by_one(events)
    assert len(merge_updates(u for e in events for u in fact_updates(e))) == 1


def test_applying_the_same_event_twice_changes_nothing(story):
    events = story.full(CID)
    once = project(events)
    assert project(events, once) == once


def test_a_batch_of_one_complaint_becomes_one_update(story):
    events = story.full("c-wiring-0001")
    assert [u.complaint_id for u in batch_updates(events)] == ["c-wiring-0001"]
