"""What makes a message unique: the effect (complaint, kind, occurrence, recipient), never the event id."""

from datetime import timedelta
from uuid import uuid4

import pytest
from complaint_contracts import (
    CaseAssigned,
    ComplaintClosed,
    ComplaintReopened,
    ComplaintResolved,
    DeadlineWarning,
    InformationRequested,
    Outcome,
    PublicNoteAdded,
)
from notification.domain.catalogue import Template
from notification.domain.effects import OCCURRENCES
from notification.domain.facts import record_facts
from notification.domain.planning import plan_messages

from tests.unit.notification.builders import CALENDARS, COMPLAINT_ID, RECEIVED_AT


def keys(event, facts, links) -> list[tuple[str, str, str]]:
    """(template, recipient, effect key) of each message the event calls for, folding it into the facts first."""
    facts = record_facts(facts=facts, event=event)
    return [(m.template.value, m.recipient.key, m.effect_key) for m in plan_messages(event=event, facts=facts,
                                                                                    links=links, calendars=CALENDARS)]


def resent(event, *, later: timedelta = timedelta(minutes=3)):
    """The same fact sent again by its producer: a new event id and a later time."""
    return event.model_copy(update={"id": uuid4(), "time": event.time + later})


def test_every_message_kind_says_what_makes_it_unique():
    assert set(OCCURRENCES) == set(Template)


@pytest.mark.parametrize("name", ["acknowledgement", "information_requested", "resolution_proposed", "final_response",
                                  "complaint_closed", "complaint_reopened", "complaint_escalated", "case_note",
                                  "new_assignment", "deadline_warning", "deadline_breached", "case_escalated",
                                  "possible_duplicate", "systemic_issue", "proposal_accepted",
                                  "plan_step_completed", "redress_paid", "resolution_implemented", "complaint_merged",
                                  "plan_step_overdue"])
def test_a_trigger_re_sent_under_a_new_id_calls_for_the_same_messages(name, trigger_events, facts, links):
    event = trigger_events[name]
    first = keys(event, facts, links)
    folded = record_facts(facts=facts, event=event)

    again = keys(resent(event), folded, links)

    assert again == first and first
    assert all(str(event.id) not in key for _, _, key in first)


def test_the_acknowledgement_is_once_per_complaint_and_names_it(routed_event, facts, links):
    [(template, recipient, key), _] = keys(routed_event(), facts, links)

    assert (template, recipient) == ("acknowledgement", "customer")
    assert key == f"{COMPLAINT_ID}\nacknowledgement\nonce"


def test_each_information_request_and_each_note_is_its_own_message(facts, links):
    ask = {"complaint_id": COMPLAINT_ID, "by": "emp-0042", "question": "Which order?"}
    first = keys(InformationRequested(request_id="rq-1", **ask), facts, links)
    second = keys(InformationRequested(request_id="rq-2", **ask), facts, links)
    notes = [keys(PublicNoteAdded(complaint_id=COMPLAINT_ID, note_id=n, text="Checked", by="emp-0042"), facts, links)
             for n in ("n-1", "n-2")]

    assert first != second and notes[0] != notes[1]


def test_a_reopened_complaint_gets_its_final_response_and_closing_again(facts, links):
    by = {"complaint_id": COMPLAINT_ID, "by": "emp-0042"}
    day = timedelta(days=1)
    resolved = ComplaintResolved(outcome=Outcome.UPHELD, final_response="Refunded.", time=RECEIVED_AT + 9 * day, **by)
    reopened = ComplaintReopened(reason="Refund bounced", time=RECEIVED_AT + 10 * day, **by)
    resolved_again = ComplaintResolved(outcome=Outcome.UPHELD, final_response="Refunded again.",
                                       time=RECEIVED_AT + 12 * day, **by)
    closed = ComplaintClosed(reason="resolved", time=RECEIVED_AT + 13 * day, **by)

    facts = record_facts(facts=facts, event=resolved)
    first_response = keys(resolved, facts, links)
    facts = record_facts(facts=facts, event=reopened)
    reopening = keys(reopened, facts, links)
    facts = record_facts(facts=facts, event=resolved_again)

    assert keys(resolved_again, facts, links) != first_response
    assert keys(resolved, facts, links) == first_response, "an old event redelivered keeps its own cycle"
    assert keys(resent(reopened), facts, links) == reopening, "a repeated reopening starts no new cycle"
    assert keys(closed, facts, links)[0][2].endswith("cycle 1")


def test_a_warning_repeated_with_a_later_reading_is_the_same_but_a_moved_deadline_is_news(trigger_events, facts,
                                                                                        links):
    warning: DeadlineWarning = trigger_events["deadline_warning"]
    later_reading = warning.model_copy(update={"id": uuid4(), "elapsed_fraction": 0.76})
    moved = warning.model_copy(update={"id": uuid4(), "due_at": warning.due_at + timedelta(days=2)})

    assert keys(later_reading, facts, links) == keys(warning, facts, links)
    assert keys(moved, facts, links) != keys(warning, facts, links)


def test_an_assignment_notice_is_once_per_owner_taking_the_case(routed_event, facts, links):
    routed = routed_event()
    to_maria = CaseAssigned(complaint_id=COMPLAINT_ID, team="support-en-2", assignee="emp-0077", by="emp-0001",
                            reason="Workload", time=routed.time + timedelta(hours=1))
    back_to_ivan = CaseAssigned(complaint_id=COMPLAINT_ID, team="support-en-1", assignee="emp-0042", by="emp-0001",
                                reason="Back from leave", time=routed.time + timedelta(hours=2))

    [_, ivan_first] = keys(routed, facts, links)
    facts = record_facts(facts=facts, event=to_maria)
    [maria] = keys(to_maria, facts, links)
    facts = record_facts(facts=facts, event=back_to_ivan)
    [ivan_again] = keys(back_to_ivan, facts, links)

    assert (ivan_first[1], maria[1], ivan_again[1]) == ("employee:emp-0042", "employee:emp-0077", "employee:emp-0042")
    assert ivan_again != ivan_first, "taking the case back is a new assignment"
    assert keys(resent(back_to_ivan), facts, links) == [ivan_again]


# An access code is the exception: each issuance is a new code, known by its event id alone (intake publishes it
# once, from its outbox), since the code must not feed a published id.
def test_each_access_code_issued_is_its_own_message_and_the_code_is_not_part_of_its_name(trigger_events, facts,
                                                                                        links):
    first = trigger_events["access_code"]
    second = first.model_copy(update={"id": uuid4(), "access_code": "9X2B-7TQW-K3MD"})

    [(_, _, key)] = keys(first, facts, links)
    [(_, _, other)] = keys(second, facts, links)

    assert key != other and "7Q4K" not in key


def test_each_payment_and_each_plan_step_is_its_own_message(trigger_events, facts, links):
    paid = trigger_events["redress_paid"]
    step = trigger_events["plan_step_completed"]

    assert keys(paid, facts, links) != keys(paid.model_copy(update={"payment_reference": "PAY-2026-0043"}), facts,
                                            links)
    assert keys(step, facts, links) != keys(step.model_copy(update={"step_id": "s-2"}), facts, links)
