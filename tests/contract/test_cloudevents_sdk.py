"""CloudEvents as the spec says, proven with records the official SDK produces and reads.

Another system's producer may use binary or structured content mode (the Kafka binding says implementations SHOULD
support both) and its own ids, which need not be UUIDs; we publish binary mode.
"""

import json
from datetime import UTC, datetime

import pytest
from cloudevents.core.bindings.kafka import KafkaMessage, from_binary, to_binary, to_structured
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent
from complaint_contracts import ComplaintSubmission, UndecodableEvent, from_kafka, to_kafka, topics

from tests.support.builders import make_submission

CRM_ID = "CRM-2026-000123/attempt#1"
"""A CRM's own event id: not a UUID, and with characters a careless dedupe key would trip on."""
TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


def sdk_submission(**attributes: object) -> CloudEvent:
    data = make_submission(external_reference="CRM-2026-000123").data()
    return CloudEvent(attributes={
        "id": CRM_ID, "source": "/crm/callcentre", "type": "complaints.submissions.ComplaintSubmission",
        "time": datetime(2026, 11, 2, 9, 30, tzinfo=UTC), "datacontenttype": "application/json",
        "subject": "crm:CRM-2026-000123", "partitionkey": "crm:CRM-2026-000123", "correlationid": "crm-flow-9",
        "traceparent": TRACEPARENT, **attributes}, data=data)


def decode(message: KafkaMessage) -> ComplaintSubmission:
    event = from_kafka(topics.SUBMISSIONS, message.value, message.headers)
    assert isinstance(event, ComplaintSubmission)
    return event


@pytest.mark.parametrize("encode", [to_binary, to_structured], ids=["binary", "structured"])
def test_a_submission_an_sdk_produced_is_read_in_either_content_mode(encode) -> None:
    event = decode(encode(sdk_submission(), JSONFormat()))

    assert event.id == CRM_ID and event.source == "/crm/callcentre"
    assert event.time == datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
    assert event.external_reference == "CRM-2026-000123" and event.subject == "crm:CRM-2026-000123"
    assert (event.correlation_id, event.traceparent) == ("crm-flow-9", TRACEPARENT)


def test_structured_mode_with_base64_data_is_read_too() -> None:
    data = json.dumps(make_submission(external_reference="CRM-B64").data()).encode()
    message = to_structured(CloudEvent(attributes={
        "id": "b64-1", "source": "/crm/callcentre", "type": "complaints.submissions.ComplaintSubmission",
        "datacontenttype": "application/json"}, data=data), JSONFormat())
    assert b"data_base64" in message.value
    assert decode(message).external_reference == "CRM-B64"


def test_two_systems_may_use_the_same_id_and_stay_two_events() -> None:
    ours = decode(to_binary(sdk_submission(source="/crm/callcentre"), JSONFormat()))
    theirs = decode(to_binary(sdk_submission(source="/shop#eu"), JSONFormat()))
    confusable = decode(to_binary(sdk_submission(source="/shop", id=f"eu#{CRM_ID}"), JSONFormat()))
    assert len({ours.dedupe_key, theirs.dedupe_key, confusable.dedupe_key}) == 3


@pytest.mark.parametrize("bad_id", ["", None])
def test_an_empty_id_is_not_an_event(bad_id: str | None) -> None:
    message = to_binary(sdk_submission(), JSONFormat())
    headers = {k: v for k, v in message.headers.items() if k != "ce_id"}
    if bad_id is not None:
        headers["ce_id"] = bad_id.encode()
    with pytest.raises(UndecodableEvent, match="ce_id"):
        from_kafka(topics.SUBMISSIONS, message.value, headers)


def test_structured_mode_in_a_format_we_do_not_read_is_undecodable() -> None:
    message = to_structured(sdk_submission(), JSONFormat())
    with pytest.raises(UndecodableEvent, match="application/cloudevents\\+avro"):
        from_kafka(topics.SUBMISSIONS, message.value, {"content-type": b"application/cloudevents+avro"})


def test_what_we_publish_the_sdk_reads_with_every_extension() -> None:
    ours = make_submission(correlation_id="crm-flow-9", causation_id="e-1", traceparent=TRACEPARENT,
                           tracestate="crm=1")
    record = to_kafka(ours)
    event = from_binary(KafkaMessage(headers=dict(record.headers), key=record.key, value=record.value), JSONFormat())

    assert event.get_id() == str(ours.id) and event.get_type() == ours.type
    assert event.get_extension("traceparent") == TRACEPARENT and event.get_extension("tracestate") == "crm=1"
    assert event.get_extension("correlationid") == "crm-flow-9" and event.get_extension("causationid") == "e-1"
    assert event.get_extension("partitionkey") == ours.subject and event.get_data() == ours.data()
