"""Reading a case as staff do, over the fake stores: the complaint's details and the whole conversation, whichever
came first, personal data only for those who may see it; the customer's other complaints; templates and the check
of a draft."""

from datetime import timedelta

import pytest
from complaint_contracts.intake import CustomerMessageReceived, FeedbackReceived, ResolutionDecisionReceived
from complaint_contracts.types import Decision, Outcome
from complaints_chassis.parking import Deferred
from resolution.domain.access import Principal, Role
from resolution.domain.commands import RequestInformation
from resolution.domain.complaint import WITHHELD
from resolution.domain.conversation import EntryKind
from resolution.domain.errors import AccessDenied
from resolution.domain.states import CaseState

from tests.unit.resolution.builders import MONDAY_9AM, make_received, make_routed, open_case_in

CID = "c-late-refund-0001"
AGENT = Principal(subject="emp-0042", roles=frozenset({Role.AGENT}), teams=frozenset({"support-en-1"}))
QUALITY = Principal(subject="emp-0100", roles=frozenset({Role.QUALITY}))


def at(hours: float):
    return MONDAY_9AM + timedelta(hours=hours)


async def test_what_the_customer_wrote_before_the_case_opened_is_kept_and_shown_once_it_is(service, store):
    early = CustomerMessageReceived(complaint_id=CID, time=at(0.5), message_id="m-1", text="I also paid twice")

    with pytest.raises(Deferred):
        await service.hear_customer(events=[early])
    await service.open_cases(routed=[make_routed()])
    await service.hear_customer(events=[early])  # the parked event, retried
    await service.record_received(received=[make_received()])

    file = await service.view(complaint_id=CID, principal=AGENT)

    assert (file.complaint.title, file.complaint.customer.email) == ("Refund not received", "alesia@example.org")
    assert [(e.kind, e.text) for e in file.conversation] == [(EntryKind.CUSTOMER_MESSAGE, "I also paid twice")]
    assert not file.personal_data_withheld


async def test_every_reply_decision_reason_and_feedback_comment_is_in_the_conversation(service, store):
    store.put(open_case_in(CaseState.RESOLUTION_PROPOSED))
    said = [CustomerMessageReceived(complaint_id=CID, time=at(3), message_id="m-1", text="Is that all?"),
            ResolutionDecisionReceived(complaint_id=CID, time=at(4), proposal_id="p-1", decision=Decision.REJECTED,
                                       reason="I want the postage back too"),
            FeedbackReceived(complaint_id=CID, time=at(5), satisfaction=2, comment="Slow")]

    await service.hear_customer(events=said)
    await service.hear_customer(events=said)  # redelivered: nothing twice
    file = await service.view(complaint_id=CID, principal=AGENT)

    assert [(e.kind, e.text) for e in file.conversation if e.by == "customer"] == [
        (EntryKind.CUSTOMER_MESSAGE, "Is that all?"), (EntryKind.DECISION, "I want the postage back too"),
        (EntryKind.FEEDBACK, "Slow")]
    assert file.case.state is CaseState.REJECTED


async def test_staff_questions_are_in_the_conversation_with_who_and_when(service, store, clock):
    store.put(open_case_in(CaseState.INVESTIGATING))

    file = await service.act(complaint_id=CID, principal=AGENT, version=2, reason="",
                             command=RequestInformation(question="Which order was it?"))

    [asked] = [e for e in file.conversation if e.kind is EntryKind.INFORMATION_REQUEST]
    assert (asked.text, asked.by, asked.at, asked.entry_id) == ("Which order was it?", "emp-0042", clock(), "r-1")


async def test_quality_reads_the_complaint_without_the_customer_s_contact_details(service, store):
    store.put(open_case_in())
    await service.record_received(received=[make_received(phone="+375291234567")])

    file = await service.view(complaint_id=CID, principal=QUALITY)

    assert file.personal_data_withheld and file.complaint.customer.name == WITHHELD
    assert (file.complaint.customer.email, file.complaint.customer.phone) == (None, None)
    assert file.complaint.description == "The refund for my parcel never arrived."
    with pytest.raises(AccessDenied, match="view_personal_data"):
        await service.customer_history(complaint_id=CID, principal=QUALITY)


async def test_the_customer_s_other_complaints_are_found_by_e_mail_or_phone(service, store):
    ids = ["c-late-refund-0001", "c-second-try-0002", "c-by-phone-0003", "c-someone-else-0004"]
    for cid in ids:
        store.put(open_case_in(complaint_id=cid))
    await service.record_received(received=[
        make_received(complaint_id=ids[0], phone="+375291234567"),
        make_received(complaint_id=ids[1], tracking_number="CMP-2", email="ALESIA@example.org "),
        make_received(complaint_id=ids[2], tracking_number="CMP-3", email=None, phone="+375291234567"),
        make_received(complaint_id=ids[3], tracking_number="CMP-4", email="other@example.org")])

    history = await service.customer_history(complaint_id=CID, principal=AGENT)

    assert sorted(line.complaint_id for line in history) == sorted(ids[1:3])
    assert {line.tracking_number for line in history} == {"CMP-2", "CMP-3"}


async def test_templates_are_filled_from_the_case_and_a_draft_is_checked_before_it_is_sent(service, store):
    store.put(open_case_in(CaseState.IMPLEMENTING, regime="uk_fca_disp"))
    await service.record_received(received=[make_received()])

    [template] = await service.response_templates(complaint_id=CID, principal=AGENT, language=None,
                                                  outcome=Outcome.UPHELD)
    check = await service.check_final_response(complaint_id=CID, principal=AGENT, outcome=Outcome.UPHELD,
                                               text="Sorry about that.")

    assert "Financial Ombudsman Service" in template.text and template.prompts_left == 1
    assert any("Financial Ombudsman Service" in m for m in check.missing)
    assert "the reasons for the decision" in check.minimum_gaps and not check.minimum_enforced
    with pytest.raises(AccessDenied):
        await service.response_templates(complaint_id=CID, principal=QUALITY, language=None, outcome=None)
