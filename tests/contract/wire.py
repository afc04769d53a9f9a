"""Kafka records checked against the committed AsyncAPI documents: what the wire carries is what they promise.

Used by the contract tests on records the binding encodes, and meant for the e2e run on records captured from the
broker: `AsyncApiWire.load().problems(topic, key, headers, value)` lists every way a record differs from the
message its topic and `ce_type` name, in every document that describes that topic (producer's and consumers').
"""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft7Validator

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ROOT / "docs" / "asyncapi"
HeaderValues = Mapping[str, bytes | str] | Sequence[tuple[str, bytes | str]]


@dataclass
class AsyncApiWire:
    documents: dict[str, dict[str, Any]]
    """Service → its AsyncAPI document."""
    _validators: dict[tuple[str, str], Draft7Validator] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path = DOCUMENTS) -> "AsyncApiWire":
        return cls({path.stem: yaml.safe_load(path.read_text()) for path in sorted(folder.glob("*.yaml"))})

    def messages_for(self, topic: str, event_type: str) -> list[tuple[str, str]]:
        """(service, message name) of every document whose channel `topic` has a message of `event_type`."""
        found = []
        for service, document in self.documents.items():
            for channel in document["channels"].values():
                if channel["address"] != topic:
                    continue
                for ref in channel["messages"].values():
                    name = ref["$ref"].rsplit("/", 1)[-1]
                    if self._event_type(document, name) == event_type:
                        found.append((service, name))
        return found

    def problems(self, topic: str, key: bytes | None, headers: HeaderValues, value: bytes) -> list[str]:
        """Every way the record differs from its message (empty: it is what the documents promise)."""
        items = headers.items() if isinstance(headers, Mapping) else headers
        text = {k: v.decode() if isinstance(v, bytes) else v for k, v in items}
        found = self.messages_for(topic, text.get("ce_type", ""))
        if not found:
            return [f"no AsyncAPI document describes {text.get('ce_type')!r} on {topic}"]
        payload = json.loads(value)
        problems = []
        for service, name in found:
            message = self.documents[service]["components"]["messages"][name]
            checks = [("headers", text), ("payload", payload)]
            if "bindings" in message:
                checks.append(("bindings/kafka/key", key.decode() if key is not None else None))
            for part, instance in checks:
                validator = self._validator(service, f"#/components/messages/{name}/{part}")
                for error in sorted(validator.iter_errors(instance), key=str):
                    where = "/".join(str(p) for p in error.absolute_path) or "(root)"
                    problems.append(f"{service} {name} {part} {where}: {error.message}")
        return problems

    def _event_type(self, document: dict[str, Any], name: str) -> str | None:
        for part in document["components"]["messages"][name]["headers"]["allOf"]:
            ce_type = part.get("properties", {}).get("ce_type", {}).get("const")
            if ce_type is not None:
                return ce_type
        return None

    def _validator(self, service: str, pointer: str) -> Draft7Validator:
        # The schema is the whole document with a $ref to the part: its own $refs resolve inside the document.
        if (service, pointer) not in self._validators:
            root = {"$ref": pointer, "components": self.documents[service]["components"]}
            self._validators[(service, pointer)] = Draft7Validator(root, format_checker=Draft7Validator.FORMAT_CHECKER)
        return self._validators[(service, pointer)]
