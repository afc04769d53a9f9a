import json

from bson import json_util
from complaint_contracts import ComplaintReceived, from_kafka, topics
from complaint_contracts.personal_data import ERASED_TEXT, is_sealed
from complaints_chassis.outbox import HAS_PENDING, PENDING
from complaints_chassis.personal_data import new_data_key, opening
from intake.adapters.documents import complaint_document, contact_on_file, customer_record, stored_filing
from intake.domain.complaint import NewComplaint
from intake.domain.subjects import SubjectIndex

from tests.support.builders import make_complaint_received, make_submission

from ..fakes import PEPPER

SUBJECTS = SubjectIndex(PEPPER)


def _complaint(received: ComplaintReceived, **kwargs) -> NewComplaint:
    return NewComplaint(received, SUBJECTS.of(received.customer, complaint_id=received.complaint_id), **kwargs)


def test_a_filed_complaint_keeps_its_keys_and_reads_back_as_a_record(story):
    complaint = _complaint(story.received, access_code_hash="sha256$c2FsdA==$aGFzaA==", idempotency_key="k-1",
                           request_hash="ab12")
    document = complaint_document(complaint, new_data_key())
    assert (document["_id"], document["idempotency_key"], document["request_hash"]) == (
        story.received.complaint_id, "k-1", "ab12")
    assert "source_system" not in document and "external_reference" not in document
    record = customer_record(document)
    assert (record.tracking_number, record.access_code_hash, record.version, record.subject) == (
        story.received.tracking_number, "sha256$c2FsdA==$aGFzaA==", 0, complaint.subject.id)
    assert [e.milestone for e in record.entries] == ["received"]
    assert is_sealed(record.filed["title"]) and is_sealed(record.filed["description"])  # opened where shown
    replay = stored_filing(document)
    assert (replay.request_hash, replay.received.tracking_number) == ("ab12", story.received.tracking_number)
    assert (replay.received.description, replay.received.customer.email) == (ERASED_TEXT, None)  # never opened


def test_every_personal_value_is_stored_and_queued_sealed_with_the_subjects_key(story):
    key = new_data_key()
    document = complaint_document(_complaint(story.received), key)
    raw = json_util.dumps(document)
    for plaintext in (story.received.title, story.received.description, story.received.customer.email,
                      story.received.customer.name):
        assert json.dumps(plaintext)[1:-1] not in raw and plaintext not in raw
    assert story.received.tracking_number in raw  # the record stays readable
    [entry] = document[PENDING]
    queued = from_kafka(topics.INTAKE, bytes(entry["value"]), [(k, bytes(v)) for k, v in entry["headers"]],
                        personal=opening({key.id: key}))
    assert queued == story.received.model_copy(update={"personal_data_key": key.id})  # the receipt names its key
    assert document["complaint"]["personal_data_key"] == key.id
    assert customer_record(document).filed["description"].startswith(f"pd1.{key.id}.")


def test_the_contact_on_file_is_known_only_by_its_blind_indexes(story):
    received = story.received.model_copy(update={"customer": story.received.customer.model_copy(
        update={"phone": "+375291234567"})})
    complaint = _complaint(received)
    on_file = contact_on_file(complaint_document(complaint, new_data_key()))
    assert on_file.subject == SUBJECTS.email_ref("ALESIA@example.org")
    assert on_file.refs == (SUBJECTS.email_ref("alesia@example.org"), SUBJECTS.phone_ref("+375 29 123 45 67"))


def test_a_submitted_complaint_leaves_out_the_keys_it_does_not_have():
    submission = make_submission()
    received = make_complaint_received(source_system=submission.source_system,
                                       external_reference=submission.external_reference)
    document = complaint_document(_complaint(received), new_data_key())
    assert (document["source_system"], document["external_reference"]) == (submission.source_system,
                                                                             submission.external_reference)
    assert not {"idempotency_key", "request_hash", "access_code_hash"} & set(document)
    assert document[HAS_PENDING] and len(document[PENDING]) == 1
