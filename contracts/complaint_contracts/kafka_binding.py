"""CloudEvents 1.0 Kafka protocol binding.

We publish in binary mode: attributes in `ce_*` headers, JSON data as the value, keyed by the subject. We read
binary mode and, as the binding says implementations SHOULD, structured mode too (`content-type:
application/cloudevents+json`, the whole event as the JSON value). Any CloudEvents SDK reads what we write and writes
what we read (the official Python SDK's `cloudevents.core.bindings.kafka` among them).
"""

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from .base import TRACESTATE_MAX_LENGTH, Event, is_valid_traceparent
from .catalogue import TOPIC_CLASSES
from .personal_data import erase_sealed

CONTENT_TYPE = "application/json"
STRUCTURED_CONTENT_TYPE = "application/cloudevents+json"
SPECVERSION = "1.0"
# Extension attribute names must be lower-case alphanumerics (CloudEvents 1.0, "Attribute Naming Convention").
EXT_CORRELATION = "correlationid"
EXT_CAUSATION = "causationid"
EXT_SCHEMA_VERSION = "schemaversion"
EXT_TRACEPARENT = "traceparent"  # the distributed-tracing extension (W3C Trace Context)
EXT_TRACESTATE = "tracestate"


@dataclass(frozen=True, slots=True)
class KafkaRecord:
    key: bytes | None
    value: bytes
    headers: list[tuple[str, bytes]]


Data = Callable[[], dict[str, Any]]
PersonalData = Callable[[type[Event], dict[str, Any]], dict[str, Any]]
"""Seals (writing) or opens (reading) the personal fields of an event's JSON data."""
"""The event's data, read only once its type is known to be ours (an unknown type is skipped, not rejected)."""


class UndecodableEvent(ValueError):
    """The message is not a valid event of its topic: a permanent error (dead-letter it)."""


class UnknownEventType(UndecodableEvent):
    """A well-formed event of a type this build does not know (a newer producer): skip, do not dead-letter."""


def _rfc3339(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def to_kafka(event: Event, personal: PersonalData | None = None) -> KafkaRecord:
    """Encode an event as a binary-mode Kafka record keyed by its subject (its personal fields sealed by
    `personal`, when given)."""
    headers = [
        ("ce_specversion", SPECVERSION),
        ("ce_id", str(event.id)),
        ("ce_source", event.source),
        ("ce_type", event.type),
        ("ce_time", _rfc3339(event.time)),
        ("content-type", CONTENT_TYPE),
        (f"ce_{EXT_SCHEMA_VERSION}", str(type(event).schema_version)),
    ]
    if event.subject is not None:
        headers.append(("ce_subject", event.subject))
        headers.append(("ce_partitionkey", event.subject))  # the binding's key attribute
    optional = {EXT_CORRELATION: event.correlation_id, EXT_CAUSATION: event.causation_id,
                EXT_TRACEPARENT: event.traceparent, EXT_TRACESTATE: event.tracestate}
    headers += [(f"ce_{name}", value) for name, value in optional.items() if value]
    data = event.data() if personal is None else personal(type(event), event.data())
    value = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    key = event.subject.encode() if event.subject is not None else None
    return KafkaRecord(key=key, value=value, headers=[(k, v.encode()) for k, v in headers])


def from_kafka(topic: str, value: bytes | None, headers: list[tuple[str, bytes]] | dict[str, Any],
               personal: PersonalData | None = None) -> Event:
    """Decode a binary- or structured-mode record of `topic` into its typed event, upcasting old data versions.

    Sealed personal values are opened by `personal`; without it (a reader that holds no keys) they show as erased.
    """
    items = headers.items() if isinstance(headers, dict) else headers
    try:
        h = {k: (v.decode() if isinstance(v, bytes | bytearray) else str(v)) for k, v in items}
    except UnicodeDecodeError as exc:
        raise UndecodableEvent(f"header is not UTF-8: {exc.reason}") from exc
    media_type = h.get("content-type", CONTENT_TYPE).split(";")[0].strip().lower()
    if media_type.startswith("application/cloudevents"):
        if media_type != STRUCTURED_CONTENT_TYPE:
            raise UndecodableEvent(f"unsupported structured-mode format {media_type!r}")
        attributes, data = _structured(_json_object(value, "value"))
        return _event(topic, attributes, data, prefix="", personal=personal)

    def binary_data() -> dict[str, Any]:
        if media_type != CONTENT_TYPE:
            raise UndecodableEvent(f"unsupported content-type {h['content-type']!r}")
        return _json_object(value, "value")

    attributes = {k.removeprefix("ce_"): v for k, v in h.items() if k.startswith("ce_")}
    return _event(topic, attributes, binary_data, prefix="ce_", personal=personal)



def _structured(envelope: dict[str, Any]) -> tuple[dict[str, str], Data]:
    """Attributes (as the text a header would carry) and the data of a structured-mode event."""
    attributes = {k: v if isinstance(v, str) else json.dumps(v) for k, v in envelope.items()
                  if k not in ("data", "data_base64") and v is not None}
    datacontenttype = attributes.pop("datacontenttype", CONTENT_TYPE).split(";")[0].strip().lower()
    if datacontenttype != CONTENT_TYPE:
        raise UndecodableEvent(f"unsupported datacontenttype {datacontenttype!r}")
    if "data_base64" in envelope:
        try:
            raw = base64.b64decode(envelope["data_base64"], validate=True)
        except (binascii.Error, TypeError, ValueError) as exc:
            raise UndecodableEvent("data_base64 is not base64") from exc
        return attributes, lambda: _json_object(raw, "data_base64")
    data = envelope.get("data")
    if not isinstance(data, dict):
        raise UndecodableEvent("data must be a JSON object")
    return attributes, lambda: data


def _json_object(value: bytes | None, what: str) -> dict[str, Any]:
    try:
        data = json.loads(value or b"")
    except (ValueError, UnicodeDecodeError) as exc:
        raise UndecodableEvent(f"{what} is not JSON: {exc}") from exc
    except RecursionError as exc:  # nesting deeper than any event has: never decodable, dead-letter it
        raise UndecodableEvent(f"{what} is nested too deeply to decode") from exc
    if not isinstance(data, dict):
        raise UndecodableEvent(f"{what} must be a JSON object")
    return data


def _event(topic: str, attributes: dict[str, str], data_of: Data, *, prefix: str,
           personal: PersonalData | None) -> Event:
    """The typed event of `topic` from its attributes (named with `prefix` in messages: `ce_` headers) and data."""
    def required(name: str) -> str:
        value = attributes.get(name)
        if not value:
            raise UndecodableEvent(f"missing CloudEvents {'header' if prefix else 'attribute'} {prefix}{name}")
        return value

    if required("specversion") != SPECVERSION:
        raise UndecodableEvent(f"unsupported {prefix}specversion {attributes['specversion']!r}")
    event_type = required("type")
    by_type = TOPIC_CLASSES.get(topic)
    if by_type is None:
        raise UndecodableEvent(f"topic {topic!r} carries no known events")
    cls = by_type.get(event_type)
    if cls is None:
        raise UnknownEventType(f"event type {event_type!r} is not one {topic} carries in this build")
    version = attributes.get(EXT_SCHEMA_VERSION) or "1"
    if not version.isdigit():
        raise UndecodableEvent(f"{prefix}{EXT_SCHEMA_VERSION} {version!r} is not a number")
    data = (personal or erase_sealed)(cls, upcast(cls, data_of(), int(version)))
    data.update(id=required("id"), source=required("source"), type=event_type,
                correlation_id=attributes.get(EXT_CORRELATION), causation_id=attributes.get(EXT_CAUSATION),
                **_trace_context(attributes))
    if attributes.get("time") is not None:
        data["time"] = attributes["time"]
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        raise UndecodableEvent(describe_validation_error(exc)) from exc


def _trace_context(attributes: dict[str, str]) -> dict[str, str | None]:
    # W3C Trace Context: an invalid traceparent is ignored (a new trace starts), never a reason to reject the event.
    traceparent = attributes.get(EXT_TRACEPARENT)
    if not is_valid_traceparent(traceparent):
        return {"traceparent": None, "tracestate": None}
    tracestate = attributes.get(EXT_TRACESTATE)
    return {"traceparent": traceparent,
            "tracestate": tracestate if tracestate and len(tracestate) <= TRACESTATE_MAX_LENGTH else None}


def upcast(cls: type[Event], data: dict[str, Any], version: int) -> dict[str, Any]:
    """Bring data written at `version` up to the class's current schema version."""
    while version < cls.schema_version:
        data = cls.upcasters[version](data)
        version += 1
    return data


def describe_validation_error(exc: ValidationError) -> str:
    """One line per problem: `field.path: reason` (no input values, which may be personal data)."""
    return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}" for e in exc.errors())
