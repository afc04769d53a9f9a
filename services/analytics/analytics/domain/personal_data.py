"""Strip every field a contract marks as personal data (`x-personal-data`) before analytics reads an event.

The walk follows the contract's JSON schema beside the data, so a field marked personal tomorrow is stripped
without touching this module.
"""

from collections.abc import Mapping
from functools import cache
from typing import Any

from complaint_contracts.types import PERSONAL_DATA_KEY
from pydantic import BaseModel

Schema = Mapping[str, Any]


@cache
def _schema_of(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema(mode="serialization")


def _resolve(schema: Schema, defs: Schema) -> Schema:
    while "$ref" in schema and PERSONAL_DATA_KEY not in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _alternatives(schema: Schema) -> list[Schema]:
    return [*schema.get("anyOf", ()), *schema.get("oneOf", ()), *schema.get("allOf", ())]


def _strip(value: Any, schema: Schema, defs: Schema) -> Any:
    schema = _resolve(schema, defs)
    if isinstance(value, Mapping):
        properties = schema.get("properties")
        if properties is not None:
            return {
                name: _strip(item, properties.get(name, {}), defs)
                for name, item in value.items()
                if not _resolve(properties.get(name, {}), defs).get(PERSONAL_DATA_KEY)
            }
        extra = schema.get("additionalProperties")
        if isinstance(extra, Mapping):
            return {name: _strip(item, extra, defs) for name, item in value.items()}
    if isinstance(value, list) and isinstance(schema.get("items"), Mapping):
        return [_strip(item, schema["items"], defs) for item in value]
    for alternative in _alternatives(schema):
        if _resolve(alternative, defs).get("properties") is not None and isinstance(value, Mapping):
            return _strip(value, alternative, defs)
        if _resolve(alternative, defs).get("items") is not None and isinstance(value, list):
            return _strip(value, alternative, defs)
    return value


def personal_field_paths(model: type[BaseModel]) -> frozenset[str]:
    """List the dotted paths of every field the model's schema marks as personal data (`[]` marks list items)."""
    schema = _schema_of(model)
    defs = schema.get("$defs", {})
    found: set[str] = set()

    def walk(node: Schema, prefix: str, seen: frozenset[str]) -> None:
        ref = node.get("$ref")
        if ref is not None and PERSONAL_DATA_KEY not in node:
            name = ref.rsplit("/", 1)[-1]
            if name not in seen:
                walk(defs[name], prefix, seen | {name})
            return
        for field, child in node.get("properties", {}).items():
            path = f"{prefix}{field}"
            if _resolve(child, defs).get(PERSONAL_DATA_KEY) or child.get(PERSONAL_DATA_KEY):
                found.add(path)
            else:
                walk(child, f"{path}.", seen)
        if isinstance(node.get("items"), Mapping):
            walk(node["items"], prefix.removesuffix(".") + "[].", seen)
        for alternative in _alternatives(node):
            walk(alternative, prefix, seen)

    walk(schema, "", frozenset())
    return frozenset(found)


def strip_personal_data(*, model: type[BaseModel], data: Mapping[str, Any]) -> dict[str, Any]:
    """Return a copy of the model's JSON-mode data without any field its schema marks as personal."""
    schema = _schema_of(model)
    return _strip(data, schema, schema.get("$defs", {}))


def public_data(event: BaseModel) -> dict[str, Any]:
    """Dump an event to JSON-ready data with every personal-data field removed."""
    return strip_personal_data(model=type(event), data=event.model_dump(mode="json"))
