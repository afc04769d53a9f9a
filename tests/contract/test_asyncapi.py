"""The AsyncAPI documents are valid AsyncAPI 3.0, describe every event a service sends or receives with its
`ce_*` headers and payload, and every record the binding writes is what they describe."""

import copy
import json
from pathlib import Path

import pytest
import yaml
from complaint_contracts import ALL_EVENTS, EVENT_TOPIC, from_kafka, to_kafka
from complaint_contracts.catalogue import event_type
from jsonschema import Draft7Validator

from .wire import DOCUMENTS, AsyncApiWire

OFFICIAL_SCHEMA = json.loads((Path(__file__).parent / "asyncapi" / "asyncapi-3.0.0-without-id.schema.json")
                             .read_text())
SAMPLES = Path(__file__).parent / "samples"
WIRE = AsyncApiWire.load()
SERVICES = sorted(WIRE.documents)
TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


def test_every_service_has_a_document() -> None:
    assert SERVICES == ["analytics", "intake", "notification", "resolution", "routing"]


@pytest.mark.parametrize("service", SERVICES)
def test_the_document_is_valid_asyncapi_3(service: str) -> None:
    errors = sorted(Draft7Validator(OFFICIAL_SCHEMA).iter_errors(WIRE.documents[service]), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def test_the_official_schema_rejects_a_broken_document() -> None:
    broken = copy.deepcopy(WIRE.documents["intake"])
    broken["operations"]["send.complaints.intake.v1"]["action"] = "publish"  # AsyncAPI 2 wording
    assert list(Draft7Validator(OFFICIAL_SCHEMA).iter_errors(broken))


@pytest.mark.parametrize("service", SERVICES)
def test_every_message_has_a_payload_schema_headers_and_an_example(service: str) -> None:
    document = WIRE.documents[service]
    for name, message in document["components"]["messages"].items():
        payload = document["components"]["schemas"][message["payload"]["$ref"].rsplit("/", 1)[-1]]
        assert payload["type"] == "object" and payload["properties"], name
        assert not {"id", "type", "source", "time"} & set(payload["properties"]), "attributes travel as headers"
        assert message["examples"], f"{name} has no example"
        assert message["correlationId"]["location"] == "$message.header#/ce_correlationid"


def test_the_submissions_topic_tells_other_systems_what_to_write() -> None:
    [(service, name)] = WIRE.messages_for("complaints.submissions.v1", "complaints.submissions.ComplaintSubmission")
    payload = WIRE.documents[service]["components"]["schemas"][name]
    assert service == "intake"
    assert {"source_system", "external_reference", "customer", "title", "description"} <= set(payload["required"])


@pytest.mark.parametrize("event_type_", sorted(ALL_EVENTS))
def test_every_event_is_described_where_it_is_sent(event_type_: str) -> None:
    cls = ALL_EVENTS[event_type_]
    described = WIRE.messages_for(EVENT_TOPIC[cls], event_type(cls))
    producers = {s for s, _ in described if f"send.{EVENT_TOPIC[cls]}" in WIRE.documents[s]["operations"]}
    assert producers or EVENT_TOPIC[cls] == "complaints.submissions.v1", f"no producer document has {event_type_}"
    assert described, f"no document describes {event_type_}"


SAMPLE_FILES = sorted(SAMPLES.glob("*.json"))


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.stem for p in SAMPLE_FILES])
def test_what_the_binding_writes_is_what_the_documents_describe(path: Path) -> None:
    sample = json.loads(path.read_text())
    event = from_kafka(sample["topic"], json.dumps(sample["value"]).encode(),
                       [(k, v.encode()) for k, v in sample["headers"].items()])
    for written in (event, event.model_copy(update={"traceparent": TRACEPARENT, "tracestate": "a=1"})):
        record = to_kafka(written)
        assert WIRE.problems(sample["topic"], record.key, record.headers, record.value) == []


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.stem for p in SAMPLE_FILES])
def test_the_recorded_sample_is_what_the_documents_describe(path: Path) -> None:
    sample = json.loads(path.read_text())
    assert WIRE.problems(sample["topic"], sample["key"].encode(), sample["headers"],
                         json.dumps(sample["value"]).encode()) == []


def test_a_record_that_breaks_the_contract_is_reported() -> None:
    sample = json.loads((SAMPLES / "ComplaintSubmission.v1.json").read_text())
    headers = {k: v for k, v in sample["headers"].items() if k != "ce_source"} | {"ce_time": "yesterday"}
    value = {k: v for k, v in sample["value"].items() if k != "external_reference"}
    problems = WIRE.problems(sample["topic"], None, headers, json.dumps(value).encode())
    assert any("headers" in p and "ce_source" in p for p in problems)
    assert any("headers" in p and "ce_time" in p for p in problems)
    assert any("payload" in p and "external_reference" in p for p in problems)
    assert any("key" in p for p in problems)
    assert WIRE.problems("complaints.intake.v1", None, {"ce_type": "x.Unknown"}, b"{}") == [
        "no AsyncAPI document describes 'x.Unknown' on complaints.intake.v1"]


def test_documents_are_read_from_the_committed_folder() -> None:
    assert {p.stem for p in DOCUMENTS.glob("*.yaml")} == set(SERVICES)
    assert yaml.safe_load((DOCUMENTS / "intake.yaml").read_text())["asyncapi"] == "3.0.0"


def test_a_personal_field_may_travel_sealed_past_its_plaintext_length_limit() -> None:
    # Marking a field personal changes no shape: a v1 record with it in plaintext still reads (the golden sample),
    # and one with it sealed (longer than the plaintext may be) is what the documents describe.
    sample = json.loads((SAMPLES / "ComplaintReceived.v1.json").read_text())
    sealed = {name: f"pd1.{'k' * 24}.{'A' * (limit * 2)}" for name, limit in (
        ("title", 200), ("description", 20000), ("desired_remedy_details", 2000))}
    value = json.dumps(sample["value"] | sealed).encode()
    headers = [(k, v.encode()) for k, v in sample["headers"].items()]

    assert WIRE.problems(sample["topic"], sample["key"].encode(), headers, value) == []
    erased = from_kafka(sample["topic"], value, headers)
    assert (erased.title, erased.description, erased.desired_remedy_details) == ("[erased]", "[erased]", None)
    plain = from_kafka(sample["topic"], json.dumps(sample["value"]).encode(), headers)
    assert plain.title == sample["value"]["title"]
