"""Bulk writes that tolerate redelivery: a duplicate key means "stored already", anything else is an error."""

from collections.abc import Mapping, Sequence
from typing import Any

from pymongo import UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import BulkWriteError

from .among import parts, update_among

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


async def take_entries(collection: AsyncCollection, taken: Mapping[Any, Sequence[dict[str, Any]]], *, array: str,
                       flag: str, key: str) -> None:
    """Remove entries a worker has dealt with from each document's queue (`array`, entries identified by `key`)
    and lower the document's `flag` once its queue is empty.

    One write for all documents in the usual case, more when a writer queued more meanwhile: entries are only ever
    appended, so a queue that still has the size that was read and still ends with the last entry taken holds
    nothing else, and is emptied. Documents whose queues had the same size are emptied by one multi-document
    update (entry ids are unique, so "ends with one of the entries taken last" is "ends with its own"): the
    embedded store spends ~1 ms per document on it against ~1.7 ms for the same updates one statement each (in
    parts: its cost grows with the square of an `$in` list).
    Otherwise the taken entries are pulled by key.
    """
    ids = list(taken)
    if not ids:
        return
    by_size: dict[int, list[tuple[Any, Sequence[dict[str, Any]]]]] = {}
    for doc_id, entries in taken.items():
        by_size.setdefault(len(entries), []).append((doc_id, entries))
    emptied = 0
    for size, queues in by_size.items():
        for part in parts(queues):
            result = await collection.update_many(_unchanged_since_read(part, size, array=array, key=key),
                                                  {"$set": {array: [], flag: False}})
            emptied += result.matched_count
    if emptied == len(ids):
        return
    await collection.bulk_write([
        UpdateOne({"_id": doc_id}, {"$pull": {array: {key: {"$in": [e[key] for e in entries]}}}})
        for doc_id, entries in taken.items()], ordered=False)
    # Only documents that gained nothing new meanwhile lose the flag.
    await update_among(collection, "_id", ids, {"$set": {flag: False}}, query={array: {"$size": 0}})


def _unchanged_since_read(queues: Sequence[tuple[Any, Sequence[dict[str, Any]]]], size: int, *, array: str,
                          key: str) -> dict[str, Any]:
    """The documents among these, all read with `size` entries, that still hold exactly what was read."""
    condition: dict[str, Any] = {"_id": {"$in": [doc_id for doc_id, _ in queues]}, array: {"$size": size}}
    if size:
        condition[f"{array}.{size - 1}.{key}"] = {"$in": [entries[-1][key] for _, entries in queues]}
    return condition
