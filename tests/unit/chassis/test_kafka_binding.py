import json
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
from complaint_contracts.base import Event
from complaint_contracts.kafka_binding import upcast

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
