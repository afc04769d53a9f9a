"""Retention on the real store: closures followed from resolution's events; a customer whose complaints all closed
longer ago than the retention period loses their keys, the complaints are marked and announced, the pass audited."""

import asyncio
from datetime import UTC, datetime, timedelta
from functools import partial

from complaint_contracts import ComplaintClosed, ComplaintReopened, PersonalDataErased
from complaints_chassis.personal_data.wiring import KEYS_COLLECTION
from intake.adapters.privacy_store import MongoPrivacyStore
from intake.entrypoints.retention_timer import run_retention
from intake.usecases.retention import RetentionService

from tests.support.kafka import eventually

from .conftest import Intake
from .support import file
from .support_sealing import marked_filing, published
from .test_status_and_actions import publish


def _closed(complaint_id: str, at: datetime) -> ComplaintClosed:
    return ComplaintClosed(complaint_id=complaint_id, reason="resolved", by="emp-1", time=at)


async def _followed(intake: Intake, complaint_id: str, field: str) -> None:
    await eventually(lambda: intake.store.complaints.count_documents({"_id": complaint_id, field: {"$ne": None}}))


async def test_only_fully_expired_customers_are_erased_and_the_timer_is_leased(intake: Intake) -> None:
    retention = intake.settings.personal_data_retention()
    # Closed longer ago than the retention period, so a pass at the real time finds them and nothing other tests
    # closed just now.
    long_ago = datetime.now(UTC) - retention - timedelta(days=2)
    async with intake.client() as client:
        expired = await file(client, marked_filing())
        reopened = await file(client, marked_filing())
        still_open = await file(client, marked_filing())
    await publish(intake, _closed(expired["complaint_id"], long_ago), _closed(reopened["complaint_id"], long_ago),
                  ComplaintReopened(complaint_id=reopened["complaint_id"], reason="new facts", by="emp-1",
                                    time=long_ago + timedelta(hours=1)))
    await _followed(intake, expired["complaint_id"], "closed_at")
    await _followed(intake, reopened["complaint_id"], "reopened_at")
    documents = {d["_id"]: d async for d in intake.store.complaints.find(
        {"_id": {"$in": [r["complaint_id"] for r in (expired, reopened, still_open)]}})}

    service = RetentionService(store=MongoPrivacyStore(intake.app.state.runtime.db), erasure=intake.deps.erasure,
                               clock=intake.app.state.runtime.clock, retention=retention, batch_size=2)
    # Two passes at once (a lease normally prevents that) still end in one consistent state.
    counts = await asyncio.gather(service.expire(), service.expire())

    assert max(counts) == 1
    keys = intake.app.state.runtime.db[KEYS_COLLECTION]
    assert await keys.count_documents({"_id": documents[expired["complaint_id"]]["subject"]}) == 0
    assert await keys.count_documents({"_id": {"$in": [documents[r["complaint_id"]]["subject"]
                                                        for r in (reopened, still_open)]}}) == 2
    erased = await intake.store.complaints.find_one({"_id": expired["complaint_id"]})
    assert erased["erased"]["reason"] == "retention"
    event = await intake.decoded(await published(intake, expired["complaint_id"],
                                                 "complaints.intake.PersonalDataErased"))
    assert isinstance(event, PersonalDataErased) and event.reason == "retention"
    audit = await intake.app.state.runtime.db["erasures"].find_one({"_id": event.erasure_id})
    assert (audit["basis"], audit["status"], audit["requested_by"]) == ("retention", "completed", None)
    assert await service.expire() == 0

    jobs = intake.app.state.runtime.exclusive
    assert [job.func for job in jobs if isinstance(job, partial)] == [run_retention]
