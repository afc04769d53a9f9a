"""Apply each event once: the dedupe check lives in the same single-document write as the effect."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from complaint_contracts import Event
from pymongo import UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import BulkWriteError

from .bulk import DUPLICATE_KEY

APPLIED = "_applied"
"""Array of `source#id` keys of the events already applied to the document."""


def not_yet_applied(event: Event) -> dict[str, Any]:
    """Filter fragment: the document has not seen this event."""
    return {APPLIED: {"$ne": event.dedupe_key}}


def mark_applied(update: dict[str, Any], event: Event) -> dict[str, Any]:
    """Merge "remember this event" into an update document (returns a new one)."""
    merged = {op: dict(body) for op, body in update.items()}
    merged.setdefault("$addToSet", {})[APPLIED] = event.dedupe_key
    return merged


@dataclass(frozen=True, slots=True)
class Effect:
    """One event's effect on one document: `filter` picks the document, `update` changes it."""

    event: Event
    filter: dict[str, Any]
    update: dict[str, Any]
    upsert: bool = False


def _op(effect: Effect) -> UpdateOne:
    return UpdateOne({**effect.filter, **not_yet_applied(effect.event)}, mark_applied(effect.update, effect.event),
                     upsert=effect.upsert)


async def apply_once(collection: AsyncCollection, effects: Sequence[Effect]) -> int:
    """Apply effects in order in one round trip where possible; return how many were new.

    An effect whose event the document already holds matches nothing (or, with upsert, collides on `_id`):
    it is skipped, so a redelivered batch changes nothing. Order is kept because several effects may touch
    the same document.
    """
    applied = 0
    start = 0
    while start < len(effects):
        try:
            result = await collection.bulk_write([_op(e) for e in effects[start:]], ordered=True)
            return applied + result.modified_count + result.upserted_count
        except BulkWriteError as exc:
            errors = exc.details.get("writeErrors", [])
            if not errors or errors[0]["code"] != DUPLICATE_KEY:
                raise
            failed_at = errors[0]["index"]
            applied += exc.details.get("nModified", 0) + exc.details.get("nUpserted", 0)
            start += failed_at + 1  # the duplicate was an already-applied upsert: skip it, carry on
    return applied
