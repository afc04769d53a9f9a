"""CloudEvents 1.0 Kafka protocol binding, binary mode: attributes in `ce_*` headers, JSON data as the value.

Readable by any CloudEvents SDK (the official Python SDK's `cloudevents.kafka.from_binary` among them).
"""

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from .base import Event
from .catalogue import TOPIC_CLASSES

CONTENT_TYPE = "application/json"
SPECVERSION = "1.0"
# Extension attribute names must be lower-case alphanumerics (CloudEvents 1.0, "Attribute Naming Convention").
EXT_CORRELATION = "correlationid"
EXT_CAUSATION = "causationid"
EXT_SCHEMA_VERSION = "schemaversion"


@dataclass(frozen=True, slots=True)
class KafkaRecord:
    key: bytes | None
    value: bytes
    headers: list[tuple[str, bytes]]


class UndecodableEvent(ValueError):
    """The message is not a valid event of its topic: a permanent error (dead-letter it)."""


class UnknownEventType(UndecodableEvent):
    """A well-formed event of a type this build does not know (a newer producer): skip, do not dead-letter."""


def _rfc3339(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def to_kafka(event: Event) -> KafkaRecord:
    """Encode an event as a binary-mode Kafka record keyed by its subject."""
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
    if event.correlation_id:
        headers.append((f"ce_{EXT_CORRELATION}", event.correlation_id))
    if event.causation_id:
        headers.append((f"ce_{EXT_CAUSATION}", event.causation_id))
    value = json.dumps(event.data(), ensure_ascii=False, separators=(",", ":")).encode()
    key = event.subject.encode() if event.subject is not None else None
    return KafkaRecord(key=key, value=value, headers=[(k, v.encode()) for k, v in headers])


def _header(headers: dict[str, str], name: str) -> str:
    value = headers.get(name)
    if not value:
        raise UndecodableEvent(f"missing CloudEvents header {name}")
    return value


def from_kafka(topic: str, value: bytes | None, headers: list[tuple[str, bytes]] | dict[str, Any]) -> Event:
    """Decode a binary-mode record of `topic` into its typed event, upcasting old data versions."""
    items = headers.items() if isinstance(headers, dict) else headers
    try:
        h = {k: (v.decode() if isinstance(v, bytes | bytearray) else str(v)) for k, v in items}
    except UnicodeDecodeError as exc:
        raise UndecodableEvent(f"header is not UTF-8: {exc.reason}") from exc
    if _header(h, "ce_specversion") != SPECVERSION:
        raise UndecodableEvent(f"unsupported ce_specversion {h['ce_specversion']!r}")
    event_type = _header(h, "ce_type")
    by_type = TOPIC_CLASSES.get(topic)
    if by_type is None:
        raise UndecodableEvent(f"topic {topic!r} carries no known events")
    cls = by_type.get(event_type)
    if cls is None:
        raise UnknownEventType(f"event type {event_type!r} is not one {topic} carries in this build")
    content_type = h.get("content-type", CONTENT_TYPE)
    if not content_type.startswith(CONTENT_TYPE):
        raise UndecodableEvent(f"unsupported content-type {content_type!r}")
    try:
        data = json.loads(value or b"")
    except (ValueError, UnicodeDecodeError) as exc:
        raise UndecodableEvent(f"value is not JSON: {exc}") from exc
    except RecursionError as exc:  # nesting deeper than any event has: never decodable, dead-letter it
        raise UndecodableEvent("value is nested too deeply to decode") from exc
    if not isinstance(data, dict):
        raise UndecodableEvent("value must be a JSON object")
    data = upcast(cls, data, int(h.get(f"ce_{EXT_SCHEMA_VERSION}", "1") or 1))
    data.update(id=_header(h, "ce_id"), source=_header(h, "ce_source"), type=event_type, time=h.get("ce_time"),
                correlation_id=h.get(f"ce_{EXT_CORRELATION}"), causation_id=h.get(f"ce_{EXT_CAUSATION}"))
    if data["time"] is None:
        del data["time"]
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        raise UndecodableEvent(describe_validation_error(exc)) from exc


def upcast(cls: type[Event], data: dict[str, Any], version: int) -> dict[str, Any]:
    """Bring data written at `version` up to the class's current schema version."""
    while version < cls.schema_version:
        data = cls.upcasters[version](data)
        version += 1
    return data


def describe_validation_error(exc: ValidationError) -> str:
    """One line per problem: `field.path: reason` (no input values, which may be personal data)."""
    return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}" for e in exc.errors())
