"""The AsyncAPI document of a service, from its ServiceSpec: what it receives and sends, as the wire carries it."""

import json
from pathlib import Path

import pytest
from complaint_contracts import ComplaintReceived, ComplaintWithdrawn, IntakeEvent, RoutingEvent, topics
from complaints_chassis.consumer import EventConsumer
from complaints_chassis.runtime import ServiceSpec
from complaints_chassis.settings import ServiceSettings
from complaints_cli.specs.asyncapi import asyncapi_document
from complaints_cli.specs.messages import payload_schema

SETTINGS = ServiceSettings(kafka_bootstrap="kafka:9092", mongo_url="mongodb://m", mongo_database="d")


async def setup(runtime: object) -> None:
    return None


def spec(*, group: str = "probe") -> ServiceSpec:
    consumer = EventConsumer(group_id=group, description="Withdrawals to honour")

    @consumer.on(ComplaintWithdrawn)
    async def on_withdrawn(events: list, deps: object) -> None: ...

    return ServiceSpec(name="probe", version="1.2.3", description="A probe", consumers=[consumer],
                       outputs={topics.ROUTING: RoutingEvent, topics.INTAKE: IntakeEvent}, setup=setup)


def test_a_topic_read_and_written_is_one_channel_with_an_operation_per_direction(tmp_path: Path) -> None:
    document = asyncapi_document(spec(), SETTINGS, samples=tmp_path)
    intake = document["channels"][topics.INTAKE]

    assert intake["address"] == topics.INTAKE and "ComplaintReceived" in intake["messages"]
    send, receive = document["operations"][f"send.{topics.INTAKE}"], document["operations"][
        f"receive.{topics.INTAKE}.probe"]
    assert send["action"] == "send" and len(send["messages"]) == len(intake["messages"])
    assert receive["messages"] == [{"$ref": f"#/channels/{topics.INTAKE}/messages/ComplaintWithdrawn"}]
    assert receive["bindings"]["kafka"]["groupId"] == {"type": "string", "enum": ["probe"]}
    assert receive["summary"] == "Withdrawals to honour"
    assert "structured content mode" in intake["description"]
    assert "structured content mode" not in document["channels"][topics.ROUTING]["description"]


def test_a_renamed_consumer_group_is_the_one_documented(tmp_path: Path) -> None:
    renamed = SETTINGS.model_copy(update={"consumer_group": "probe-blue"})
    document = asyncapi_document(spec(), renamed, samples=tmp_path)
    assert f"receive.{topics.INTAKE}.probe-blue" in document["operations"]


def test_each_message_is_told_apart_by_its_ce_type_header(tmp_path: Path) -> None:
    messages = asyncapi_document(spec(), SETTINGS, samples=tmp_path)["components"]["messages"]
    received = messages["ComplaintReceived"]
    own = received["headers"]["allOf"][1]
    assert own["properties"]["ce_type"] == {"const": "complaints.intake.ComplaintReceived"}
    assert own["required"] == ["ce_subject"]
    assert received["payload"] == {"$ref": "#/components/schemas/ComplaintReceived"}
    assert received["bindings"]["kafka"]["key"]["type"] == "string"
    assert "examples" not in received  # no golden sample in this folder


def test_the_payload_is_the_data_without_the_attributes_that_travel_as_headers() -> None:
    shared: dict = {}
    payload = payload_schema(ComplaintReceived, shared)
    assert not {"id", "source", "type", "time", "correlation_id", "traceparent"} & set(payload["properties"])
    assert "complaint_id" in payload["required"] and "customer" in payload["properties"]
    assert "CustomerContact" in shared and "$defs" not in payload
    assert json.dumps(payload).count("#/components/schemas/") >= 1


def test_two_different_schemas_of_one_name_are_refused() -> None:
    shared = {"CustomerContact": {"type": "string"}}
    with pytest.raises(ValueError, match="CustomerContact"):
        payload_schema(ComplaintReceived, shared)


def test_a_golden_sample_becomes_the_example(tmp_path: Path) -> None:
    record = {"topic": topics.INTAKE, "key": "c-1", "headers": {"ce_type": "complaints.intake.ComplaintWithdrawn"},
              "value": {"complaint_id": "c-0123456789"}}
    (tmp_path / "ComplaintWithdrawn.v1.json").write_text(json.dumps(record))
    message = asyncapi_document(spec(), SETTINGS, samples=tmp_path)["components"]["messages"]["ComplaintWithdrawn"]
    assert message["examples"] == [{"name": "ComplaintWithdrawn.v1", "summary": "A complete record of this event",
                                    "headers": record["headers"], "payload": record["value"]}]
