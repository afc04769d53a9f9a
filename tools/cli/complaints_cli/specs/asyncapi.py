"""A service's AsyncAPI 3.0 document, from its ServiceSpec: a channel per topic it reads or writes, an operation per
direction, and one message per event class with its `ce_*` headers, payload schema, key and an example.

FastStream's generator describes a handler by its Python signature: our consumers take raw records (the CloudEvents
binding decodes them), and the event type is a header, so it would say nothing a producer could code against.
"""

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from complaint_contracts import EVENT_TOPIC, Event
from complaint_contracts.catalogue import CONSUMERS, PRODUCERS, event_classes
from complaints_chassis.runtime import ServiceSpec
from complaints_chassis.settings import ServiceSettings

from .messages import COMMON_HEADERS, KAFKA_BINDING_VERSION, common_headers_schema, message

WIRE_FORMAT = ("Messages are CloudEvents 1.0 in the Kafka binding's binary content mode: the attributes in `ce_*` "
               "headers, the JSON data as the value, keyed by `ce_subject`; the `ce_type` header tells the messages "
               "apart.")
STRUCTURED = (" {service} also accepts structured content mode (`content-type: application/cloudevents+json`, the "
              "whole event as the JSON value).")


def _sorted(classes: Iterable[type[Event]]) -> list[type[Event]]:
    return sorted(set(classes), key=lambda cls: cls.__name__)


def asyncapi_document(spec: ServiceSpec, settings: ServiceSettings, *, samples: Path) -> dict[str, Any]:
    """The document as a JSON-ready dict (what the service receives and sends, as the wire carries it)."""
    receives: dict[str, dict[str, list[type[Event]]]] = {}  # topic -> group -> handled classes
    for consumer in spec.consumers_for(settings):
        for cls in consumer.handlers:
            receives.setdefault(EVENT_TOPIC[cls], {}).setdefault(consumer.group_id, []).append(cls)
    sends = {topic: _sorted(event_classes(union)) for topic, union in spec.outputs.items()}
    descriptions = {c.group_id: c.description for c in spec.consumers_for(settings)}

    schemas: dict[str, Any] = {COMMON_HEADERS: common_headers_schema()}
    messages: dict[str, Any] = {}
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    for topic in sorted({*receives, *sends}):
        on_topic = _sorted([*sends.get(topic, ()), *(c for g in receives.get(topic, {}).values() for c in g)])
        for cls in on_topic:
            messages.setdefault(cls.__name__, message(cls, schemas, samples))
        channels[topic] = {
            "address": topic,
            "description": (f"Produced by {PRODUCERS[topic]}; consumed by {', '.join(CONSUMERS[topic])}. "
                            f"{WIRE_FORMAT}{STRUCTURED.format(service=spec.name) if topic in receives else ''}"),
            "messages": {cls.__name__: {"$ref": f"#/components/messages/{cls.__name__}"} for cls in on_topic},
            "bindings": {"kafka": {"topic": topic, "bindingVersion": KAFKA_BINDING_VERSION}},
        }
        channel = {"$ref": f"#/channels/{topic}"}

        def refs(classes: Iterable[type[Event]], topic: str = topic) -> list[dict[str, str]]:
            return [{"$ref": f"#/channels/{topic}/messages/{cls.__name__}"} for cls in _sorted(classes)]

        if topic in sends:
            operations[f"send.{topic}"] = {"action": "send", "channel": channel, "messages": refs(sends[topic]),
                                           "summary": f"Events {spec.name} publishes"}
        for group, classes in sorted(receives.get(topic, {}).items()):
            operations[f"receive.{topic}.{group}"] = {
                "action": "receive", "channel": channel, "messages": refs(classes),
                "summary": descriptions[group] or f"Events {spec.name} handles",
                "bindings": {"kafka": {"groupId": {"type": "string", "enum": [group]},
                                       "bindingVersion": KAFKA_BINDING_VERSION}}}
    return {
        "asyncapi": "3.0.0",
        "info": {"title": f"Complaints {spec.name}", "version": spec.version, "description": spec.description},
        "defaultContentType": "application/json",
        "servers": {"development": {"host": settings.kafka_bootstrap, "protocol": "kafka",
                                    "description": "The broker the service's settings name"}},
        "channels": channels,
        "operations": operations,
        "components": {"messages": dict(sorted(messages.items())), "schemas": dict(sorted(schemas.items()))},
    }
