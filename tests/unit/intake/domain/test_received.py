from datetime import UTC, datetime

from complaint_contracts import AttachmentRef, Channel, ComplaintSubmission
from complaint_contracts.types import ComplaintId
from intake.domain.complaint import new_complaint_id
from intake.domain.filing import received_from_filing, validate_filing
from intake.domain.limits import IntakeLimits
from intake.domain.submission import complaint_id_for_submission, received_from_submission
from pydantic import TypeAdapter

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
RECEIPT = AttachmentRef(attachment_id="a-7f3e", name="receipt.pdf", media_type="application/pdf", size_bytes=5)
COMPLAINT = {
    "channel": "phone", "language": "be",
    "customer": {"name": "Алеся Кузьміч", "phone": "+375291234567"},
    "title": "Грошы не вярнулі", "description": "<b>Тры тыдні</b> чакаю 😞",
    "order_reference": "ORD-123", "desired_remedy": "refund", "jurisdiction": "BY",
    "amount_claimed": {"amount": "49.99", "currency": "BYN"},
}
IGNORED = {"id", "time", "source_system", "external_reference", "causation_id"}


def test_filing_and_submission_of_the_same_complaint_become_the_same_event():
    filing = validate_filing(payload=COMPLAINT, limits=IntakeLimits(), now=NOW)
    submission = ComplaintSubmission.model_validate({**COMPLAINT, "source": "/crm", "source_system": "crm",
                                                     "external_reference": "CRM-1", "received_at": NOW})
    common = {"complaint_id": "c-5f0c2d3a9b8e4f61", "tracking_number": "CMP-7K3Q-9XWA-F", "attachments": [RECEIPT]}
    from_http = received_from_filing(filing=filing, received_at=NOW, **common)
    from_kafka = received_from_submission(submission=submission, now=NOW, **common)
    assert from_http.model_dump(exclude=IGNORED) == from_kafka.model_dump(exclude=IGNORED)
    assert from_http.description == "<b>Тры тыдні</b> чакаю 😞"
    assert from_http.customer.preferred_channel == Channel.PHONE


def test_submission_keeps_its_system_reference_and_receipt_time():
    received_then = datetime(2026, 3, 1, 17, 0, tzinfo=UTC)
    submission = ComplaintSubmission.model_validate({**COMPLAINT, "source": "/crm", "source_system": "crm",
                                                     "external_reference": "CRM-1", "received_at": received_then})
    event = received_from_submission(submission=submission, complaint_id="c-5f0c2d3a9b8e4f61",
                                     tracking_number="CMP-7K3Q-9XWA-F", now=NOW, attachments=[])
    assert (event.source_system, event.external_reference) == ("crm", "CRM-1")
    assert event.received_at == received_then
    assert event.causation_id == str(submission.id)
    assert event.correlation_id == "c-5f0c2d3a9b8e4f61"


def test_submission_without_receipt_time_is_received_now():
    submission = ComplaintSubmission.model_validate({**COMPLAINT, "source": "/crm", "source_system": "crm",
                                                     "external_reference": "CRM-1"})
    event = received_from_submission(submission=submission, complaint_id="c-5f0c2d3a9b8e4f61",
                                     tracking_number="CMP-7K3Q-9XWA-F", now=NOW, attachments=[])
    assert event.received_at == NOW


def test_redelivered_submission_maps_to_the_same_complaint_id():
    first = complaint_id_for_submission(source_system="crm", external_reference="CRM-1")
    assert first == complaint_id_for_submission(source_system="crm", external_reference="CRM-1")
    assert first != complaint_id_for_submission(source_system="crm", external_reference="CRM-2")
    assert first != complaint_id_for_submission(source_system="shop", external_reference="CRM-1")


def test_new_complaint_ids_fit_the_contract_and_differ():
    ids = {new_complaint_id() for _ in range(1000)}
    assert len(ids) == 1000
    derived = complaint_id_for_submission(source_system="crm", external_reference="x")
    for complaint_id in [derived, *sorted(ids)[:5]]:
        assert TypeAdapter(ComplaintId).validate_python(complaint_id) == complaint_id
