"""The open-case counts on the embedded store: equal to the open cases whatever the casework, redeliveries, stops
and concurrent instances; each count announced with the change that made it; a store the previous version wrote
counted once at start."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from complaint_contracts import from_kafka
from complaint_contracts.intake import ComplaintWithdrawn
from complaints_chassis.leases import LEASES_COLLECTION
from hypothesis import HealthCheck, given, settings
from pymongo import ASCENDING, AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase
from resolution.adapters.complaint_records import MongoComplaintRecords
from resolution.adapters.documents import case_document
from resolution.adapters.store import MongoCaseStore
from resolution.adapters.workload_counters import COUNTED, OPEN_CASE_COUNTS, MongoWorkloadCounters
from resolution.domain.states import CaseState
from resolution.domain.workload import WorkloadKey, counts_by_workload
from resolution.entrypoints.workload_start import count_workloads_at_start
from resolution.service import ResolutionService

from tests.support.backends import Backend
from tests.unit.resolution.builders import MONDAY_9AM, make_routed, open_case_in
from tests.unit.resolution.fakes import FixedClock
from tests.unit.resolution.workload_program import STEPS, Program, Stops, casework


@pytest.fixture(scope="module")
async def client(backend: Backend) -> AsyncIterator[AsyncMongoClient]:
    mongo: AsyncMongoClient = AsyncMongoClient(backend.mongo_url, tz_aware=True, uuidRepresentation="standard")
    yield mongo
    await mongo.close()


async def _fresh(client: AsyncMongoClient) -> AsyncDatabase:
    return client[f"resolution_counts_{uuid.uuid4().hex[:8]}"]


def _service(db: AsyncDatabase, clock: FixedClock, stops: Stops | None = None) -> ResolutionService:
    return casework(store=MongoCaseStore(db), workloads=MongoWorkloadCounters(db), records=MongoComplaintRecords(db),
                    clock=clock, stops=stops or Stops(),
                    open_case_counts=MongoWorkloadCounters(db, OPEN_CASE_COUNTS, announces=False))


async def _gauge(db: AsyncDatabase) -> dict[WorkloadKey, int]:
    """The open cases per (state, priority) the gauge's counters hold (none zero)."""
    counts = await MongoWorkloadCounters(db, OPEN_CASE_COUNTS, announces=False).all_counts()
    return {key: n for key, n in counts.items() if n}


async def _counted(db: AsyncDatabase) -> dict[WorkloadKey, int]:
    docs = await db["workloads"].find({"_id": {"$ne": COUNTED}}).to_list()
    return {(d["team"], d["assignee"]): d["open_cases"] for d in docs if d["open_cases"]}


async def _recount(db: AsyncDatabase) -> dict[WorkloadKey, int]:
    return counts_by_workload(await MongoCaseStore(db).open_by_owner())


async def _last_announced(db: AsyncDatabase) -> dict[WorkloadKey, int]:
    """The count the newest WorkloadChanged waiting in each workload's outbox announces."""
    announced = {}
    for doc in await db["workloads"].find({"_outbox.0": {"$exists": True}}).to_list():
        entry: dict[str, Any] = doc["_outbox"][-1]
        event = from_kafka(entry["topic"], bytes(entry["value"]), [(k, bytes(v)) for k, v in entry["headers"]])
        announced[(doc["team"], doc["assignee"])] = event.open_cases  # type: ignore[attr-defined]
    return announced


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=STEPS)
async def test_the_counts_equal_a_recount_after_any_casework(client: AsyncMongoClient, steps) -> None:
    db, stops, clock = await _fresh(client), Stops(), FixedClock(MONDAY_9AM)
    try:
        service = _service(db, clock, stops)

        await Program(service, clock, stops, prefix="p").run(steps)
        await service.settle_workloads_in_doubt(older_than=timedelta(0))

        counted = await _counted(db)
        assert counted == await _recount(db)
        assert {key: n for key, n in (await _last_announced(db)).items() if n} == counted
        assert await _gauge(db) == await MongoCaseStore(db).open_counts()
        assert await db[OPEN_CASE_COUNTS].count_documents({"_outbox.0": {"$exists": True}}) == 0, "nothing announced"
    finally:
        await client.drop_database(db.name)


async def test_two_instances_moving_the_same_workloads_at_once_count_every_move_once(client: AsyncMongoClient) -> None:
    db, clock = await _fresh(client), FixedClock(MONDAY_9AM)
    instances = [_service(db, clock), _service(db, clock)]  # each with stores of its own, as two processes
    ids = [[f"c-{name}-kettle-{n:03d}" for n in range(30)] for name in ("one", "two")]

    async def casework_of(service: ResolutionService, complaint_ids: list[str]) -> None:
        for start in range(0, len(complaint_ids), 3):
            await service.open_cases(routed=[make_routed(complaint_id=cid, team="team-a", assignee=f"emp-{n % 2}")
                                             for n, cid in enumerate(complaint_ids[start:start + 3])])
        for cid in complaint_ids[::3]:
            await service.hear_customer(events=[ComplaintWithdrawn(complaint_id=cid, time=clock())])

    await asyncio.gather(*(casework_of(service, cids) for service, cids in zip(instances, ids, strict=True)))

    assert await _counted(db) == await _recount(db) == {("team-a", None): 40, ("team-a", "emp-0"): 20,
                                                        ("team-a", "emp-1"): 20}
    assert await _last_announced(db) == await _counted(db)
    assert await _gauge(db) == await MongoCaseStore(db).open_counts()
    await client.drop_database(db.name)


async def test_a_store_the_previous_version_wrote_is_counted_at_start_once(client: AsyncMongoClient) -> None:
    db, clock = await _fresh(client), FixedClock(MONDAY_9AM + timedelta(days=1))
    cases = [open_case_in(complaint_id="c-old-kettle-001", team="team-a", assignee="emp-1"),
             open_case_in(complaint_id="c-old-kettle-002", team="team-a", assignee=None),
             open_case_in(CaseState.CLOSED, complaint_id="c-old-kettle-003", team="team-a", assignee="emp-1"),
             open_case_in(CaseState.INVESTIGATING, complaint_id="c-old-kettle-004", team="team-b", assignee="emp-2")]
    # What it left: cases with workload marks and the indexes it counted with, counts gone stale.
    await db["cases"].insert_many([{"_id": c.complaint_id, **case_document(c, next_alert_at=None),
                                    "workload_marks": [{"team": c.team, "assignee": c.assignee, "mark": "m-1"}],
                                    "workload_pending": True} for c in cases])
    await db["cases"].create_index([("workload_pending", ASCENDING)], name="workload_pending")
    await db["cases"].create_index([("team", ASCENDING), ("assignee", ASCENDING), ("is_open", ASCENDING)],
                                   name="open_by_owner")
    await db["workloads"].insert_many([{"_id": "team-a/*", "team": "team-a", "assignee": None, "open_cases": 7},
                                       {"_id": "team-c/emp-9", "team": "team-c", "assignee": "emp-9", "open_cases": 2}])
    service = _service(db, clock)
    await MongoCaseStore(db).ensure_indexes()

    await count_workloads_at_start(service, db[LEASES_COLLECTION], ttl_seconds=3)

    assert await _counted(db) == {("team-a", None): 2, ("team-a", "emp-1"): 1, ("team-b", None): 1,
                                  ("team-b", "emp-2"): 1}
    assert (await db["workloads"].find_one({"_id": "team-c/emp-9"}))["open_cases"] == 0
    assert await _last_announced(db) == {("team-a", None): 2, ("team-a", "emp-1"): 1, ("team-b", None): 1,
                                         ("team-b", "emp-2"): 1, ("team-c", "emp-9"): 0}
    assert not {"workload_pending", "open_by_owner"} & set(await db["cases"].index_information())
    assert await _gauge(db) == await MongoCaseStore(db).open_counts() and sum((await _gauge(db)).values()) == 3

    await service.hear_customer(events=[ComplaintWithdrawn(complaint_id="c-old-kettle-001", time=clock())])
    waiting = sum(len(d.get("_outbox", [])) for d in await db["workloads"].find().to_list())
    await count_workloads_at_start(service, db[LEASES_COLLECTION], ttl_seconds=3)

    assert await _counted(db) == await _recount(db) == {("team-a", None): 1, ("team-b", None): 1,
                                                        ("team-b", "emp-2"): 1}
    assert sum(len(d.get("_outbox", [])) for d in await db["workloads"].find().to_list()) == waiting
    await client.drop_database(db.name)


async def test_a_store_counted_before_the_gauge_had_counters_gets_them_at_start(client: AsyncMongoClient) -> None:
    db, clock = await _fresh(client), FixedClock(MONDAY_9AM)
    service = _service(db, clock)
    await count_workloads_at_start(service, db[LEASES_COLLECTION], ttl_seconds=3)
    await service.open_cases(routed=[make_routed(complaint_id=f"c-gauge-kettle-{n}", team="team-a")
                                     for n in range(3)])
    await db.drop_collection(OPEN_CASE_COUNTS)  # as the previous version left it: workloads counted, no gauge
    announcements = sum(len(d.get("_outbox", [])) for d in await db["workloads"].find().to_list())

    await count_workloads_at_start(service, db[LEASES_COLLECTION], ttl_seconds=3)

    assert await _gauge(db) == await MongoCaseStore(db).open_counts() and sum((await _gauge(db)).values()) == 3
    assert sum(len(d.get("_outbox", [])) for d in await db["workloads"].find().to_list()) == announcements, \
        "the workloads were counted already: not rebuilt, nothing announced again"
    await client.drop_database(db.name)
