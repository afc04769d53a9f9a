"""Complaints other internal systems hand over on complaints.submissions.v1: recorded and routed once, however often
they are sent; the invalid ones dead-lettered with the reason."""

from datetime import UTC, datetime, timedelta

from complaint_contracts import ComplaintRouted, KafkaRecord, to_kafka, topics
from complaint_contracts.personal_data import ERASED_TEXT
from complaints_cli.suite import Suite

from tests.e2e import journey


def test_a_submission_becomes_a_routed_and_acknowledged_complaint_once_however_often_it_is_sent(
        suite: Suite) -> None:
    submitted = journey.submission(product="kettle", title="Kettle leaks",
                                   description="The kettle I bought leaks from the base after a week.")
    journey.submit(suite, submitted)

    received = journey.received_submission(suite, submitted)
    # Sealed on the topic like every personal field: a reader without the customer's key sees it erased.
    assert received.channel == "phone" and received.title == ERASED_TEXT
    assert received.tracking_number.startswith("CMP-")
    routed = journey.routed(suite, received.complaint_id)
    assert routed.department == "quality" and routed.category == "product_quality"
    acknowledgement = journey.wait_until(
        lambda: [m for m in journey.mails(suite) if m.to == submitted.customer.email
                 and received.tracking_number in m.subject],
        what="acknowledgement of the submitted complaint")
    assert acknowledgement[0].subject.startswith("We have received your complaint")

    # The same submission again: redelivered as it was, and published anew by its system under a new event id.
    republished = submitted.model_copy(update={"id": journey.submission().id})
    assert republished.id != submitted.id
    # A later submission on the same key is read after both, so once it is in, both repeats were handled.
    follower = journey.submission()
    follower_record = to_kafka(follower)
    journey.produce(suite, to_kafka(submitted), to_kafka(republished),
                    KafkaRecord(key=to_kafka(submitted).key, value=follower_record.value,
                                headers=follower_record.headers))
    journey.routed(suite, journey.received_submission(suite, follower).complaint_id)

    assert [r.complaint_id for r in journey.received_for(suite, submitted)] == [received.complaint_id]
    assert len(journey.events(suite, topics.ROUTING, ComplaintRouted, about=received.complaint_id)) == 1


def test_an_invalid_submission_is_dead_lettered_with_its_reason_and_creates_nothing(suite: Suite) -> None:
    unreachable = journey.submission(
        customer={"name": "Nobody Known", "preferred_channel": "email"},
        occurred_at=datetime.now(UTC) + timedelta(days=30))
    garbage = KafkaRecord(key=b"crm:garbage", value=b"{not json",
                          headers=[*to_kafka(journey.submission()).headers])
    garbage_id = dict(garbage.headers)["ce_id"].decode()
    journey.produce(suite, to_kafka(unreachable), garbage)

    def dead_letter(event_id: str) -> dict[str, str] | None:
        for record in journey.records(suite, topics.dlq(topics.SUBMISSIONS)):
            headers = {k: v.decode() for k, v in record.headers}
            if headers.get("ce_id") == event_id:
                return headers
        return None

    reasons = journey.wait_until(lambda: dead_letter(str(unreachable.id)),
                                 what="the unreachable submission dead-lettered")
    assert "customer: no_contact_route" in reasons["dlq-reason"]
    assert "occurred_at: in_future" in reasons["dlq-reason"]
    assert reasons["dlq-original-topic"] == topics.SUBMISSIONS

    reasons = journey.wait_until(lambda: dead_letter(garbage_id), what="the undecodable submission dead-lettered")
    assert "not JSON" in reasons["dlq-reason"]

    assert journey.received_for(suite, unreachable) == []
