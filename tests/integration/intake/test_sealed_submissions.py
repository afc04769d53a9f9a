"""A partner that seals its submissions: it asks intake's key API for the customer's key, publishes with every
personal value sealed, and intake records the complaint under that key; the submissions topic holds no plaintext,
and a submission sealed with a key destroyed since is dead-lettered with the reason."""

import uuid

import httpx
from complaint_contracts import ComplaintReceived, KafkaRecord, to_kafka, topics
from complaints_chassis import dead_letters as dl
from complaints_chassis.personal_data import sealing
from complaints_chassis.personal_data.http_keys import SubmissionSealer

from tests.support.builders import make_submission
from tests.support.kafka import eventually, produce_raw, read_until

from .conftest import KEY_SEALERS, Intake
from .test_kafka_submissions import stored


def _sealer(intake: Intake) -> SubmissionSealer:
    client = intake.client()
    client.auth = httpx.BasicAuth("crm", KEY_SEALERS["crm"])
    return SubmissionSealer(client)


def _marked(token: str):
    return make_submission(external_reference=f"CRM-{uuid.uuid4().hex[:10]}",
                           customer={"name": f"Zorya {token}", "email": f"{token}@example.org",
                                     "phone": "+375291234567", "customer_ref": f"REF-{token}"},
                           title=f"Card refused {token}", description=f"My card was refused twice, {token}.",
                           order_reference=f"ORD-{token}", desired_remedy_details=f"Say sorry {token}")


async def _publish(intake: Intake, record: KafkaRecord) -> bytes:
    await produce_raw(intake.backend.kafka_bootstrap, topics.SUBMISSIONS, key=record.key, value=record.value,
                      headers=record.headers)
    return record.value


async def test_a_sealed_submission_travels_without_plaintext_and_is_recorded_as_the_partner_sent_it(
        intake: Intake) -> None:
    token = uuid.uuid4().hex[:12]
    submission = _marked(token)
    sealer = _sealer(intake)
    try:
        published = await _publish(intake, await sealer.record(submission))
    finally:
        await sealer.aclose()
    assert token not in published.decode()

    await eventually(lambda: _stored(intake, submission))
    document = await stored(intake, submission)
    assert token not in str(document)
    record = await read_until(intake.backend.kafka_bootstrap, topics.INTAKE,
                              lambda r: r.key == document["_id"].encode())
    assert token not in record.value.decode()
    received = await intake.decoded(record)
    assert isinstance(received, ComplaintReceived)
    assert (received.title, received.customer.email, received.customer.customer_ref, received.order_reference) == (
        submission.title, submission.customer.email, submission.customer.customer_ref, submission.order_reference)
    assert document["complaint"]["personal_data_key"] in published.decode()


async def test_a_submission_sealed_before_the_customers_erasure_is_dead_lettered_not_recorded(intake: Intake) -> None:
    submission = _marked(uuid.uuid4().hex[:12])
    sealer = _sealer(intake)
    try:
        key = await sealer.key_for(submission)
        await intake.keys.destroy(intake.deps.data_keys.subjects.email_ref(submission.customer.email))
        await _publish(intake, to_kafka(submission, sealing(key)))  # sealed with the key it had, now destroyed
    finally:
        await sealer.aclose()

    dead = await read_until(intake.backend.kafka_bootstrap, topics.dlq(topics.SUBMISSIONS),
                            lambda r: dict(r.headers).get("ce_id") == str(submission.id).encode())
    assert dict(dead.headers)[dl.REASON].decode() == "rejected: customer: unreadable_personal_data"
    assert key.id in dead.value.decode() and submission.title not in dead.value.decode()
    assert await stored(intake, submission) is None


async def _stored(intake: Intake, submission) -> bool:
    return await stored(intake, submission) is not None
