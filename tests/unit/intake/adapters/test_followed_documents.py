"""Followed events as stored, and complaints read together with them, whichever version stored what."""

from complaint_contracts import Event, RedressPaid
from complaints_chassis.personal_data import new_data_key
from intake.adapters.documents import complaint_document, customer_record, entry_document, exported_record
from intake.adapters.followed import followed_document, followed_from
from intake.domain.complaint import NewComplaint
from intake.domain.followed import Followed, followed_of
from intake.domain.subjects import SubjectIndex

from ..conftest import COMPLAINT_ID, Story, at
from ..fakes import PEPPER


def kept(event: Event) -> Followed:
    found = followed_of(event)
    assert found is not None
    return found


def stored_complaint(story: Story) -> dict:
    subject = SubjectIndex(PEPPER).of(story.received.customer, complaint_id=COMPLAINT_ID)
    return complaint_document(NewComplaint(story.received, subject), new_data_key())


def test_a_followed_event_reads_back_as_it_was_kept(story: Story) -> None:
    paid = RedressPaid(complaint_id=COMPLAINT_ID, proposal_id="prop-1", amount={"amount": "49.99", "currency": "BYN"},
                       kind="refund", payment_reference="PAY-1", by="emp-0042", time=at(days=7))
    for event in (story.routed, story.acknowledged, story.unseen[0], paid):
        document = followed_document(kept(event))
        assert document["_id"] == event.dedupe_key
        assert ("entry" in document, "team" in document) == (kept(event).entry is not None,
                                                              kept(event).team is not None)
        assert followed_from(document) == kept(event)
    assert followed_document(kept(paid))["entry"]["amount"] == {"amount": "49.99", "currency": "BYN"}  # exact


def test_a_complaint_of_the_previous_version_reads_with_its_entries_and_owner_inside(story: Story) -> None:
    document = stored_complaint(story)
    # What the previous version kept inside: followed entries, and the owning team of the latest decision.
    document["entries"] += [entry_document(entry) for e in (story.routed, story.opened) if (entry := kept(e).entry)]
    document |= {"owner_team": "support-be-1", "owner_as_of": story.opened.time}
    followed = [kept(e) for e in (story.opened, story.question, story.unseen[0])]

    record = customer_record(document, followed)
    assert [e.milestone for e in record.entries] == ["received", "assigned", "case_opened", "information_requested"]

    exported = exported_record(document, followed)
    assert [e["milestone"] for e in exported["entries"]] == [e.milestone for e in record.entries]
    assert (exported["owner_team"], exported["owner_as_of"]) == ("support-be-2", at(days=3))
    assert "_id" not in exported
    assert "owner_team" not in exported_record(stored_complaint(story), [])
