"""One AsyncAPI message per event class: its `ce_*` headers, its payload (the CloudEvents data), its key, examples.

The headers follow the CloudEvents Kafka binding in binary mode, as `complaint_contracts.kafka_binding` writes and
reads them; the payload is the event's JSON Schema without the attributes that travel as headers. Messages of one
topic are told apart by the `ce_type` header (a constant in each message's headers schema).
"""

import json
from pathlib import Path
from typing import Any

from complaint_contracts import Event
from complaint_contracts import kafka_binding as binding
from complaint_contracts.base import ENVELOPE_FIELDS, TRACEPARENT_PATTERN, TRACESTATE_MAX_LENGTH
from complaint_contracts.catalogue import event_type
from complaint_contracts.personal_data import SEALED
from complaint_contracts.types import PERSONAL_DATA_KEY

REF = "#/components/schemas/{model}"
COMMON_HEADERS = "CloudEventsHeaders"
KAFKA_BINDING_VERSION = "0.5.0"


def common_headers_schema() -> dict[str, Any]:
    """The `ce_*` headers every event carries (binary mode); each message adds its own `ce_type`."""
    text = {"type": "string"}
    return {
        "type": "object",
        "description": "CloudEvents 1.0 attributes as Kafka headers (binary content mode), UTF-8 text",
        "properties": {
            "ce_specversion": {"const": binding.SPECVERSION, "description": "CloudEvents version"},
            "ce_id": {**text, "minLength": 1, "description": "Event id: any non-empty text; with ce_source, "
                                                             "unique per event (a redelivery repeats it)"},
            "ce_source": {**text, "minLength": 1, "description": "Producing service or system (URI-reference)"},
            "ce_type": {**text, "description": "Names the event, hence its payload schema"},
            "ce_time": {**text, "format": "date-time", "description": "When it happened (RFC 3339)"},
            "ce_subject": {**text, "description": "What it is about (the complaint id); also the message key"},
            "ce_partitionkey": {**text, "description": "The Kafka binding's partition key: the message key"},
            "content-type": {**text, "pattern": r"^application/json\s*(;.*)?$",
                             "description": "Media type of the payload (the CloudEvents `datacontenttype`)"},
            f"ce_{binding.EXT_SCHEMA_VERSION}": {**text, "pattern": "^[0-9]+$",
                                                 "description": "Version of the payload shape (1 when absent)"},
            f"ce_{binding.EXT_CORRELATION}": {**text, "description": "Id shared by every event of one flow"},
            f"ce_{binding.EXT_CAUSATION}": {**text, "description": "ce_id of the event that caused this one"},
            f"ce_{binding.EXT_TRACEPARENT}": {**text, "pattern": TRACEPARENT_PATTERN,
                                              "description": "W3C traceparent (CloudEvents distributed tracing)"},
            f"ce_{binding.EXT_TRACESTATE}": {**text, "maxLength": TRACESTATE_MAX_LENGTH,
                                             "description": "W3C tracestate that goes with ce_traceparent"},
        },
        "required": ["ce_specversion", "ce_id", "ce_source", "ce_type"],
    }


def has_subject(cls: type[Event]) -> bool:
    return cls.subject is not Event.subject


def headers_schema(cls: type[Event]) -> dict[str, Any]:
    versions = [str(v) for v in range(1, cls.schema_version + 1)]
    own: dict[str, Any] = {"type": "object",
                           "properties": {"ce_type": {"const": event_type(cls)},
                                          f"ce_{binding.EXT_SCHEMA_VERSION}": {"enum": versions}}}
    if has_subject(cls):
        own["required"] = ["ce_subject"]
    return {"allOf": [{"$ref": REF.format(model=COMMON_HEADERS)}, own]}


SEALED_SCHEMA = {"type": "string", "pattern": SEALED.pattern,
                 "description": "The value sealed with its data subject's key (docs/privacy.md); what travels on "
                                "the wire"}


def sealable(schema: Any) -> Any:
    """A personal field as it travels: its plaintext shape, or sealed (intake seals every one before publishing)."""
    if isinstance(schema, dict):
        if schema.get(PERSONAL_DATA_KEY):
            plain = {k: v for k, v in schema.items() if k not in (PERSONAL_DATA_KEY, "description", "examples")}
            kept = {k: schema[k] for k in ("description", "examples") if k in schema}
            return {**kept, PERSONAL_DATA_KEY: True, "anyOf": [plain, SEALED_SCHEMA]}
        return {k: sealable(v) for k, v in schema.items()}
    if isinstance(schema, list):
        return [sealable(item) for item in schema]
    return schema


def payload_schema(cls: type[Event], schemas: dict[str, Any]) -> dict[str, Any]:
    """The event's data schema (its envelope fields travel as headers); shared definitions go to `schemas`."""
    schema = sealable(cls.model_json_schema(ref_template=REF))
    for name, definition in schema.pop("$defs", {}).items():
        if schemas.setdefault(name, definition) != definition:
            raise ValueError(f"two different schemas are both named {name}")
    schema["properties"] = {k: v for k, v in schema["properties"].items() if k not in ENVELOPE_FIELDS}
    schema["required"] = [k for k in schema.get("required", []) if k not in ENVELOPE_FIELDS]
    return schema


def message(cls: type[Event], schemas: dict[str, Any], samples: Path) -> dict[str, Any]:
    """The AsyncAPI message of an event class; its payload schema is added to `schemas` under the class name."""
    name = cls.__name__
    schemas[name] = payload_schema(cls, schemas)
    doc = (cls.__doc__ or "").strip()
    result: dict[str, Any] = {
        "name": name, "title": name, "summary": doc.splitlines()[0] if doc else name,
        "contentType": binding.CONTENT_TYPE, "headers": headers_schema(cls),
        "payload": {"$ref": REF.format(model=name)},
        "correlationId": {"location": f"$message.header#/ce_{binding.EXT_CORRELATION}"},
    }
    if has_subject(cls):
        key = {"type": "string", "description": "The event's subject (ce_subject): one subject's events keep their "
                                                "order"}
        result["bindings"] = {"kafka": {"key": key, "bindingVersion": KAFKA_BINDING_VERSION}}
    sample = samples / f"{name}.v{cls.schema_version}.json"
    if sample.exists():
        recorded = json.loads(sample.read_text())
        result["examples"] = [{"name": sample.stem, "summary": "A complete record of this event",
                               "headers": recorded["headers"], "payload": recorded["value"]}]
    return result
