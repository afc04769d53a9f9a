"""Where corrective and preventive actions live: one document per action, written only at the version read.

Implements domain.ports.CorrectiveActions; reads return domain objects."""

from collections.abc import Iterable
from typing import Any

from complaints_chassis.bulk import insert_new
from pymongo import ASCENDING
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from ..domain.corrective import CapaStatus, CorrectiveAction


def _document(action: CorrectiveAction) -> dict[str, Any]:
    # The status, owner and linked complaints are also top-level, where the list filters them.
    return {"action": action.model_dump(mode="json"), "version": action.version, "status": action.status.value,
            "owner": action.owner, "complaint_ids": action.complaint_ids}


class MongoCorrectiveActions:
    def __init__(self, db: AsyncDatabase) -> None:
        self.actions: AsyncCollection = db["corrective_actions"]

    async def ensure_indexes(self) -> None:
        for key in ("status", "owner", "complaint_ids"):
            await self.actions.create_index([(key, ASCENDING), ("_id", ASCENDING)], name=key)

    async def insert(self, action: CorrectiveAction) -> bool:
        [inserted] = await insert_new(self.actions, [{"_id": action.action_id, **_document(action)}])
        return inserted

    async def get(self, action_id: str) -> CorrectiveAction | None:
        doc = await self.actions.find_one({"_id": action_id})
        return CorrectiveAction.model_validate(doc["action"]) if doc else None

    async def save(self, action: CorrectiveAction, *, expected_version: int) -> bool:
        result = await self.actions.update_one({"_id": action.action_id, "version": expected_version},
                                               {"$set": _document(action)})
        return result.matched_count == 1

    async def list(self, *, status: CapaStatus | None, owner: str | None, complaint_id: str | None, limit: int,
                   after: str | None) -> list[CorrectiveAction]:
        query: dict[str, Any] = {}
        if status is not None:
            query["status"] = status.value
        if owner is not None:
            query["owner"] = owner
        if complaint_id is not None:
            query["complaint_ids"] = complaint_id
        if after is not None:
            query["_id"] = {"$gt": after}
        docs = await self.actions.find(query).sort("_id", ASCENDING).limit(limit).to_list()
        return [CorrectiveAction.model_validate(d["action"]) for d in docs]

    async def unlink(self, complaint_ids: Iterable[str]) -> None:
        """One write for every action listing them; a new version, so an edit read before it is refused."""
        ids = sorted(set(complaint_ids))
        if ids:
            gone = {"$in": ids}
            await self.actions.update_many({"complaint_ids": gone},
                                           {"$pull": {"complaint_ids": gone, "action.complaint_ids": gone},
                                            "$inc": {"version": 1, "action.version": 1}})
