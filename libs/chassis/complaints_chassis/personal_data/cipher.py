"""Sealing and opening every personal field of an event or document, driven by the contract's schema."""

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from complaint_contracts.kafka_binding import PersonalData
from complaint_contracts.personal_data import (
    erase_sealed,
    erased,
    has_personal_data,
    is_sealed,
    map_personal_data,
    sealed_key_id,
)
from pydantic import BaseModel

from .envelope import DataKey, UnreadableValue, open_text, seal_text
from .keys import CachedKeyRing, KeyRing

M = TypeVar("M", bound=BaseModel)
_KEY_IDS = re.compile(rb'"pd1\.([A-Za-z0-9_-]{8,128})\.')


def sealing(key: DataKey) -> PersonalData:
    """Seal every plaintext personal value with `key` (values already sealed stay as they are)."""
    def seal(value: str, _nullable: bool) -> str:
        return value if is_sealed(value) else seal_text(value, key)

    return lambda model, data: map_personal_data(model=model, data=data, fn=seal)


def seal_data(model: type[BaseModel], data: Mapping[str, Any], key: DataKey) -> dict[str, Any]:
    return sealing(key)(model, dict(data))


def opening(keys: Mapping[str, DataKey]) -> PersonalData:
    """Open every sealed personal value whose key is given; one whose key is gone shows as erased."""
    def open_one(value: str, nullable: bool) -> str | None:
        key_id = sealed_key_id(value)
        if key_id is None:
            return value
        key = keys.get(key_id)
        if key is None:
            return erased(value, nullable)
        try:
            return open_text(value, key)
        except UnreadableValue:
            return erased(value, nullable)  # altered in transit or at rest: unreadable, never a crash

    return lambda model, data: map_personal_data(model=model, data=data, fn=open_one)


def key_ids_in(raw_values: Iterable[bytes | None]) -> set[str]:
    """Key ids of the sealed values inside encoded JSON, found without decoding it."""
    return {m.decode() for raw in raw_values if raw for m in _KEY_IDS.findall(raw)}


def key_ids_of(values: Iterable[Any]) -> set[str]:
    """Key ids of the sealed values among plain Python strings (found in documents already read)."""
    return {k for v in values if isinstance(v, str) and (k := sealed_key_id(v)) is not None}


ERASED_TYPE = b"complaints.intake.PersonalDataErased"


def erased_key_ids(records: Iterable[Any]) -> set[str]:
    """Key ids destroyed by the `PersonalDataErased` records among consumed records (told by their type header)."""
    ids: set[str] = set()
    for record in records:
        if any(k == "ce_type" and v == ERASED_TYPE for k, v in record.headers or ()):
            try:
                ids.update(json.loads(record.value or b"{}").get("key_ids") or ())
            except (ValueError, AttributeError):
                continue  # not decodable: the consumer dead-letters it when it decodes the batch
    return ids


class Opener:
    """Opens what a batch of records or documents holds with one key look-up for the whole batch."""

    def __init__(self, ring: KeyRing) -> None:
        self._ring = ring

    def forget(self, key_ids: Iterable[str]) -> None:
        """Drop keys from the ring's cache at once (their erasure was announced); a ring without a cache keeps no
        copy to drop."""
        if isinstance(self._ring, CachedKeyRing) and key_ids:
            self._ring.forget(key_ids)

    async def aclose(self) -> None:
        await self._ring.aclose()

    async def for_records(self, raw_values: Iterable[bytes | None]) -> PersonalData:
        wanted = key_ids_in(raw_values)
        return opening(await self._ring.get_many(wanted) if wanted else {})

    async def for_key_ids(self, key_ids: Iterable[str]) -> PersonalData:
        wanted = set(key_ids)
        return opening(await self._ring.get_many(wanted) if wanted else {})


class Keeping:
    """The transform of a kept-sealed decode: the event is validated in the form a reader without keys sees (a
    sealed value is longer than the text it holds, so the contract's length limits cannot judge it), then `kept`
    puts the sealed values back in place. One record at a time: `kept` follows the decode it belongs to."""

    def __init__(self) -> None:
        self._sealed: Mapping[str, Any] | None = None

    def __call__(self, model: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
        self._sealed = dict(data)
        return erase_sealed(model, data)

    def kept(self, event: M) -> M:
        """The decoded event with the sealed values of its record in place of their erased form."""
        sealed, self._sealed = self._sealed, None
        if sealed is None:
            raise RuntimeError("no decoded record to take the sealed values from")
        return _with_sealed(event, sealed) if has_personal_data(type(event)) else event


def _with_sealed(value: Any, data: Any) -> Any:
    """`value`, validated from the erased form of `data`, with the sealed strings of `data` back where they were."""
    if isinstance(value, BaseModel) and isinstance(data, Mapping):
        update = {}
        for name, info in type(value).model_fields.items():
            key = info.alias or name
            if key in data:
                current = getattr(value, name)
                restored = _with_sealed(current, data[key])
                if restored is not current:
                    update[name] = restored
        return value.model_copy(update=update) if update else value
    if isinstance(value, dict) and isinstance(data, Mapping):
        return {k: _with_sealed(v, data.get(k)) for k, v in value.items()}
    if isinstance(value, list | tuple) and isinstance(data, list) and len(value) == len(data):
        items = [_with_sealed(v, d) for v, d in zip(value, data, strict=True)]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else type(value)(items)
    if is_sealed(data) and (value is None or isinstance(value, str)):
        return data
    return value


class KeepSealed(Opener):
    """The opener of the service that owns the keys and stores what it follows as it came: its handlers get events
    with sealed values left as they are, neither opened nor shown as erased, and it opens them only where it shows
    them. It looks up no key and caches none."""

    def __init__(self) -> None:
        pass  # no key ring: nothing is opened at consumption

    def forget(self, key_ids: Iterable[str]) -> None:
        return None

    async def aclose(self) -> None:
        return None

    async def for_records(self, raw_values: Iterable[bytes | None]) -> PersonalData:
        return Keeping()

    async def for_key_ids(self, key_ids: Iterable[str]) -> PersonalData:
        return Keeping()
