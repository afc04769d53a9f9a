"""Fields a contract marks as personal data (`x-personal-data`), found from the contract's JSON schema.

The walk follows the schema beside the data, so a field marked personal tomorrow is sealed, opened, erased or
stripped without touching this module. Personal values travel and rest *sealed* (`pd1.<key id>.<ciphertext>`,
encrypted with the data subject's key; see the chassis' `personal_data` package); this module only knows the form,
not the cryptography, so any consumer can tell a sealed value from plaintext and show it as erased when it cannot
open it.
"""

import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, NamedTuple

from pydantic import BaseModel

from .types import PERSONAL_DATA_KEY

Schema = Mapping[str, Any]

SEALED_PREFIX = "pd1."
"""Every sealed value starts so: version 1 of the form `pd1.<key id>.<base64url(nonce | ciphertext)>`."""
SEALED = re.compile(r"^pd1\.([A-Za-z0-9_-]{8,128})\.([A-Za-z0-9_-]{20,})$")
ERASED_TEXT = "[erased]"
"""What a required personal field shows once its key is gone (an optional one becomes null)."""

FieldMapper = Callable[[str, bool], Any]
"""Given a personal string value and whether its field may be null, the value to put in its place."""


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith(SEALED_PREFIX) and SEALED.match(value) is not None


def sealed_key_id(value: str) -> str | None:
    """The id of the key a sealed value was sealed with (None for plaintext)."""
    match = SEALED.match(value) if value.startswith(SEALED_PREFIX) else None
    return match.group(1) if match else None


@cache
def _schema_of(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema(mode="serialization")


def _resolve(schema: Schema, defs: Schema) -> Schema:
    while "$ref" in schema and PERSONAL_DATA_KEY not in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _alternatives(schema: Schema) -> list[Schema]:
    return [*schema.get("anyOf", ()), *schema.get("oneOf", ()), *schema.get("allOf", ())]


def _nullable(schema: Schema) -> bool:
    kinds = schema.get("type")
    return kinds == "null" or (isinstance(kinds, list) and "null" in kinds) or any(
        _nullable(alternative) for alternative in _alternatives(schema))


def _is_personal(schema: Schema, defs: Schema) -> bool:
    return bool(schema.get(PERSONAL_DATA_KEY) or _resolve(schema, defs).get(PERSONAL_DATA_KEY))


def _map_all_strings(value: Any, nullable: bool, fn: FieldMapper) -> Any:
    """Inside a personal field every string is personal (a field may mark a whole nested object)."""
    if isinstance(value, str):
        return fn(value, nullable)
    if isinstance(value, Mapping):
        return {name: _map_all_strings(item, False, fn) for name, item in value.items()}
    if isinstance(value, list):
        return [_map_all_strings(item, False, fn) for item in value]
    return value


class _ObjectPlan(NamedTuple):
    """What `_map` does to an object of one schema: the properties it replaces (personal: mapped whole, with
    whether they may be null) and those it descends into (holding personal fields deeper); the rest is kept."""

    personal: dict[str, bool]
    nested: dict[str, Schema]


_PLANS: dict[tuple[int, int], _ObjectPlan] = {}


def _object_plan(schema: Schema, defs: Schema) -> _ObjectPlan:
    """Memoised per schema node (the schemas are cached per model and live as long as the process): an event's
    walk then touches only the few properties that hold personal data, not every field of every event."""
    key = (id(schema), id(defs))
    if (plan := _PLANS.get(key)) is None:
        personal, nested = {}, {}
        for name, child in schema["properties"].items():
            if _is_personal(child, defs):
                personal[name] = _nullable(_resolve(child, defs)) or _nullable(child)
            elif _reaches_personal(child, defs, frozenset()):
                nested[name] = child
        plan = _PLANS[key] = _ObjectPlan(personal, nested)
    return plan


def _reaches_personal(node: Schema, defs: Schema, seen: frozenset[str]) -> bool:
    """Every schema `_map` may descend into from `node`, searched for one marked personal."""
    if node.get(PERSONAL_DATA_KEY):
        return True
    ref = node.get("$ref")
    if ref is not None:
        name = ref.rsplit("/", 1)[-1]
        return name not in seen and _reaches_personal(defs[name], defs, seen | {name})
    children = [*node.get("properties", {}).values(), *_alternatives(node)]
    children += [node[key] for key in ("additionalProperties", "items") if isinstance(node.get(key), Mapping)]
    return any(_reaches_personal(child, defs, seen) for child in children)


def _map(value: Any, schema: Schema, defs: Schema, fn: FieldMapper | None) -> Any:
    """Map the personal values inside `value` with `fn`; `fn=None` drops personal fields instead. What holds no
    personal field is kept as it is (not copied)."""
    schema = _resolve(schema, defs)
    if isinstance(value, Mapping):
        if schema.get("properties") is not None:
            plan = _object_plan(schema, defs)
            mapped = dict(value)
            for name, nullable in plan.personal.items():
                if name not in mapped:
                    continue
                if fn is None:
                    del mapped[name]
                else:
                    mapped[name] = _map_all_strings(mapped[name], nullable, fn)
            for name, child in plan.nested.items():
                if name in mapped:
                    mapped[name] = _map(mapped[name], child, defs, fn)
            return mapped
        extra = schema.get("additionalProperties")
        if isinstance(extra, Mapping):
            return {name: _map(item, extra, defs, fn) for name, item in value.items()}
    if isinstance(value, list) and isinstance(schema.get("items"), Mapping):
        return [_map(item, schema["items"], defs, fn) for item in value]
    for alternative in _alternatives(schema):
        if _resolve(alternative, defs).get("properties") is not None and isinstance(value, Mapping):
            return _map(value, alternative, defs, fn)
        if _resolve(alternative, defs).get("items") is not None and isinstance(value, list):
            return _map(value, alternative, defs, fn)
    return value


def map_personal_data(*, model: type[BaseModel], data: Mapping[str, Any], fn: FieldMapper) -> dict[str, Any]:
    """A copy of the model's JSON-mode data with every personal string value replaced by `fn(value, nullable)`."""
    schema = _schema_of(model)
    return _map(data, schema, schema.get("$defs", {}), fn)


def strip_personal_data(*, model: type[BaseModel], data: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of the model's JSON-mode data without any field its schema marks as personal."""
    schema = _schema_of(model)
    return _map(data, schema, schema.get("$defs", {}), None)


def erased(value: str, nullable: bool) -> str | None:
    """What a sealed value becomes for a reader without its key: null where allowed, else `ERASED_TEXT`."""
    if not is_sealed(value):
        return value
    return None if nullable else ERASED_TEXT


def erase_sealed(model: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    """The data as a reader without keys sees it: every sealed personal value shown as erased."""
    if not has_personal_data(model):  # most events: nothing to walk
        return data
    return map_personal_data(model=model, data=data, fn=erased)


@cache
def has_personal_data(model: type[BaseModel]) -> bool:
    """Whether any value of the model may be personal: searched the way the mapping walks (maps included), so
    nothing the mapping would seal is skipped by those that ask this first."""
    schema = _schema_of(model)
    return _reaches_personal(schema, schema.get("$defs", {}), frozenset())


def personal_field_paths(model: type[BaseModel]) -> frozenset[str]:
    """List the dotted paths of every field the model's schema marks as personal data (`[]` marks list items, `{}`
    the values of a map)."""
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
            if _is_personal(child, defs):
                found.add(path)
            else:
                walk(child, f"{path}.", seen)
        if isinstance(node.get("items"), Mapping):
            walk(node["items"], prefix.removesuffix(".") + "[].", seen)
        extra = node.get("additionalProperties")
        if isinstance(extra, Mapping):
            if _is_personal(extra, defs):
                found.add(prefix.removesuffix(".") + "{}")
            else:
                walk(extra, prefix.removesuffix(".") + "{}.", seen)
        for alternative in _alternatives(node):
            walk(alternative, prefix, seen)

    walk(schema, "", frozenset())
    return frozenset(found)
