"""Reads and writes of the documents whose field is among a list of values (`$in`), in parts of a bounded size.

The embedded store matches every candidate document against the whole `$in` list again after its index look-up,
comparing value by value, so one query's cost grows with the square of the list: measured on a 2,300-document
collection, 400 ids in one query cost ~160 ms of its CPU, in parts of 10 ~46 ms; per id ~110 µs in parts of 10,
~85–95 µs in parts of 20–30, ~105 µs at 50, ~140 µs at 100. Batches at full load hold hundreds of complaints, so
every batched look-up by id goes through here. On MongoDB a part is one more round trip of the same index seeks.
"""

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

from pymongo.asynchronous.collection import AsyncCollection

IDS_PER_QUERY = 25
"""Values per `$in` list: the cheapest part size measured on the embedded store (see above)."""

T = TypeVar("T")


def parts(values: Sequence[T], size: int = IDS_PER_QUERY) -> Iterator[Sequence[T]]:
    """The values, in their order, as slices of at most `size`."""
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _distinct(values: Iterable[Any]) -> list[Any]:
    return list(dict.fromkeys(values))


async def find_among(collection: AsyncCollection, field: str, values: Iterable[Any], *,
                     query: dict[str, Any] | None = None,
                     projection: dict[str, Any] | Sequence[str] | None = None) -> list[dict[str, Any]]:
    """The documents matching `query` whose `field` is among `values` (none for no values), one query per part;
    each once (by `_id`: an array field may match in several parts) and in no particular order, as from one `$in`
    query."""
    found: dict[Any, dict[str, Any]] = {}
    for part in parts(_distinct(values)):
        for document in await collection.find({**(query or {}), field: {"$in": list(part)}}, projection).to_list():
            found[document["_id"]] = document
    return list(found.values())


async def update_among(collection: AsyncCollection, field: str, values: Iterable[Any], update: dict[str, Any], *,
                       query: dict[str, Any] | None = None) -> int:
    """`update_many` of the documents matching `query` whose `field` is among `values`; how many matched. Like
    one `update_many`, each document's update is atomic and the whole is not."""
    matched = 0
    for part in parts(_distinct(values)):
        matched += (await collection.update_many({**(query or {}), field: {"$in": list(part)}}, update)).matched_count
    return matched


async def delete_among(collection: AsyncCollection, field: str, values: Iterable[Any], *,
                       query: dict[str, Any] | None = None) -> int:
    """`delete_many` of the documents matching `query` whose `field` is among `values`; how many were deleted."""
    deleted = 0
    for part in parts(_distinct(values)):
        deleted += (await collection.delete_many({**(query or {}), field: {"$in": list(part)}})).deleted_count
    return deleted
