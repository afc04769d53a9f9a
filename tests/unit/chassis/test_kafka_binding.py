import json
import re
import uuid
from typing import ClassVar, Literal

import pytest
from complaint_contracts import (
    ComplaintReceived,
    UndecodableEvent,
    UnknownEventType,
    from_kafka,
    to_kafka,
    topics,
)
from complaint_contracts.base import CORRELATION_ID, Event, current_correlation_id
from complaint_contracts.kafka_binding import upcast
from pydantic import ValidationError

from tests.support.builders import make_complaint_received


def headers_of(event) -> dict[str, bytes]:
    return dict(to_kafka(event).headers)


class TestEncode:
    def test_attributes_travel_in_ce_headers_and_data_in_the_value(self) -> None:
        event = make_complaint_received(correlation_id="corr-1")
        record = to_kafka(event)
        headers = dict(record.headers)

        assert record.key == event.complaint_id.encode()
        assert headers["ce_specversion"] == b"1.0"
        assert headers["ce_type"] == b"complaints.intake.ComplaintReceived"
        assert headers["ce_subject"] == event.complaint_id.encode()
        assert headers["ce_correlationid"] == b"corr-1"
        assert headers["content-type"] == b"application/json"
        value = json.loads(record.value)
        assert value["title"] == "LATE-REFUND"
        assert not {"id", "source", "type", "time"} & set(value)

    def test_round_trip_gives_the_same_event(self) -> None:
        event = make_complaint_received(description="Посылка не прыйшла 📦 <b>терміново</b>")
        record = to_kafka(event)
        assert from_kafka(topics.INTAKE, record.value, record.headers) == event


class TestDecode:
    def test_missing_type_is_undecodable(self) -> None:
        record = to_kafka(make_complaint_received())
        headers = [(k, v) for k, v in record.headers if k != "ce_type"]
        with pytest.raises(UndecodableEvent, match="missing CloudEvents header ce_type"):
            from_kafka(topics.INTAKE, record.value, headers)

    def test_other_specversion_is_undecodable(self) -> None:
        record = to_kafka(make_complaint_received())
        headers = [(k, b"0.3" if k == "ce_specversion" else v) for k, v in record.headers]
        with pytest.raises(UndecodableEvent, match="unsupported ce_specversion '0.3'"):
            from_kafka(topics.INTAKE, record.value, headers)

    def test_event_of_another_topic_is_unknown_here(self) -> None:
        record = to_kafka(make_complaint_received())
        with pytest.raises(UnknownEventType):
            from_kafka(topics.ROUTING, record.value, record.headers)

    def test_json_that_is_not_an_object_is_undecodable(self) -> None:
        record = to_kafka(make_complaint_received())
        with pytest.raises(UndecodableEvent, match="value must be a JSON object"):
            from_kafka(topics.INTAKE, b"[1, 2]", record.headers)

    def test_contract_violation_names_fields_not_values(self) -> None:
        record = to_kafka(make_complaint_received())
        value = json.loads(record.value)
        value["customer"]["phone"] = "call me maybe"
        with pytest.raises(UndecodableEvent) as caught:
            from_kafka(topics.INTAKE, json.dumps(value).encode(), record.headers)
        assert "customer.phone: String should match pattern" in str(caught.value)
        assert "call me maybe" not in str(caught.value)

    def test_unknown_fields_are_ignored_so_contracts_can_grow(self) -> None:
        record = to_kafka(make_complaint_received())
        value = json.loads(record.value) | {"field_from_the_future": 1}
        assert isinstance(from_kafka(topics.INTAKE, json.dumps(value).encode(), record.headers), ComplaintReceived)


class Renamed(Event):
    """A v2 event whose field `reason` was called `why` in v1."""

    schema_version: ClassVar[int] = 2
    upcasters: ClassVar = {1: lambda d: {**{k: v for k, v in d.items() if k != "why"}, "reason": d["why"]}}
    type: Literal["test.Renamed"] = "test.Renamed"
    source: str = "/test"
    reason: str


def test_upcasters_bring_old_data_to_the_current_version() -> None:
    assert upcast(Renamed, {"why": "late"}, 1) == {"reason": "late"}
    assert upcast(Renamed, {"reason": "late"}, 2) == {"reason": "late"}


class TestIdsAndTracing:
    def test_any_non_empty_text_is_an_id_and_a_uuid_becomes_its_text(self) -> None:
        assert make_complaint_received(id="CRM:42/a").id == "CRM:42/a"
        minted = uuid.uuid4()
        assert make_complaint_received(id=minted).id == str(minted)
        with pytest.raises(ValidationError):
            make_complaint_received(id="")

    def test_the_dedupe_key_of_our_sources_is_what_it_always_was(self) -> None:
        event = make_complaint_received(id="2b7e1516-28ae-4d2a-a6f3-ab4188c0e001")
        assert event.dedupe_key == "/complaints/intake#2b7e1516-28ae-4d2a-a6f3-ab4188c0e001"
        assert make_complaint_received(source="/a#b", id="c").dedupe_key != make_complaint_received(
            source="/a", id="b#c").dedupe_key

    def test_new_events_take_the_correlation_id_of_the_work_in_progress(self) -> None:
        token = CORRELATION_ID.set("req-7")
        try:
            assert make_complaint_received().correlation_id == "req-7"
            assert current_correlation_id() == "req-7"
        finally:
            CORRELATION_ID.reset(token)
        assert make_complaint_received().correlation_id is None

    def test_a_decoded_event_never_takes_the_ambient_correlation_id(self) -> None:
        record = to_kafka(make_complaint_received())
        token = CORRELATION_ID.set("req-7")
        try:
            assert from_kafka(topics.INTAKE, record.value, record.headers).correlation_id is None
        finally:
            CORRELATION_ID.reset(token)

    @pytest.mark.parametrize("traceparent", [
        "00-00000000000000000000000000000000-b7ad6b7169203331-01",
        "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01",
        "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01",
        "not a traceparent",
    ])
    def test_a_traceparent_w3c_says_to_ignore_is_dropped_not_a_reason_to_reject(self, traceparent: str) -> None:
        record = to_kafka(make_complaint_received())
        headers = [*record.headers, ("ce_traceparent", traceparent.encode()), ("ce_tracestate", b"a=b")]
        event = from_kafka(topics.INTAKE, record.value, headers)
        assert (event.traceparent, event.tracestate) == (None, None)

    def test_a_schema_version_that_is_not_a_number_is_undecodable(self) -> None:
        record = to_kafka(make_complaint_received())
        headers = [(k, b"two" if k == "ce_schemaversion" else v) for k, v in record.headers]
        with pytest.raises(UndecodableEvent, match="ce_schemaversion 'two' is not a number"):
            from_kafka(topics.INTAKE, record.value, headers)


class TestStructuredMode:
    def envelope(self, **changes) -> dict:
        record = to_kafka(make_complaint_received())
        attributes = {k.removeprefix("ce_"): v.decode() for k, v in record.headers if k.startswith("ce_")}
        return {**attributes, "datacontenttype": "application/json", "data": json.loads(record.value), **changes}

    def decode(self, envelope: dict, content_type: bytes = b"application/cloudevents+json; charset=utf-8"):
        return from_kafka(topics.INTAKE, json.dumps(envelope).encode(), [("content-type", content_type)])

    def test_the_whole_event_in_the_value_is_read(self) -> None:
        envelope = self.envelope(schemaversion=1)
        event = self.decode(envelope)
        assert isinstance(event, ComplaintReceived) and event.id == envelope["id"]

    @pytest.mark.parametrize(("changes", "reason"), [
        ({"type": None}, "missing CloudEvents attribute type"),
        ({"data": [1]}, "data must be a JSON object"),
        ({"data": None, "data_base64": "%%%"}, "data_base64 is not base64"),
        ({"datacontenttype": "text/plain"}, "unsupported datacontenttype 'text/plain'"),
        ({"specversion": "0.3"}, "unsupported specversion '0.3'"),
    ])
    def test_a_broken_envelope_is_undecodable(self, changes: dict, reason: str) -> None:
        with pytest.raises(UndecodableEvent, match=re.escape(reason)):
            self.decode(self.envelope(**changes))

    def test_an_unknown_type_is_skipped_whatever_its_binary_content_type(self) -> None:
        record = to_kafka(make_complaint_received())
        headers = [(k, b"complaints.intake.FromTheFuture" if k == "ce_type" else v) for k, v in record.headers
                   if k != "content-type"] + [("content-type", b"application/avro")]
        with pytest.raises(UnknownEventType):
            from_kafka(topics.INTAKE, b"\x00", headers)
