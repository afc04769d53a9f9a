"""Opening what intake keeps sealed: every personal value a request reads, with one key look-up for all of them.

A value whose key is destroyed (erased) reads as erased: `[erased]` where the contract requires a value, else null.
The texts staff write to the customer (questions, proposals, the final response, notes) come sealed on resolution's
events and are kept so on the timeline: they are opened here too, only to be shown.
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from complaint_contracts.personal_data import is_sealed, map_personal_data, sealed_key_id
from complaint_contracts.types import personal
from complaints_chassis.personal_data import KeyRing, Opener
from pydantic import BaseModel

Sealed = tuple[type[BaseModel], Mapping[str, Any]]
"""A contract and data in its JSON form whose personal values may be sealed."""


class ShownText(BaseModel):
    """A text written to the customer that the timeline keeps sealed as it came."""

    text: str = personal("The text, as staff wrote it")


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


async def opened_with_texts(ring: KeyRing, items: Sequence[Sealed],
                            texts: Iterable[str | None]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Each item's data opened, and each sealed text among `texts` by what it opens to (`[erased]` once its key is
    gone); one key look-up for all."""
    sealed = sorted({text for text in texts if text is not None and is_sealed(text)})
    found = await opened(ring, [*items, *((ShownText, {"text": text}) for text in sealed)])
    return found[:len(items)], {text: shown["text"] for text, shown in zip(sealed, found[len(items):], strict=True)}
