"""Where the open cases per team and person are counted: `workloads`, one small document per workload with its
count, the moves registered on it and not yet settled (`pending`), a revision, and its WorkloadChanged events
waiting in its outbox; plus one marker document once the counts were built. The open cases per (state, priority)
are counted the same way in a collection of their own, announced to nobody (the operations gauge reads them).

A move is pushed as pending before its case write, and taken off by the same single-document update that adds it
to the count and queues the announcement, guarded by the revision read: a second settle of the same move (the
writer and the scan, or a retry) finds it gone and changes nothing. Implements domain.workload.WorkloadCounters."""

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from complaints_chassis.among import find_among
from complaints_chassis.bulk import duplicates_only
from complaints_chassis.outbox import with_events
from pymongo import UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError

from ..domain.workload import Announce, WorkloadKey, WorkloadMove

OPEN_CASE_COUNTS = "open_case_counts"
"""The collection of the open cases per (state, priority): the same documents, `team` holding the state and
`assignee` the priority."""
PENDING = "pending"
COUNTED = "~counted"
"""Id of the marker document (every workload's id has a slash, this one none)."""
MAX_ROUNDS = 50
"""Settling rounds lost to other writers before giving up (the moves stay pending; the scan settles them)."""


def workload_id(key: WorkloadKey) -> str:
    team, assignee = key
    return f"{team}/{assignee or '*'}"


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)  # a client that is not tz_aware reads UTC as naive


async def _upsert_all(collection: AsyncCollection, ops: list[UpdateOne]) -> None:
    while ops:
        try:
            await collection.bulk_write(ops, ordered=False)
            return
        except BulkWriteError as exc:
            # Two writers created the same workload at once: the one that lost updates it now that it exists.
            ops = [ops[error["index"]] for error in duplicates_only(exc)]


class MongoWorkloadCounters:
    """`announces`: whether each changed count is announced (the teams' and people's workloads, to routing); the
    open cases per (state, priority) are kept in their own collection and only read (the operations gauge)."""

    def __init__(self, db: AsyncDatabase, collection: str = "workloads", *, announces: bool = True) -> None:
        self.workloads: AsyncCollection = db[collection]
        self._announces = announces

    async def register(self, moves: Sequence[WorkloadMove]) -> None:
        at = datetime.now(UTC)
        entries: dict[WorkloadKey, list[dict[str, Any]]] = {}
        for move in moves:
            for key, delta in move.deltas.items():
                entries.setdefault(key, []).append({"id": move.move_id, "case": move.complaint_id,
                                                    "version": move.version, "delta": delta, "at": at})
        await _upsert_all(self.workloads, [
            UpdateOne({"_id": workload_id(key)}, {"$setOnInsert": {"team": key[0], "assignee": key[1], "open_cases": 0},
                                                  "$push": {PENDING: {"$each": pending}}}, upsert=True)
            for key, pending in entries.items()])

    async def settle(self, *, applied: Sequence[WorkloadMove], dropped: Sequence[WorkloadMove],
                     announce: Announce) -> None:
        keys: dict[str, WorkloadKey] = {}
        wanted: dict[str, dict[str, int]] = {}  # workload id → move id → what it adds to the count (0: dropped)
        for moves, applies in ((applied, True), (dropped, False)):
            for move in moves:
                for key, delta in move.deltas.items():
                    keys[workload_id(key)] = key
                    wanted.setdefault(workload_id(key), {})[move.move_id] = delta if applies else 0
        for _ in range(MAX_ROUNDS):
            ops = await self._settling(wanted, keys, announce) if wanted else []
            if not ops:
                return
            result = await self.workloads.bulk_write(ops, ordered=False)
            if result.matched_count == len(ops):
                return
            # Someone settled on one of these workloads since it was read: read them again.
        raise RuntimeError(f"workload counts still contended after {MAX_ROUNDS} rounds")

    async def _settling(self, wanted: dict[str, dict[str, int]], keys: dict[str, WorkloadKey],
                        announce: Announce) -> list[UpdateOne]:
        """One update per workload that still holds some of the wanted moves, each guarded by the revision read;
        workloads that hold none of them any more are done and leave `wanted`."""
        docs = {d["_id"]: d for d in await find_among(
            self.workloads, "_id", wanted, projection={"open_cases": 1, "revision": 1, f"{PENDING}.id": 1})}
        ops = []
        for wid in list(wanted):
            doc = docs.get(wid, {})
            held = {entry["id"] for entry in doc.get(PENDING, [])}
            present = [move_id for move_id in wanted[wid] if move_id in held]
            if not present:
                del wanted[wid]
                continue
            change = sum(wanted[wid][move_id] for move_id in present)
            update: dict[str, Any] = {"$pull": {PENDING: {"id": {"$in": present}}},
                                      "$inc": {"revision": 1, "open_cases": change}}
            if change and self._announces:
                update = with_events(update, [announce(keys[wid], doc["open_cases"] + change)])
            # A missing revision (a document the previous version wrote) matches None.
            ops.append(UpdateOne({"_id": wid, "revision": doc.get("revision")}, update))
        return ops

    async def in_doubt(self, *, older_than: timedelta) -> list[WorkloadMove]:
        before = datetime.now(UTC) - older_than
        docs = await self.workloads.find({f"{PENDING}.at": {"$lt": before}},
                                         {"team": 1, "assignee": 1, PENDING: 1}).to_list()
        moves: dict[str, WorkloadMove] = {}
        for doc in docs:
            for entry in doc[PENDING]:
                if _aware(entry["at"]) < before:
                    move = moves.setdefault(entry["id"], WorkloadMove(entry["id"], entry["case"], entry["version"], {}))
                    move.deltas[(doc["team"], doc["assignee"])] = entry["delta"]
        return list(moves.values())

    async def counted(self) -> bool:
        return await self.workloads.find_one({"_id": COUNTED}, {"_id": 1}) is not None

    async def rebuild(self, counts: Mapping[WorkloadKey, int], *, announce: Announce) -> None:
        known = {d["_id"]: (d["team"], d.get("assignee")) for d in await self.workloads.find(
            {"_id": {"$ne": COUNTED}}, {"team": 1, "assignee": 1}).to_list()}
        every = known | {workload_id(key): key for key in counts}
        if every:
            await self.workloads.bulk_write([
                UpdateOne({"_id": wid}, with_events(
                    {"$set": {"team": key[0], "assignee": key[1], "open_cases": counts.get(key, 0), PENDING: []},
                     "$inc": {"revision": 1}}, [announce(key, counts.get(key, 0))] if self._announces else []),
                    upsert=True)
                for wid, key in every.items()], ordered=False)
        await self.workloads.update_one({"_id": COUNTED}, {"$set": {"at": datetime.now(UTC)}}, upsert=True)

    async def all_counts(self) -> dict[WorkloadKey, int]:
        return {(d["team"], d.get("assignee")): d["open_cases"] async for d in self.workloads.find(
            {"_id": {"$ne": COUNTED}}, {"team": 1, "assignee": 1, "open_cases": 1})}
