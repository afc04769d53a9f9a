from datetime import timedelta

import pytest
from complaint_contracts import (
    ComplaintClosed,
    ComplaintReopened,
    ComplaintWithdrawn,
    CustomerMessageReceived,
    Decision,
    EscalationRequested,
    Event,
    FeedbackReceived,
    ResolutionDecisionReceived,
)
from complaint_contracts.intake import ReopeningRequested
from complaint_contracts.resolution import ComplaintMerged
from intake.domain import actions
from intake.domain.actions import ActionNotAllowed, CustomerAction, allowed_actions
from intake.domain.progress import Progress, progress_of, record_event

NOW_KW = {"complaint_id": "c-5f0c2d3a9b8e4f61"}


def state(*events: Event) -> Progress:
    entries: tuple = ()
    for event in events:
        entries = record_event(entries=entries, event=event)
    return progress_of(entries)


def stage_events(story, name: str) -> list[Event]:
    life = story.lifecycle()
    withdrawn = ComplaintWithdrawn(complaint_id=story.received.complaint_id, time=story.answer.time)
    escalation = EscalationRequested(complaint_id=story.received.complaint_id, reason="Хачу да кіраўніка",
                                     time=story.answer.time)
    return {
        "unknown": [],
        "just_received": life[:1],
        "in_progress": life[:4],
        "question_open": life[:5],
        "proposal_open": life[:7],
        "accepted": life[:8],
        "resolved": life[:10],
        "closed": life[:12],
        "closed_with_feedback": life,
        "withdrawn": [*life[:4], withdrawn],
        "escalation_pending": [*life[:4], escalation],
    }[name]


ALLOWED = {
    "unknown": set(),
    "just_received": {"reply", "withdraw", "ask_escalation"},
    "in_progress": {"reply", "withdraw", "ask_escalation"},
    "question_open": {"reply", "withdraw", "ask_escalation"},
    "proposal_open": {"reply", "decide", "withdraw", "ask_escalation"},
    "accepted": {"reply", "withdraw", "ask_escalation"},
    "resolved": {"reply", "give_feedback", "withdraw", "ask_escalation", "ask_reopening"},
    "closed": {"give_feedback", "ask_reopening"},
    "closed_with_feedback": {"ask_reopening"},
    "withdrawn": set(),
    "escalation_pending": {"reply", "withdraw"},
}


@pytest.mark.parametrize("situation", ALLOWED)
def test_actions_offered_match_the_state(story, situation):
    offered = allowed_actions(progress=state(*stage_events(story, situation)))
    assert {a.value for a in offered} == ALLOWED[situation]


@pytest.mark.parametrize(("situation", "action", "code"), [
    ("unknown", CustomerAction.REPLY, "not_found"),
    ("closed", CustomerAction.REPLY, "closed"),
    ("withdrawn", CustomerAction.REPLY, "withdrawn"),
    ("in_progress", CustomerAction.DECIDE, "no_open_proposal"),
    ("accepted", CustomerAction.DECIDE, "no_open_proposal"),
    ("in_progress", CustomerAction.GIVE_FEEDBACK, "not_resolved"),
    ("closed_with_feedback", CustomerAction.GIVE_FEEDBACK, "feedback_already_given"),
    ("closed", CustomerAction.WITHDRAW, "closed"),
    ("withdrawn", CustomerAction.WITHDRAW, "withdrawn"),
    ("escalation_pending", CustomerAction.ASK_ESCALATION, "escalation_already_requested"),
    ("closed", CustomerAction.ASK_ESCALATION, "closed"),
])
def test_action_that_makes_no_sense_now_is_refused_with_the_reason(story, situation, action, code):
    progress = state(*stage_events(story, situation))
    call = {
        CustomerAction.REPLY: lambda: actions.reply(progress=progress, message_id="m-9", text="Дзе мае грошы?",
                                                    now=story.feedback.time, **NOW_KW),
        CustomerAction.DECIDE: lambda: actions.decide(progress=progress, proposal_id="prop-1",
                                                      decision=Decision.ACCEPTED, now=story.feedback.time, **NOW_KW),
        CustomerAction.GIVE_FEEDBACK: lambda: actions.give_feedback(progress=progress, satisfaction=4,
                                                                    now=story.feedback.time, **NOW_KW),
        CustomerAction.WITHDRAW: lambda: actions.withdraw(progress=progress, now=story.feedback.time, **NOW_KW),
        CustomerAction.ASK_ESCALATION: lambda: actions.ask_escalation(progress=progress, reason="Не згодная",
                                                                      now=story.feedback.time, **NOW_KW),
    }[action]
    with pytest.raises(ActionNotAllowed) as refused:
        call()
    assert (refused.value.action, refused.value.code) == (action, code)
    assert refused.value.reason


def test_reply_answers_the_open_question_by_default(story):
    event = actions.reply(progress=state(*stage_events(story, "question_open")), message_id="m-2",
                          text="Чэк у дадатку 📎", now=story.answer.time, **NOW_KW)
    assert isinstance(event, CustomerMessageReceived)
    assert (event.in_reply_to, event.text, event.time, event.correlation_id) == (
        "req-1", "Чэк у дадатку 📎", story.answer.time, "c-5f0c2d3a9b8e4f61")


def test_reply_to_a_question_that_is_not_open_is_refused(story):
    with pytest.raises(ActionNotAllowed) as refused:
        actions.reply(progress=state(*stage_events(story, "in_progress")), message_id="m-2", text="Вось",
                      in_reply_to="req-1", now=story.answer.time, **NOW_KW)
    assert refused.value.code == "no_open_question"


def test_plain_message_while_nothing_is_asked_answers_nothing(story):
    event = actions.reply(progress=state(*stage_events(story, "in_progress")), message_id="m-2", text="Дзякуй",
                          now=story.answer.time, **NOW_KW)
    assert event.in_reply_to is None


@pytest.mark.parametrize("decision", [Decision.ACCEPTED, Decision.REJECTED])
def test_customer_decides_on_the_open_proposal(story, decision):
    event = actions.decide(progress=state(*stage_events(story, "proposal_open")), proposal_id="prop-1",
                           decision=decision, reason="OK", now=story.accepted.time, **NOW_KW)
    assert isinstance(event, ResolutionDecisionReceived)
    assert (event.proposal_id, event.decision) == ("prop-1", decision)


def test_decision_on_an_old_proposal_is_refused(story):
    with pytest.raises(ActionNotAllowed) as refused:
        actions.decide(progress=state(*stage_events(story, "proposal_open")), proposal_id="prop-0",
                       decision=Decision.ACCEPTED, now=story.accepted.time, **NOW_KW)
    assert refused.value.code == "not_the_open_proposal"


def test_feedback_after_resolution_is_taken_once(story):
    closed = state(*stage_events(story, "closed"))
    event = actions.give_feedback(progress=closed, satisfaction=5, comment="Хутка і ветліва",
                                  now=story.feedback.time, **NOW_KW)
    assert isinstance(event, FeedbackReceived) and event.satisfaction == 5
    after = state(*stage_events(story, "closed"), event)
    with pytest.raises(ActionNotAllowed):
        actions.give_feedback(progress=after, satisfaction=1, now=story.feedback.time, **NOW_KW)


def test_withdrawal_before_closing_is_taken_and_ends_the_options(story):
    event = actions.withdraw(progress=state(*stage_events(story, "resolved")), reason="Ужо не трэба",
                             now=story.closed.time, **NOW_KW)
    assert isinstance(event, ComplaintWithdrawn)
    closed = ComplaintClosed(complaint_id=story.received.complaint_id, reason="withdrawn", by="system",
                             time=story.feedback.time)
    assert allowed_actions(progress=state(*stage_events(story, "in_progress"), event, closed)) == []


def test_escalation_request_is_taken_while_the_complaint_is_open(story):
    event = actions.ask_escalation(progress=state(*stage_events(story, "proposal_open")), reason="Мала",
                                   now=story.accepted.time, **NOW_KW)
    assert isinstance(event, EscalationRequested) and event.reason == "Мала"


class TestAskReopening:
    WINDOW = timedelta(days=56)

    def ask(self, story, *events: Event, now=None):
        return actions.ask_reopening(progress=state(*events), reason="Грошы так і не прыйшлі",
                                     now=now or story.closed.time + timedelta(days=3), reopen_window=self.WINDOW,
                                     **NOW_KW)

    def test_a_closed_complaint_can_be_asked_to_reopen_within_the_window(self, story):
        event = self.ask(story, *stage_events(story, "closed"), now=story.closed.time + self.WINDOW)
        assert isinstance(event, ReopeningRequested)
        assert (event.reason, event.complaint_id) == ("Грошы так і не прыйшлі", NOW_KW["complaint_id"])

    def test_a_resolved_complaint_not_yet_closed_can_be_asked_to_reopen(self, story):
        assert isinstance(self.ask(story, *stage_events(story, "resolved")), ReopeningRequested)

    @pytest.mark.parametrize(("situation", "code"), [
        ("in_progress", "not_finished"),
        ("withdrawn", "withdrawn"),
    ])
    def test_refused_before_the_end_or_after_a_withdrawal(self, story, situation, code):
        with pytest.raises(ActionNotAllowed) as refused:
            self.ask(story, *stage_events(story, situation))
        assert refused.value.code == code

    def test_refused_after_the_window_naming_how_long_it_is(self, story):
        with pytest.raises(ActionNotAllowed) as refused:
            self.ask(story, *stage_events(story, "closed"), now=story.closed.time + self.WINDOW + timedelta(seconds=1))
        assert refused.value.code == "reopen_window_passed"
        assert "56 days" in refused.value.reason
        late = story.closed.time + self.WINDOW + timedelta(days=1)
        offered = allowed_actions(progress=state(*stage_events(story, "closed")), now=late, reopen_window=self.WINDOW)
        assert CustomerAction.ASK_REOPENING not in offered

    def test_refused_for_a_merged_complaint_naming_where_it_went(self, story):
        merged = ComplaintMerged(complaint_id=NOW_KW["complaint_id"], merged_into="c-00000000000000aa",
                                 merged_into_tracking_number="CMP-AAAA-BBBB-C", reason="same order", by="emp-1",
                                 time=story.resolved.time)
        closed = ComplaintClosed(complaint_id=NOW_KW["complaint_id"], reason="duplicate", by="emp-1",
                                 time=story.closed.time)
        with pytest.raises(ActionNotAllowed) as refused:
            self.ask(story, *stage_events(story, "in_progress"), merged, closed)
        assert refused.value.code == "merged" and "CMP-AAAA-BBBB-C" in refused.value.reason

    def test_asked_once_until_it_is_reopened(self, story):
        first = self.ask(story, *stage_events(story, "closed"))
        with pytest.raises(ActionNotAllowed) as refused:
            self.ask(story, *stage_events(story, "closed"), first)
        assert refused.value.code == "reopening_already_requested"
        reopened = ComplaintReopened(complaint_id=NOW_KW["complaint_id"], reason="customer asked", by="emp-1",
                                     time=story.closed.time + timedelta(days=4))
        progress = state(*stage_events(story, "closed"), first, reopened)
        assert CustomerAction.ASK_REOPENING not in allowed_actions(progress=progress, now=reopened.time)
        assert CustomerAction.REPLY in allowed_actions(progress=progress, now=reopened.time)
