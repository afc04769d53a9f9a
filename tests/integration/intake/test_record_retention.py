"""Record retention on the real store and broker: a complaint closed longer ago than the record retention is announced
once (`ComplaintRecordExpired`, whatever passes run and even when a pass stopped between the announcement and the
deletion), then no collection of intake holds anything naming it; a recent or reopened complaint, and another
complaint of the same customer, stay as they were."""

import asyncio
from datetime import UTC, datetime, timedelta

from aiokafka import AIOKafkaConsumer, TopicPartition
from complaint_contracts import ComplaintClosed, ComplaintReopened, topics
from complaints_chassis.personal_data.wiring import KEYS_COLLECTION
from complaints_chassis.reading_from_start import seek_to_start
from intake.adapters.record_store import MongoRecordStore
from intake.domain.retention import Closure, record_expired
from intake.usecases.retention import RecordPass, RecordRetentionService

from tests.support.kafka import eventually
from tests.support.staff import bearer, staff_token

from .conftest import Intake
from .support import RECEIPT_PDF, attachment, file, status
from .support_sealing import marked_filing, readable
from .test_status_and_actions import publish

EXPIRED = "complaints.intake.ComplaintRecordExpired"


def _closed(complaint_id: str, at: datetime) -> ComplaintClosed:
    return ComplaintClosed(complaint_id=complaint_id, reason="resolved", by="emp-1", time=at)


async def _announcements(intake: Intake, complaint_ids: set[str]) -> list[str]:
    """The complaint ids of every `ComplaintRecordExpired` on intake's topic about these complaints, start to end."""
    consumer = AIOKafkaConsumer(bootstrap_servers=intake.backend.kafka_bootstrap, enable_auto_commit=False,
                                auto_offset_reset="earliest")
    await consumer.start()
    try:
        await consumer._client.force_metadata_update()
        partitions = [TopicPartition(topics.INTAKE, p) for p in sorted(consumer.partitions_for_topic(topics.INTAKE))]
        consumer.assign(partitions)
        seek_to_start(consumer, partitions)
        ends, found = await consumer.end_offsets(partitions), []
        while [p for p in partitions if await consumer.position(p) < ends[p]]:
            for records in (await consumer.getmany(timeout_ms=500)).values():
                found += [r.key.decode() for r in records if r.key and r.key.decode() in complaint_ids
                          and dict(r.headers).get("ce_type") == EXPIRED.encode()]
        return found
    finally:
        await consumer.stop()


async def _mentioning(intake: Intake, complaint_ids: set[str]) -> list[str]:
    """The collections with a document that names any of these complaints."""
    db = intake.app.state.runtime.db
    names = sorted(await db.list_collection_names())
    return [name for name in names async for d in db[name].find()
            if any(c in readable(d) for c in complaint_ids)]


async def test_an_expired_record_is_announced_once_and_deleted_everywhere_and_nothing_else(intake: Intake) -> None:
    retention = intake.settings.record_retention()
    long_ago = datetime.now(UTC) - retention - timedelta(days=2)
    shared = marked_filing()
    evidence = {"attachments": [attachment("receipt.pdf", "application/pdf", RECEIPT_PDF)]}
    async with intake.client() as client:
        expired = await file(client, shared | evidence)
        same_customer = await file(client, marked_filing() | {"customer": shared["customer"]})
        alone, erased_before = await file(client, marked_filing()), await file(client, marked_filing())
        reopened, recent = await file(client, marked_filing()), await file(client, marked_filing())
        [listed] = (await status(client, expired))["attachments"]
        download = await client.get(f"{expired['status_url']}/attachments/{listed['attachment_id']}",
                                    headers={"X-Access-Code": expired["access_code"]})
        assert download.status_code == 200
    async with intake.client(**bearer(staff_token(sub="emp-dpo-1", role="privacy"))) as office:
        erasure = await office.post("/v1/erasure-requests", json={"tracking_number": erased_before["tracking_number"]})
        assert erasure.status_code == 201, erasure.text
    gone = {r["complaint_id"] for r in (expired, alone, erased_before)}
    await publish(intake, *(_closed(c, long_ago) for c in gone), _closed(reopened["complaint_id"], long_ago),
                  ComplaintReopened(complaint_id=reopened["complaint_id"], reason="new facts", by="emp-1",
                                    time=long_ago + timedelta(days=1)),
                  _closed(recent["complaint_id"], datetime.now(UTC) - timedelta(days=10)))
    complaints = intake.store.complaints

    async def closures_followed() -> bool:
        return await complaints.count_documents({"_id": {"$in": sorted(gone)}, "closed_at": {"$ne": None}}) == 3

    await eventually(closures_followed)
    subjects = {d["_id"]: d["subject"] async for d in complaints.find({"_id": {"$in": sorted(gone)}})}

    db, runtime = intake.app.state.runtime.db, intake.app.state.runtime
    store = MongoRecordStore(db)
    service = RecordRetentionService(store=store, keys=intake.keys, clock=runtime.clock, notify=runtime.relay.notify,
                                     metrics=intake.deps.metrics, retention=retention, batch_size=2)
    # A pass that stopped after announcing one of them, before any deletion; then two passes at once.
    closure = Closure(expired["complaint_id"], subjects[expired["complaint_id"]], long_ago, None)
    await store.mark_expired([record_expired(closure, retention=retention, at=runtime.clock())])
    await asyncio.gather(service.expire(), service.expire())

    async def all_deleted() -> bool:
        await service.expire()
        return await complaints.count_documents({"_id": {"$in": sorted(gone)}}) == 0

    await eventually(all_deleted, interval=0.3)
    assert await _mentioning(intake, gone) == []
    assert sorted(await _announcements(intake, gone)) == sorted(gone)  # each once
    keys = db[KEYS_COLLECTION]
    assert await keys.count_documents({"_id": subjects[alone["complaint_id"]]}) == 0
    assert await keys.count_documents({"_id": subjects[expired["complaint_id"]]}) == 1  # same_customer's
    audit = await db["erasures"].find_one({"_id": erasure.json()["erasure_id"]})
    assert (audit["complaint_ids"], audit["status"], audit["keys_destroyed"]) == ([], "completed", 1)

    kept = [same_customer, reopened, recent]
    assert await complaints.count_documents({"_id": {"$in": [r["complaint_id"] for r in kept]},
                                             "record_expired_at": {"$exists": True}}) == 0
    async with intake.client() as client:
        pages = [await status(client, receipt) for receipt in kept]
    assert [p["tracking_number"] for p in pages] == [r["tracking_number"] for r in kept]
    assert pages[0]["complaint"]["description"].startswith("It never came.")  # the customer's key still opens it
    assert await service.expire() == RecordPass(announced=0, deleted=0, keys_destroyed=0)
