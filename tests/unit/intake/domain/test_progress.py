import pytest
from complaint_contracts import (
    CaseEscalated,
    ComplaintClosed,
    ComplaintReopened,
    ComplaintRerouted,
    ComplaintWithdrawn,
    Decision,
    EscalationRequested,
    Event,
    ResolutionDecisionReceived,
    ResolutionProposed,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from intake.domain.progress import Progress, Stage, Status, progress_of, record_event
from intake.domain.timeline import Milestone, TimelineEntry

STATUS_AFTER_EACH_STEP = [
    (Status.RECEIVED, Stage.RECEIPT),
    (Status.ACKNOWLEDGED, Stage.ASSESSMENT),
    (Status.IN_PROGRESS, Stage.INVESTIGATION),
    (Status.IN_PROGRESS, Stage.INVESTIGATION),
    (Status.WAITING_FOR_CUSTOMER, Stage.INVESTIGATION),
    (Status.IN_PROGRESS, Stage.INVESTIGATION),
    (Status.DECISION_NEEDED, Stage.RESPONSE),
    (Status.RESOLUTION_ACCEPTED, Stage.RESPONSE),
    (Status.RESOLUTION_ACCEPTED, Stage.RESPONSE),
    (Status.RESOLVED, Stage.RESPONSE),
    (Status.RESOLVED, Stage.RESPONSE),
    (Status.CLOSED, Stage.CLOSING),
    (Status.CLOSED, Stage.CLOSING),
]


def fold(events: list[Event]) -> tuple[TimelineEntry, ...]:
    entries: tuple[TimelineEntry, ...] = ()
    for event in events:
        entries = record_event(entries=entries, event=event)
    return entries


def progress(events: list[Event]) -> Progress:
    return progress_of(fold(events))


@pytest.mark.parametrize("steps", range(1, len(STATUS_AFTER_EACH_STEP) + 1))
def test_status_and_stage_follow_the_complaint_step_by_step(story, steps):
    state = progress(story.lifecycle()[:steps])
    assert (state.status, state.stage) == STATUS_AFTER_EACH_STEP[steps - 1]


def test_timeline_lists_every_customer_visible_step_in_order(story):
    assert [e.milestone for e in fold(story.lifecycle())] == [
        Milestone.RECEIVED, Milestone.ACKNOWLEDGED, Milestone.ASSIGNED, Milestone.CASE_OPENED,
        Milestone.INFORMATION_REQUESTED, Milestone.CUSTOMER_REPLIED, Milestone.RESOLUTION_PROPOSED,
        Milestone.RESOLUTION_ACCEPTED, Milestone.RESOLUTION_CARRIED_OUT, Milestone.RESOLVED,
        Milestone.NOTIFICATION_SENT, Milestone.CLOSED, Milestone.FEEDBACK_GIVEN]


def test_internal_events_leave_no_trace(story):
    assert fold([story.received, *story.unseen]) == fold([story.received])


def test_no_staff_details_are_kept(story):
    kept = str([entry.model_dump() for entry in fold([*story.lifecycle(), *story.unseen])])
    for secret in ("emp-0042", "emp-0077", "support-be", "SECRET"):
        assert secret not in kept


def test_the_same_event_twice_changes_nothing(story):
    once = fold(story.lifecycle())
    assert record_event(entries=once, event=story.proposal) is once
    assert fold([e for event in story.lifecycle() for e in (event, event)]) == once


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_events_in_any_order_and_repeated_converge(story, data):
    events = [*story.lifecycle(), *story.unseen]
    shuffled = data.draw(st.permutations(events))
    repeats = data.draw(st.lists(st.sampled_from(events), max_size=6))
    positions = data.draw(st.lists(st.integers(0, len(shuffled)), min_size=len(repeats), max_size=len(repeats)))
    delivered = list(shuffled)
    for event, position in zip(repeats, positions, strict=True):
        delivered.insert(position, event)
    assert fold(delivered) == fold(events)
    assert progress(delivered) == progress(events)


def test_routing_news_before_the_complaint_itself_waits_then_converges(story):
    early = progress([story.routed])
    assert early.status == Status.NOT_FOUND
    assert progress([story.routed, story.received]) == progress([story.received, story.routed])


def test_late_acknowledgement_does_not_move_the_status_back(story):
    assert progress([story.received, story.routed, story.acknowledged]).status == Status.IN_PROGRESS


def test_department_and_deadlines_come_from_routing_and_move_with_it(story):
    moved = ComplaintRerouted(complaint_id=story.received.complaint_id, department="legal", team="legal-1",
                              assignee="emp-0099", rules_version="1", reason="legal consequences",
                              time=story.opened.time)
    state = progress([story.received, story.routed, moved])
    assert state.department == "legal"
    assert [d.name for d in state.deadlines] == ["final_response", "first_response"]


def test_rejected_proposal_goes_back_to_investigation_and_a_new_one_waits_again(story):
    rejected = ResolutionDecisionReceived(complaint_id=story.received.complaint_id, proposal_id="prop-1",
                                          decision=Decision.REJECTED, time=story.accepted.time)
    state = progress([story.received, story.routed, story.proposal, rejected])
    assert (state.status, state.open_proposal) == (Status.IN_PROGRESS, None)
    second = ResolutionProposed(complaint_id=story.received.complaint_id, proposal_id="prop-2", by="emp-1",
                                summary="Вернем 49.99 BYN и купон", remedies=[{"kind": "refund"}],
                                time=story.implemented.time)
    state = progress([story.received, story.routed, story.proposal, rejected, second])
    assert state.status == Status.DECISION_NEEDED
    assert state.open_proposal is not None and state.open_proposal.reference == "prop-2"


def test_decision_on_another_proposal_does_not_settle_the_open_one(story):
    stray = ResolutionDecisionReceived(complaint_id=story.received.complaint_id, proposal_id="prop-0",
                                       decision=Decision.ACCEPTED, time=story.accepted.time)
    assert progress([story.received, story.proposal, stray]).status == Status.DECISION_NEEDED


def test_withdrawn_complaint_stays_withdrawn_when_closed(story):
    withdrawn = ComplaintWithdrawn(complaint_id=story.received.complaint_id, time=story.answer.time)
    closed = ComplaintClosed(complaint_id=story.received.complaint_id, reason="withdrawn", by="system",
                             time=story.proposal.time)
    state = progress([story.received, story.routed, story.question, withdrawn, closed])
    assert (state.status, state.stage, state.open_request) == (Status.WITHDRAWN, Stage.CLOSING, None)


def test_reopened_complaint_is_in_progress_again(story):
    reopened = ComplaintReopened(complaint_id=story.received.complaint_id, reason="customer disagreed", by="emp-1",
                                 time=story.feedback.time)
    state = progress([*story.lifecycle(), reopened])
    assert (state.status, state.closed, state.resolved, state.feedback_given) == (Status.IN_PROGRESS, False,
                                                                                  False, True)


def test_escalation_request_is_pending_until_escalated(story):
    asked = EscalationRequested(complaint_id=story.received.complaint_id, reason="Не згодная", time=story.answer.time)
    done = CaseEscalated(complaint_id=story.received.complaint_id, tier=2, trigger="customer", reason="asked",
                         by="emp-1", time=story.proposal.time)
    assert progress([story.received, asked]).escalation_pending
    state = progress([story.received, asked, done])
    assert (state.escalation_pending, state.tier) == (False, 2)
