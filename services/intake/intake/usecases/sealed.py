"""Opening what intake keeps sealed: every personal value a request reads, with one key look-up for all of them.

A value whose key is destroyed (erased) reads as erased: `[erased]` where the contract requires a value, else null.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from complaint_contracts.personal_data import map_personal_data, sealed_key_id
from complaints_chassis.personal_data import KeyRing, Opener
from pydantic import BaseModel

Sealed = tuple[type[BaseModel], Mapping[str, Any]]
"""A contract and data in its JSON form whose personal values may be sealed."""


def key_ids(model: type[BaseModel], data: Mapping[str, Any]) -> set[str]:
    """The ids of the keys the data's personal values are sealed with."""
    found: set[str] = set()

    def note(value: str, _nullable: bool) -> str:
        key_id = sealed_key_id(value)
        if key_id is not None:
            found.add(key_id)
        return value

    map_personal_data(model=model, data=data, fn=note)
    return found


async def opened(ring: KeyRing, items: Sequence[Sealed]) -> list[dict[str, Any]]:
    """Each item's data with its personal values opened."""
    wanted = set().union(*(key_ids(model, data) for model, data in items))
    open_ = await Opener(ring).for_key_ids(wanted)
    return [open_(model, dict(data)) for model, data in items]
