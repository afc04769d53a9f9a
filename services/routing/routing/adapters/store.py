"""Routing's own database: decisions (first ones with what they caused, reroutes through their outbox), round-robin
pointers, workload and fingerprints."""

from collections.abc import Sequence
from datetime import datetime

from complaints_chassis.among import find_among
from complaints_chassis.bulk import duplicates_only
from complaints_chassis.caused import CAUSED, caused_events
from complaints_chassis.idempotency import APPLIED, mark_applied, not_yet_applied
from complaints_chassis.outbox import with_events
from pymongo import ASCENDING, UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError

from ..domain.duplicates import ComplaintFingerprint
from ..domain.records import DecisionChange, DecisionRecord, NewDecision
from ..domain.workload import AssignmentHistory, WorkloadReport, WorkloadSnapshot
from .documents import changed_fields, first_decision_fields, record_from_document

HISTORY_ID = "round-robin"


class MongoRoutingStore:
    """The `RoutingStore` over MongoDB; documents are mapped to records in documents.py."""

    def __init__(self, db: AsyncDatabase) -> None:
        self.decision_docs: AsyncCollection = db["decisions"]
        self.assignments: AsyncCollection = db["assignment_history"]
        self.workloads: AsyncCollection = db["workload"]
        self.prints: AsyncCollection = db["fingerprints"]

    async def ensure_indexes(self) -> None:
        """Index what the duplicate lookup filters on; decisions and workload are read by `_id` only."""
        await self.prints.create_index([("customer_keys", ASCENDING), ("received_at", ASCENDING)],
                                       name="customer_recent")

    async def decisions(self, complaint_ids: Sequence[str]) -> dict[str, DecisionRecord]:
        """Kept decisions by complaint id (those that exist)."""
        docs = await find_among(self.decision_docs, "_id", complaint_ids, projection={"_outbox": 0, CAUSED: 0})
        return {doc["_id"]: record_from_document(doc) for doc in docs}

    async def insert_decisions(self, decisions: Sequence[NewDecision]) -> set[str]:
        """Insert first decisions in one round trip, each with the records it causes (published by the service
        straight after, see the chassis' caused.py); return ids that were already decided."""
        if not decisions:
            return set()
        docs = [{"_id": d.record.complaint_id, "version": 1, APPLIED: [], **first_decision_fields(d.record),
                 CAUSED: caused_events(d.events)}
                for d in decisions]
        try:
            await self.decision_docs.insert_many(docs, ordered=False)
        except BulkWriteError as exc:
            return {docs[error["index"]]["_id"] for error in duplicates_only(exc)}
        return set()

    async def change_decisions(self, changes: Sequence[DecisionChange]) -> set[str]:
        """Apply re-routings in order in one round trip; return the complaint ids of changes not written."""
        if not changes:
            return set()
        ops = [UpdateOne({"_id": c.record.complaint_id, "version": c.expected_version, **not_yet_applied(c.cause)},
                         with_events(mark_applied({"$set": {**changed_fields(c), "version": c.record.version}},
                                                  c.cause), c.events))
               for c in changes]
        result = await self.decision_docs.bulk_write(ops, ordered=True)
        if result.modified_count == len(changes):
            return set()
        ids = [c.record.complaint_id for c in changes]
        stored = await self.decisions(ids)
        return {complaint_id for complaint_id, c in zip(ids, changes, strict=True)
                if complaint_id not in stored or c.cause.dedupe_key not in stored[complaint_id].applied}

    async def history(self) -> AssignmentHistory:
        doc = await self.assignments.find_one({"_id": HISTORY_ID})
        return AssignmentHistory(last_assignee=dict((doc or {}).get("last_assignee", {})))

    async def save_history(self, history: AssignmentHistory) -> None:
        """Move the round-robin pointers of the teams that assigned someone."""
        if history.last_assignee:
            await self.assignments.update_one(
                {"_id": HISTORY_ID},
                {"$set": {f"last_assignee.{team}": member for team, member in history.last_assignee.items()}},
                upsert=True)

    async def workload(self) -> WorkloadSnapshot:
        docs = await self.workloads.find({}, {"team": 1, "assignee": 1, "open_cases": 1}).to_list()
        return WorkloadSnapshot(open_cases={(d["team"], d.get("assignee")): d["open_cases"] for d in docs})

    async def save_workload(self, reports: Sequence[WorkloadReport]) -> None:
        """Keep each (team, employee)'s latest report; an older or repeated one changes nothing."""
        if not reports:
            return
        ops = [UpdateOne({"_id": f"{r.team}/{r.assignee or '*'}", "order": {"$lt": r.order}},
                         {"$set": {"team": r.team, "assignee": r.assignee, "open_cases": r.open_cases,
                                   "order": r.order}}, upsert=True)
               for r in reports]
        try:
            await self.workloads.bulk_write(ops, ordered=False)
        except BulkWriteError as exc:
            duplicates_only(exc)  # the stored report is newer: the upsert collided with it, as it should

    async def fingerprints(self, *, customer_keys: set[str], since: datetime) -> list[ComplaintFingerprint]:
        """Fingerprints of complaints from any of these customers received since `since`."""
        if not customer_keys:
            return []
        docs = await find_among(self.prints, "customer_keys", sorted(customer_keys),
                                query={"received_at": {"$gte": since}})
        return [ComplaintFingerprint(complaint_id=d["_id"], received_at=d["received_at"],
                                     customer_keys=frozenset(d["customer_keys"]), text_tokens=tuple(d["tokens"]),
                                     tracking_number=d.get("tracking_number"))
                for d in docs]

    async def save_fingerprints(self, prints: Sequence[ComplaintFingerprint]) -> None:
        if not prints:
            return
        docs = [{"_id": p.complaint_id, "received_at": p.received_at, "customer_keys": sorted(p.customer_keys),
                 "tokens": list(p.text_tokens), "tracking_number": p.tracking_number} for p in prints]
        try:
            await self.prints.insert_many(docs, ordered=False)
        except BulkWriteError as exc:
            duplicates_only(exc)  # stored by an earlier delivery
