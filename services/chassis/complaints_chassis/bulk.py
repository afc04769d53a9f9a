"""Bulk writes that tolerate redelivery: a duplicate key means "stored already", anything else is an error."""

from collections.abc import Sequence
from typing import Any

from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import BulkWriteError

DUPLICATE_KEY = 11000


def duplicates_only(exc: BulkWriteError) -> list[dict[str, Any]]:
    """The write errors of a bulk write, re-raising it unless every one is a duplicate key."""
    errors = exc.details.get("writeErrors", [])
    if not errors or any(e["code"] != DUPLICATE_KEY for e in errors):
        raise exc
    return errors


async def insert_new(collection: AsyncCollection, documents: Sequence[dict[str, Any]]) -> list[bool]:
    """Insert in one round trip, unordered; per document, False when one with its key was stored already."""
    if not documents:
        return []
    try:
        await collection.insert_many(list(documents), ordered=False)
    except BulkWriteError as exc:
        taken = {e["index"] for e in duplicates_only(exc)}
        return [i not in taken for i in range(len(documents))]
    return [True] * len(documents)
