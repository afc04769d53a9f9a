"""Events of a complaint the chassis keeps in a service's own store, and deleting them when the complaint's record
expires: those parked while they wait for a prerequisite, and those kept as published for a broker that may lose
them. Both are found by their Kafka key, which is the complaint id on every topic."""

from collections.abc import Iterable

from bson import Binary
from pymongo.asynchronous.database import AsyncDatabase

from .among import delete_among
from .broker_watch import PUBLISHED_COLLECTION
from .runtime import PARKED_COLLECTION


async def delete_kept_events(db: AsyncDatabase, complaint_ids: Iterable[str]) -> None:
    """One delete per collection for all the complaints (in parts) (none kept is fine: it deletes nothing)."""
    keys = [Binary(cid.encode()) for cid in sorted(set(complaint_ids))]
    if keys:
        for collection in (PARKED_COLLECTION, PUBLISHED_COLLECTION):
            await delete_among(db[collection], "key", keys)
