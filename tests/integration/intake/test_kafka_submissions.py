"""Submissions from internal systems over Kafka: recorded like HTTP filings, idempotent, bad ones dead-lettered."""

import base64
import uuid

from complaint_contracts import ComplaintReceived, to_kafka, topics
from complaints_chassis import dead_letters as dl
from complaints_chassis.personal_data import Opener
from intake.domain.submission import complaint_id_for_submission

from tests.support.builders import make_submission
from tests.support.kafka import eventually, produce_raw, read_until

from .conftest import Intake
from .support import PHOTO_PNG, WINDOWS_EXE


def submission(**overrides):
    return make_submission(external_reference=f"CRM-{uuid.uuid4().hex[:10]}", **overrides)


async def produce(intake: Intake, *events, key: bytes | None = None) -> None:
    for event in events:
        record = to_kafka(event)
        await produce_raw(intake.backend.kafka_bootstrap, topics.SUBMISSIONS, key=key or record.key,
                          value=record.value, headers=record.headers)


async def opened_filings(intake: Intake, filings: list[dict]) -> list[dict]:
    """Complaints as stored (sealed), opened as a reader with the keys would."""
    opened = await Opener(intake.keys).for_key_ids({filing["personal_data_key"] for filing in filings})
    return [opened(ComplaintReceived, dict(filing)) for filing in filings]


async def stored(intake: Intake, event) -> dict | None:
    complaint_id = complaint_id_for_submission(source_system=event.source_system,
                                               external_reference=event.external_reference)
    return await intake.store.complaints.find_one({"_id": complaint_id})


async def test_a_valid_submission_becomes_a_complaint_announced_like_an_http_filing(intake: Intake) -> None:
    content = PHOTO_PNG
    event = submission(customer={"name": "Алеся", "phone": "+375291234567", "preferred_channel": "email"},
                       attachments=[{"name": "photo.png", "media_type": "image/png", "size_bytes": len(content),
                                     "content_base64": base64.b64encode(content).decode()}])
    await produce(intake, event)

    await eventually(lambda: _exists(intake, event))
    document = await stored(intake, event)
    record = await read_until(intake.backend.kafka_bootstrap, topics.INTAKE,
                              lambda r: r.key == document["_id"].encode())
    received = await intake.decoded(record)
    assert isinstance(received, ComplaintReceived)
    assert (received.source_system, received.external_reference) == ("crm", event.external_reference)
    assert received.tracking_number == document["tracking_number"]
    assert received.customer.preferred_channel == "phone"
    assert received.causation_id == str(event.id)
    [attachment] = received.attachments
    assert await intake.store.attachment(attachment.attachment_id) == content


async def test_a_redelivered_or_resent_submission_records_one_complaint(intake: Intake) -> None:
    event = submission()
    resent = event.model_copy(update={"id": uuid.uuid4(), "title": "resent by the CRM"})
    marker = submission()
    key = to_kafka(event).key
    await produce(intake, event, event, resent)
    await produce(intake, marker, key=key)  # same partition, behind the duplicates

    await eventually(lambda: _exists(intake, marker))
    first = await stored(intake, event)
    [opened] = await opened_filings(intake, [first["complaint"]])
    assert opened["title"] == event.title  # sealed at rest: the first of the copies was kept
    assert await intake.store.complaints.count_documents(
        {"source_system": "crm", "external_reference": event.external_reference}) == 1


async def test_an_invalid_submission_is_dead_lettered_with_its_reasons_and_the_partition_keeps_flowing(
        intake: Intake) -> None:
    bad = submission(title=" ", customer={"name": "Secret Person", "email": "secret@", "phone": "+37529123"})
    good = submission()
    key = to_kafka(bad).key
    await produce(intake, bad, key=key)
    await produce(intake, good, key=key)

    await eventually(lambda: _exists(intake, good))
    dead = await read_until(intake.backend.kafka_bootstrap, topics.dlq(topics.SUBMISSIONS),
                            lambda r: dict(r.headers).get("ce_id") == str(bad.id).encode())
    headers = {k: v.decode() for k, v in dead.headers}
    assert headers[dl.REASON] == "rejected: title: missing; customer.email: bad_email; customer.phone: bad_phone"
    assert headers[dl.ERROR_CLASS] == "PermanentError"
    assert headers[dl.ORIGINAL_TOPIC] == topics.SUBMISSIONS
    assert "Secret" not in headers[dl.REASON] and "secret@" not in headers[dl.REASON]
    assert await stored(intake, bad) is None


async def test_a_submission_under_no_real_jurisdiction_is_dead_lettered(intake: Intake) -> None:
    bad = submission(jurisdiction="US-ZZ")
    await produce(intake, bad)

    dead = await read_until(intake.backend.kafka_bootstrap, topics.dlq(topics.SUBMISSIONS),
                            lambda r: dict(r.headers).get("ce_id") == str(bad.id).encode())
    assert dict(dead.headers)[dl.REASON].decode() == "rejected: jurisdiction: unknown_value"
    assert await stored(intake, bad) is None


async def test_a_submitted_file_whose_content_is_not_its_declared_type_is_dead_lettered(intake: Intake) -> None:
    bad = submission(attachments=[{"name": "Secret-scan.pdf", "media_type": "application/pdf",
                                   "size_bytes": len(WINDOWS_EXE),
                                   "content_base64": base64.b64encode(WINDOWS_EXE).decode()}])
    await produce(intake, bad)

    dead = await read_until(intake.backend.kafka_bootstrap, topics.dlq(topics.SUBMISSIONS),
                            lambda r: dict(r.headers).get("ce_id") == str(bad.id).encode())
    reason = dict(dead.headers)[dl.REASON].decode()
    assert reason == "rejected: attachments.0.content_base64: content_mismatch"
    assert await stored(intake, bad) is None


async def test_valid_submissions_around_invalid_ones_in_one_batch_are_all_recorded(intake: Intake) -> None:
    goods = [submission() for _ in range(6)]
    bads = [submission(description="bell\x07"), submission(customer={"name": "A"})]
    key = b"one-partition-batch"
    await produce(intake, goods[0], goods[1], bads[0], goods[2], goods[3], bads[1], goods[4], goods[5], key=key)

    for good in goods:
        await eventually(lambda good=good: _exists(intake, good))
    for bad in bads:
        await read_until(intake.backend.kafka_bootstrap, topics.dlq(topics.SUBMISSIONS),
                         lambda r, bad=bad: dict(r.headers).get("ce_id") == str(bad.id).encode())
        assert await stored(intake, bad) is None


async def _exists(intake: Intake, event) -> bool:
    return await stored(intake, event) is not None
