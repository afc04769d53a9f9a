"""The conversation keeps every word the customer wrote and every question, note, proposal and answer of staff, in
order, each with who and when."""

from datetime import timedelta

import pytest
from complaint_contracts.intake import (
    ComplaintWithdrawn,
    CustomerMessageReceived,
    EscalationRequested,
    FeedbackReceived,
    ReopeningRequested,
    ResolutionDecisionReceived,
)
from complaint_contracts.types import AttachmentRef, Decision
from resolution.domain.conversation import EntryKind, conversation, customer_entry
from resolution.domain.lifecycle import request_information
from resolution.domain.staffing import add_note
from resolution.domain.states import CaseState

from tests.unit.resolution.builders import MONDAY_9AM, make_received, open_case_in, staff

CID = "c-late-refund-0001"
PHOTO = AttachmentRef(attachment_id="a-1", name="box.jpg", media_type="image/jpeg", size_bytes=1000)


def at(hours: float):
    return MONDAY_9AM + timedelta(hours=hours)


SAID = [
    (CustomerMessageReceived(complaint_id=CID, time=at(1), message_id="m-1", text="Here is the box",
                             attachments=[PHOTO], in_reply_to="r-1"), EntryKind.CUSTOMER_MESSAGE, "Here is the box"),
    (ResolutionDecisionReceived(complaint_id=CID, time=at(2), proposal_id="p-1", decision=Decision.REJECTED,
                                reason="I want my money, not a voucher"), EntryKind.DECISION,
     "I want my money, not a voucher"),
    (FeedbackReceived(complaint_id=CID, time=at(3), satisfaction=2, comment="Too slow"), EntryKind.FEEDBACK,
     "Too slow"),
    (ComplaintWithdrawn(complaint_id=CID, time=at(4), reason="Sorted it myself"), EntryKind.WITHDRAWAL,
     "Sorted it myself"),
    (EscalationRequested(complaint_id=CID, time=at(5), reason="Nobody answers"), EntryKind.ESCALATION_REQUEST,
     "Nobody answers"),
    (ReopeningRequested(complaint_id=CID, time=at(6), reason="The refund bounced"), EntryKind.REOPENING_REQUEST,
     "The refund bounced"),
]


@pytest.mark.parametrize(("event", "kind", "text"), SAID, ids=[k for _, k, _ in SAID])
def test_every_customer_event_becomes_an_entry_with_its_words(event, kind, text):
    entry = customer_entry(event)

    assert (entry.kind, entry.text, entry.by, entry.at, entry.public) == (kind, text, "customer", event.time, True)
    assert entry.entry_id == event.dedupe_key and entry.complaint_id == CID


def test_a_message_keeps_its_attachments_and_the_question_it_answers_a_decision_its_verdict():
    message, decision, feedback = (customer_entry(e) for e, _, _ in SAID[:3])

    assert (message.attachments, message.refers_to) == ([PHOTO], "r-1")
    assert (decision.decision, decision.refers_to) == (Decision.REJECTED, "p-1")
    assert feedback.satisfaction == 2


def test_something_the_customer_does_not_say_is_no_entry():
    with pytest.raises(TypeError, match="ComplaintReceived"):
        customer_entry(make_received())  # type: ignore[arg-type]


def test_the_conversation_interleaves_staff_and_customer_in_time_order():
    case = open_case_in(CaseState.INVESTIGATING)
    request_information(case=case, acting=staff(2), request_id="r-1", question="Which order was it?")
    add_note(case=case, acting=staff(3), note_id="n-1", text="Courier says delivered", public=False)
    reply = customer_entry(CustomerMessageReceived(complaint_id=CID, time=at(2.5), message_id="m-1",
                                                   text="Order 1234", in_reply_to="r-1"))

    entries = conversation(case=case, customer=[reply])

    assert [(e.kind, e.text, e.by) for e in entries] == [
        (EntryKind.INFORMATION_REQUEST, "Which order was it?", "emp-0042"),
        (EntryKind.CUSTOMER_MESSAGE, "Order 1234", "customer"),
        (EntryKind.INTERNAL_NOTE, "Courier says delivered", "emp-0042")]
    assert [e.public for e in entries] == [True, True, False]


def test_proposals_with_their_plan_completed_steps_and_final_responses_are_in_the_conversation():
    case = open_case_in(CaseState.CLOSED)

    kinds = [e.kind for e in conversation(case=case, customer=[])]

    assert kinds == [EntryKind.PROPOSAL, EntryKind.FINAL_RESPONSE]
    proposal = conversation(case=case, customer=[])[0]
    assert [s.description for s in proposal.plan] == ["Refund the delivery charge to the card used"]
