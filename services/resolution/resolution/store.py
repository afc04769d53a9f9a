"""Where cases live: one collection, the aggregate as a document with its outbox inside, optimistic versions."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from complaint_contracts.base import Event
from complaints_chassis.bulk import duplicates_only, take_entries
from complaints_chassis.outbox import new_document, with_events
from pymongo import ASCENDING, UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError

from .access import VisibleScope
from .queue import QueueFilter

WorkloadKey = tuple[str, str | None]
WorkloadMarks = dict[str, list[dict[str, Any]]]
"""Case id → marks `{team, assignee, mark}` of workloads its changes moved and nobody announced yet."""
HIDDEN = {"_outbox": 0}


@dataclass
class CaseWrite:
    """One case's change: its new fields and the events they cause, guarded by the version it was read at."""

    complaint_id: str
    expected_version: int
    fields: dict[str, Any]
    events: list[Event] = field(default_factory=list)
    workloads: list[WorkloadKey] = field(default_factory=list)
    """Workloads whose open-case count the change moved (announced by the service's `refresh_workloads`)."""


class CaseStore(Protocol):
    async def get(self, complaint_id: str) -> dict[str, Any] | None: ...
    async def get_many(self, complaint_ids: list[str]) -> dict[str, dict[str, Any]]: ...
    async def insert(self, writes: list[CaseWrite]) -> set[str]: ...
    async def replace_placeholder(self, write: CaseWrite, *, parked: int) -> bool: ...
    async def park(self, entries: list[tuple[str, dict[str, Any]]]) -> set[str]: ...
    async def save(self, writes: list[CaseWrite]) -> set[str]: ...
    async def version_of(self, complaint_id: str) -> int | None: ...
    async def due_for_scan(self, *, now: datetime, limit: int) -> list[dict[str, Any]]: ...
    async def set_alert_moments(self, moments: list[tuple[str, int, datetime | None]]) -> None: ...
    async def queue(self, *, queue_filter: QueueFilter, scope: VisibleScope) -> tuple[list[dict[str, Any]], int]: ...
    async def open_counts(self) -> dict[tuple[str, str], int]: ...
    async def pending_workloads(self) -> WorkloadMarks: ...
    async def count_open(self, key: WorkloadKey) -> int: ...
    async def announce_workloads(self, counts: dict[WorkloadKey, tuple[int, Event]]) -> None: ...
    async def settle_workloads(self, done: WorkloadMarks) -> None: ...


def _marks(keys: list[WorkloadKey]) -> list[dict[str, Any]]:
    # A fresh mark per change: announcing pulls only the marks it counted, so a later change is never lost.
    return [{"team": team, "assignee": assignee, "mark": uuid.uuid4().hex} for team, assignee in keys]


def _update(write: CaseWrite, update: dict[str, Any]) -> dict[str, Any]:
    merged = with_events(update, write.events)
    if write.workloads:
        merged.setdefault("$push", {})["workload_marks"] = {"$each": _marks(write.workloads)}
        merged.setdefault("$set", {})["workload_pending"] = True
    return merged


class MongoCaseStore:
    def __init__(self, db: AsyncDatabase) -> None:
        self.cases: AsyncCollection = db["cases"]
        self.workloads: AsyncCollection = db["workloads"]

    async def ensure_indexes(self) -> None:
        """Index what the work queue filters and sorts on, the scan's due moment and pending workloads."""
        order = [("queue_due_at", ASCENDING), ("priority_rank", ASCENDING), ("opened_at", ASCENDING)]
        for name, keys in (("queue_team", [("team", ASCENDING), *order]),
                           ("queue_department", [("department", ASCENDING), *order]),
                           ("queue_assignee", [("assignee", ASCENDING), *order]),
                           ("queue_state", [("state", ASCENDING), *order]),
                           ("queue_all", order),
                           ("scan_due", [("next_alert_at", ASCENDING)]),
                           ("next_due", [("next_due_at", ASCENDING)]),
                           ("open_by_owner", [("team", ASCENDING), ("assignee", ASCENDING), ("is_open", ASCENDING)]),
                           ("workload_pending", [("workload_pending", ASCENDING)])):
            await self.cases.create_index(keys, name=name)

    async def get(self, complaint_id: str) -> dict[str, Any] | None:
        return await self.cases.find_one({"_id": complaint_id}, HIDDEN)

    async def get_many(self, complaint_ids: list[str]) -> dict[str, dict[str, Any]]:
        docs = await self.cases.find({"_id": {"$in": complaint_ids}}, HIDDEN).to_list()
        return {d["_id"]: d for d in docs}

    async def insert(self, writes: list[CaseWrite]) -> set[str]:
        """Insert new cases keyed by complaint id; return the ids that already had a document."""
        if not writes:
            return set()
        docs = [{**new_document({"_id": w.complaint_id, **w.fields}, w.events),
                 "workload_marks": _marks(w.workloads), "workload_pending": bool(w.workloads)} for w in writes]
        try:
            await self.cases.insert_many(docs, ordered=False)
        except BulkWriteError as exc:
            return {docs[e["index"]]["_id"] for e in duplicates_only(exc)}
        return set()

    async def replace_placeholder(self, write: CaseWrite, *, parked: int) -> bool:
        """Turn a placeholder into the case, unless it gained early events since it was read."""
        result = await self.cases.update_one(
            {"_id": write.complaint_id, "placeholder": True, "parked": {"$size": parked}},
            _update(write, {"$set": write.fields, "$unset": {"parked": ""}}))
        return result.modified_count == 1

    async def park(self, entries: list[tuple[str, dict[str, Any]]]) -> set[str]:
        """Keep early events on placeholders; return the ids whose case exists after all (apply there)."""
        if not entries:
            return set()
        ops = [UpdateOne({"_id": cid, "placeholder": True},
                         {"$addToSet": {"parked": entry}, "$setOnInsert": {"placeholder": True}}, upsert=True)
               for cid, entry in entries]
        try:
            await self.cases.bulk_write(ops, ordered=False)
        except BulkWriteError as exc:
            return {entries[e["index"]][0] for e in duplicates_only(exc)}
        return set()

    async def save(self, writes: list[CaseWrite]) -> set[str]:
        """Write changed cases in one round trip; return the ids someone else changed first (nothing written)."""
        if not writes:
            return set()
        # Each write carries a fresh token: the writes whose token is not stored afterwards lost a race.
        tokens = {w.complaint_id: uuid.uuid4().hex for w in writes}
        ops = [UpdateOne({"_id": w.complaint_id, "version": w.expected_version},
                         _update(w, {"$set": {**w.fields, "write_token": tokens[w.complaint_id]}})) for w in writes]
        result = await self.cases.bulk_write(ops, ordered=False)
        if result.matched_count == len(writes):
            return set()
        found = {d["_id"]: d.get("write_token") for d in
                 await self.cases.find({"_id": {"$in": list(tokens)}}, {"write_token": 1}).to_list()}
        return {cid for cid, token in tokens.items() if found.get(cid) != token}

    async def version_of(self, complaint_id: str) -> int | None:
        doc = await self.cases.find_one({"_id": complaint_id}, {"version": 1})
        return doc.get("version") if doc else None

    async def due_for_scan(self, *, now: datetime, limit: int) -> list[dict[str, Any]]:
        return await self.cases.find({"next_alert_at": {"$lte": now}}, HIDDEN).sort(
            "next_alert_at", ASCENDING).limit(limit).to_list()

    async def set_alert_moments(self, moments: list[tuple[str, int, datetime | None]]) -> None:
        """Move the scan's look-again moment of cases it raised nothing on (only if they are unchanged)."""
        if moments:
            await self.cases.bulk_write([UpdateOne({"_id": cid, "version": version}, {"$set": {"next_alert_at": at}})
                                         for cid, version, at in moments], ordered=False)

    async def queue(self, *, queue_filter: QueueFilter, scope: VisibleScope) -> tuple[list[dict[str, Any]], int]:
        """One page of the cases the filter selects within the scope, nearest deadline first; and the total."""
        query: dict[str, Any] = {"placeholder": False}
        for name, values in (("team", queue_filter.teams), ("department", queue_filter.departments),
                             ("assignee", queue_filter.assignees), ("state", queue_filter.states),
                             ("priority", queue_filter.priorities), ("regime", queue_filter.regimes)):
            if values:
                query[name] = {"$in": [str(v) for v in values]}
        if not scope.everything:
            query["$or"] = [{"team": {"$in": sorted(scope.teams)}}, {"department": {"$in": sorted(scope.departments)}}]
        cursor = self.cases.find(query, {"_outbox": 0, "audit": 0, "applied_event_keys": 0}).sort(
            [("queue_due_at", ASCENDING), ("priority_rank", ASCENDING), ("opened_at", ASCENDING)])
        page = await cursor.skip(queue_filter.offset).limit(queue_filter.limit).to_list()
        return page, await self.cases.count_documents(query)

    async def open_counts(self) -> dict[tuple[str, str], int]:
        """Open cases per (state, priority), counted by the store."""
        cursor = await self.cases.aggregate([
            {"$match": {"placeholder": False, "is_open": True}},
            {"$group": {"_id": {"state": "$state", "priority": "$priority"}, "n": {"$sum": 1}}},
        ])
        return {(r["_id"]["state"], r["_id"]["priority"]): r["n"] for r in await cursor.to_list()}

    async def pending_workloads(self) -> WorkloadMarks:
        docs = await self.cases.find({"workload_pending": True}, {"workload_marks": 1}).limit(1000).to_list()
        return {d["_id"]: d.get("workload_marks", []) for d in docs}

    async def count_open(self, key: WorkloadKey) -> int:
        team, assignee = key
        query: dict[str, Any] = {"team": team, "is_open": True, "placeholder": False}
        if assignee is not None:
            query["assignee"] = assignee
        return await self.cases.count_documents(query)

    async def announce_workloads(self, counts: dict[WorkloadKey, tuple[int, Event]]) -> None:
        """Store each workload's count with its WorkloadChanged in one write per workload."""
        if counts:
            await self.workloads.bulk_write([
                UpdateOne({"_id": f"{team}/{assignee or '*'}"},
                          with_events({"$set": {"team": team, "assignee": assignee, "open_cases": n}}, [event]),
                          upsert=True)
                for (team, assignee), (n, event) in counts.items()], ordered=False)

    async def settle_workloads(self, done: WorkloadMarks) -> None:
        """Forget the announced marks; a case that gained new ones meanwhile keeps its flag."""
        await take_entries(self.cases, done, array="workload_marks", flag="workload_pending", key="mark")

