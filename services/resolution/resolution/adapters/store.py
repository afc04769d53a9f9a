"""Where cases live: one collection, the aggregate as a document with its outbox inside, optimistic versions; a case
is opened by an insert that keeps the records its opening causes (no outbox: the handler publishes them). The
acknowledgements notification reports are inserted beside the cases and taken into each case as it is read: an
update of a case (seven indexes) was the dearest write of the service, and one per complaint.

Implements domain.ports.CaseStore; every read returns domain objects (the mapping is in documents.py).
"""

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from complaint_contracts.types import Category
from complaints_chassis.among import delete_among, find_among
from complaints_chassis.bulk import insert_new
from complaints_chassis.caused import CAUSED, caused_events
from complaints_chassis.kept_events import delete_kept_events
from complaints_chassis.outbox import with_events
from pymongo import ASCENDING, UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from ..domain.access import CaseScope, VisibleScope
from ..domain.case import Case
from ..domain.changes import AlertMoment, CaseChange
from ..domain.contact import Acknowledgement, take_acknowledgement
from ..domain.policy import DEFAULT_POLICY, CasePolicy
from ..domain.queue import CaseSummary, QueueFilter
from ..domain.search import CaseSearch
from ..domain.workload import RecordedMoves, WorkloadKey
from .case_queries import QUEUE_ORDER, SEARCH_ORDER, filter_query, search_query
from .documents import HIDDEN, MOVES, SUMMARY, case_from, change_fields, changed_fields, recorded_from, summary_from

POSITION = {"team": 1, "department": 1, **{name: 1 for name, _ in SEARCH_ORDER}}
"""What a search among candidates reads of each case: its place in the order and whose it is."""


def _position(doc: dict[str, Any]) -> tuple[datetime, int, datetime, str]:
    """The case's place in SEARCH_ORDER (times in UTC whatever the client gives)."""
    return (_utc(doc["queue_due_at"]), doc["priority_rank"], _utc(doc["opened_at"]), doc["_id"])


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


RETIRED_INDEXES = ("open_by_owner", "workload_pending", "queue_state", "next_due")
"""Indexes dropped at start: those of the open-case counts and workload marks that the workload counters replaced,
and two the queue does without (a state, or a due-by moment, is selected while walking `queue_all` in the queue's
order): every index is rewritten on each update of a case, the dearest write of the service."""


class _DocumentsAsRead:
    """The case documents as last read, a bounded number, so that a save writes only what its change altered.

    Safe to use only with the version guard of the save: a document read at the version the write requires is the
    stored one (but for the fields documents.ALWAYS_WRITTEN names). Reading builds the aggregate's own lists and
    dicts, so commands never alter these copies. One missing (evicted, or taken by another save) costs a full write.
    """

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._docs: dict[str, dict[str, Any]] = {}

    def keep(self, doc: dict[str, Any]) -> None:
        self._docs.pop(doc["_id"], None)
        self._docs[doc["_id"]] = doc
        if len(self._docs) > self._limit:
            del self._docs[next(iter(self._docs))]  # the oldest read

    def take(self, complaint_id: str, version: int) -> dict[str, Any] | None:
        doc = self._docs.get(complaint_id)
        if doc is None or doc.get("version") != version:
            return None
        return self._docs.pop(complaint_id)


def _update(change: CaseChange, update: dict[str, Any]) -> dict[str, Any]:
    merged = with_events(update, change.events, personal=change.personal)
    if change.moves:
        merged.setdefault("$push", {})[MOVES] = {"$each": [move.move_id for move in change.moves]}
    return merged


class MongoCaseStore:
    def __init__(self, db: AsyncDatabase, *, kept_as_read: int = 1024, policy: CasePolicy = DEFAULT_POLICY) -> None:
        self.cases: AsyncCollection = db["cases"]
        self.acknowledgements: AsyncCollection = db["case_acknowledgements"]
        """One document per acknowledged complaint (keyed by its id), until its case is deleted."""
        self._as_read = _DocumentsAsRead(kept_as_read)
        self._policy = policy

    async def ensure_indexes(self) -> None:
        """Index the work queue's order, alone and after the owners it is most often filtered by (team, department,
        assignee), the scan's due moment and what corrective actions count; drop retired indexes."""
        for name, keys in (("queue_team", [("team", ASCENDING), *QUEUE_ORDER]),
                           ("queue_department", [("department", ASCENDING), *QUEUE_ORDER]),
                           ("queue_assignee", [("assignee", ASCENDING), *QUEUE_ORDER]),
                           ("queue_all", QUEUE_ORDER),
                           ("scan_due", [("next_alert_at", ASCENDING)]),
                           ("category_opened", [("category", ASCENDING), ("opened_at", ASCENDING)])):
            await self.cases.create_index(keys, name=name)
        existing = await self.cases.index_information()
        for name in RETIRED_INDEXES:
            if name in existing:
                await self.cases.drop_index(name)

    async def get(self, complaint_id: str) -> Case | None:
        doc = await self.cases.find_one({"_id": complaint_id}, HIDDEN)
        if not doc:
            return None
        self._as_read.keep(doc)
        return (await self._acknowledged([case_from(doc)]))[complaint_id]

    async def get_many(self, complaint_ids: Iterable[str]) -> dict[str, Case]:
        docs = await find_among(self.cases, "_id", complaint_ids, projection=HIDDEN)
        for doc in docs:
            self._as_read.keep(doc)
        return await self._acknowledged([case_from(d) for d in docs])

    async def record_acknowledgements(self, acknowledgements: list[Acknowledgement]) -> None:
        """Keep the acknowledgements beside the cases, in one insert; the first per complaint stands."""
        await insert_new(self.acknowledgements, [{"_id": a.complaint_id, **a.model_dump(exclude={"complaint_id"})}
                                                 for a in acknowledgements])

    async def _acknowledged(self, cases: list[Case]) -> dict[str, Case]:
        """The cases by id, each with the acknowledgement kept beside it taken in (a look-up only for those whose
        stored document does not have it yet)."""
        waiting = [case.complaint_id for case in cases if case.contact.acknowledged_at is None]
        found = {d["_id"]: d for d in await find_among(self.acknowledgements, "_id", waiting)} if waiting else {}
        by_id = {case.complaint_id: case for case in cases}
        for complaint_id, doc in found.items():
            acknowledgement = Acknowledgement(complaint_id=complaint_id, **{k: v for k, v in doc.items() if k != "_id"})
            take_acknowledgement(by_id[complaint_id], acknowledgement, policy=self._policy)
        return by_id

    async def insert(self, changes: list[CaseChange]) -> set[str]:
        """Insert new cases keyed by complaint id, each with the records its opening causes (published by the
        handler straight after, see the chassis' caused.py); return the ids that already had a document."""
        docs = [{"_id": c.complaint_id, **change_fields(c),
                 CAUSED: caused_events(c.events, c.personal),
                 MOVES: [move.move_id for move in c.moves]} for c in changes]
        inserted = await insert_new(self.cases, docs)
        return {c.complaint_id for c, new in zip(changes, inserted, strict=True) if not new}

    async def save(self, changes: list[CaseChange]) -> set[str]:
        """Write changed cases in one round trip, each only what it changed since it was read (all of it when that is
        not known); return the ids someone else changed first (nothing written)."""
        if not changes:
            return set()
        # Each write carries a fresh token: the writes whose token is not stored afterwards lost a race.
        tokens = {c.complaint_id: uuid.uuid4().hex for c in changes}
        ops = [UpdateOne({"_id": c.complaint_id, "version": c.expected_version},
                         _update(c, {"$set": {**changed_fields(change_fields(c),
                                                               self._as_read.take(c.complaint_id, c.expected_version)),
                                              "write_token": tokens[c.complaint_id]}}))
               for c in changes]
        result = await self.cases.bulk_write(ops, ordered=False)
        if result.matched_count == len(changes):
            return set()
        found = {d["_id"]: d.get("write_token") for d in
                 await find_among(self.cases, "_id", tokens, projection={"write_token": 1})}
        return {cid for cid, token in tokens.items() if found.get(cid) != token}

    async def version_of(self, complaint_id: str) -> int | None:
        doc = await self.cases.find_one({"_id": complaint_id}, {"version": 1})
        return doc["version"] if doc else None

    async def due_for_scan(self, *, now: datetime, limit: int) -> list[Case]:
        docs = await self.cases.find({"next_alert_at": {"$lte": now}}, HIDDEN).sort(
            "next_alert_at", ASCENDING).limit(limit).to_list()
        return [case_from(d) for d in docs]

    async def set_alert_moments(self, moments: list[AlertMoment]) -> None:
        """Move the scan's look-again moment of cases it raised nothing on (only if they are unchanged)."""
        if moments:
            await self.cases.bulk_write([UpdateOne({"_id": m.complaint_id, "version": m.version},
                                                   {"$set": {"next_alert_at": m.at}}) for m in moments],
                                        ordered=False)

    async def queue(self, *, queue_filter: QueueFilter, scope: VisibleScope) -> tuple[list[CaseSummary], int]:
        """One page of the cases the filter selects within the scope, nearest deadline first; and the total."""
        query = filter_query(queue_filter, scope)
        cursor = self.cases.find(query, SUMMARY).sort(QUEUE_ORDER)
        page = await cursor.skip(queue_filter.offset).limit(queue_filter.limit).to_list()
        return [summary_from(d) for d in page], await self.cases.count_documents(query)

    async def search(self, *, search: CaseSearch, scope: VisibleScope,
                     candidates: set[str] | None) -> list[CaseSummary]:
        """One page of the search, nearest deadline first, after the search's cursor."""
        if candidates is not None:
            return await self._search_among(search=search, scope=scope, candidates=candidates)
        query = search_query(search.filter, scope, after=search.after)
        page = await self.cases.find(query, SUMMARY).sort(SEARCH_ORDER).limit(search.limit).to_list()
        return [summary_from(d) for d in page]

    async def _search_among(self, *, search: CaseSearch, scope: VisibleScope,
                            candidates: set[str]) -> list[CaseSummary]:
        """The page among the complaints the keys and words found: their cases read by id (in parts) with the
        filter's own fields, then the scope, the cursor and the order applied here. One query combining an `$in` of
        candidates with the scope's and the cursor's `$or`s made the embedded store match every case against the
        whole list: measured with 6,000 cases, ~0.25 s for 10 candidates, ~1.2 s for 100, ~24 s for 2,000."""
        query = filter_query(search.filter, VisibleScope(everything=True))
        positions = await find_among(self.cases, "_id", sorted(candidates), query=query, projection=POSITION)
        after = None if search.after is None else (search.after.due, search.after.rank, search.after.opened,
                                                   search.after.complaint_id)
        placed = sorted((_position(d), d["_id"]) for d in positions
                        if scope.covers(CaseScope(team=d["team"], department=d["department"])))
        ids = [cid for position, cid in placed if after is None or position > after][:search.limit]
        page = {d["_id"]: d for d in await find_among(self.cases, "_id", ids, projection=SUMMARY)}
        return [summary_from(page[cid]) for cid in ids if cid in page]

    async def count_opened(self, *, category: Category | None, since: datetime, until: datetime,
                           among: set[str] | None = None) -> int:
        """Cases opened in [since, until), of a category and among some complaints when given."""
        query: dict[str, Any] = {"opened_at": {"$gte": since, "$lt": until}}
        if category is not None:
            query["category"] = category.value
        if among is not None:
            query["_id"] = {"$in": sorted(among)}
        return await self.cases.count_documents(query)

    async def open_counts(self) -> dict[tuple[str, str], int]:
        """Open cases per (state, priority), counted by the store."""
        cursor = await self.cases.aggregate([
            {"$match": {"is_open": True}},
            {"$group": {"_id": {"state": "$state", "priority": "$priority"}, "n": {"$sum": 1}}},
        ])
        return {(r["_id"]["state"], r["_id"]["priority"]): r["n"] for r in await cursor.to_list()}

    async def recorded_moves(self, complaint_ids: Iterable[str]) -> dict[str, RecordedMoves]:
        docs = await find_among(self.cases, "_id", complaint_ids, projection={"version": 1, MOVES: 1})
        return {d["_id"]: recorded_from(d) for d in docs}

    async def delete(self, complaint_ids: Iterable[str]) -> None:
        """One delete of the cases, in parts (their histories, messages, tasks, notes and plan steps are inside), and
        one each of their events the chassis still keeps (parked, or published for a broker that may lose them), by
        key."""
        ids = sorted(set(complaint_ids))
        if not ids:
            return
        await delete_among(self.cases, "_id", ids)
        await delete_among(self.acknowledgements, "_id", ids)
        await delete_kept_events(self.cases.database, ids)

    async def open_by_owner(self) -> dict[WorkloadKey, int]:
        cursor = await self.cases.aggregate([
            {"$match": {"is_open": True}},
            {"$group": {"_id": {"team": "$team", "assignee": "$assignee"}, "n": {"$sum": 1}}},
        ])
        return {(r["_id"]["team"], r["_id"].get("assignee")): r["n"] for r in await cursor.to_list()}
