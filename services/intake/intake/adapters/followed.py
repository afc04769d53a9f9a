"""`followed_events`: what intake keeps of the other services' events about its complaints (see domain/followed),
one document per event under the event's key, inserted once and never changed; a complaint's documents are read by
one query on the `(complaint_id, at)` index, oldest first."""

from collections import defaultdict
from collections.abc import Collection, Sequence
from typing import Any

from complaints_chassis.bulk import insert_new
from pymongo import ASCENDING
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from ..domain.followed import Followed
from ..domain.timeline import TimelineEntry

COLLECTION = "followed_events"


class FollowedEvents:
    def __init__(self, db: AsyncDatabase) -> None:
        self.collection: AsyncCollection = db[COLLECTION]

    async def ensure_indexes(self) -> None:
        await self.collection.create_index([("complaint_id", ASCENDING), ("at", ASCENDING)], name="complaint_time")

    async def insert(self, followed: Sequence[Followed]) -> None:
        """Insert in one round trip; an event kept already (a redelivery) is left as it is."""
        await insert_new(self.collection, [followed_document(f) for f in followed])

    async def of_complaints(self, complaint_ids: Collection[str]) -> dict[str, list[Followed]]:
        """Each complaint's records, oldest first (complaints without any are left out)."""
        found: dict[str, list[Followed]] = defaultdict(list)
        query = {"complaint_id": {"$in": sorted(complaint_ids)}}
        async for document in self.collection.find(query).sort("at", ASCENDING):
            found[document["complaint_id"]].append(followed_from(document))
        return found


def followed_document(followed: Followed) -> dict[str, Any]:
    """A record as stored: absent parts are left out (JSON types inside the entry: amounts stay exact strings)."""
    document: dict[str, Any] = {"_id": followed.event_key, "complaint_id": followed.complaint_id, "at": followed.at}
    if followed.entry is not None:
        document["entry"] = followed.entry.model_dump(mode="json")
    if followed.team is not None:
        document["team"] = followed.team
    return document


def followed_from(document: dict[str, Any]) -> Followed:
    entry = document.get("entry")
    return Followed(complaint_id=document["complaint_id"], event_key=document["_id"], at=document["at"],
                    entry=None if entry is None else TimelineEntry.model_validate(entry), team=document.get("team"))
