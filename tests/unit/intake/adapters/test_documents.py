from complaints_chassis.outbox import HAS_PENDING, PENDING
from intake.adapters.documents import complaint_document, customer_record, stored_filing
from intake.domain.complaint import NewComplaint

from tests.support.builders import make_complaint_received, make_submission


def test_a_filed_complaint_keeps_its_keys_and_reads_back_as_a_record(story):
    complaint = NewComplaint(story.received, access_code_hash="sha256$c2FsdA==$aGFzaA==", idempotency_key="k-1",
                             request_hash="ab12")
    document = complaint_document(complaint)
    assert (document["_id"], document["idempotency_key"], document["request_hash"]) == (
        story.received.complaint_id, "k-1", "ab12")
    assert "source_system" not in document and "external_reference" not in document
    record = customer_record(document)
    assert (record.tracking_number, record.access_code_hash, record.version) == (
        story.received.tracking_number, "sha256$c2FsdA==$aGFzaA==", 0)
    assert [e.milestone for e in record.entries] == ["received"]
    replay = stored_filing(document)
    assert (replay.request_hash, replay.received) == ("ab12", story.received)


def test_a_submitted_complaint_leaves_out_the_keys_it_does_not_have():
    submission = make_submission()
    received = make_complaint_received(source_system=submission.source_system,
                                       external_reference=submission.external_reference)
    document = complaint_document(NewComplaint(received))
    assert (document["source_system"], document["external_reference"]) == (submission.source_system,
                                                                             submission.external_reference)
    assert not {"idempotency_key", "request_hash", "access_code_hash"} & set(document)
    assert document[HAS_PENDING] and len(document[PENDING]) == 1
