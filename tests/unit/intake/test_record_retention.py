"""The end of a complaint record's retention: a complaint closed (not reopened) longer ago than the record retention
is announced once (`ComplaintRecordExpired`, through the outbox), and once that is published everything intake keeps
about it is deleted; the customer's keys go with their last complaint; nothing else is touched."""

import asyncio
from datetime import datetime, timedelta

import pytest
from complaint_contracts import ComplaintRecordExpired, ComplaintReopened, ComplaintRouted
from intake.config import IntakeSettings
from intake.domain.retention import RECORD_RETENTION
from intake.entrypoints.retention_timer import run_retention
from intake.usecases.retention import RecordPass, RecordRetentionService
from pydantic import ValidationError

from .fake_records import FakeRecordStore
from .test_erasure import Office
from .test_retention import closed, customer
from .test_service import NOW

DUE = NOW + RECORD_RETENTION + timedelta(days=1)
"""A day after the record retention of a complaint closed at NOW ended."""


class Archive(Office):
    def __init__(self, batch_size: int = 500) -> None:
        super().__init__()
        self.records = FakeRecordStore(self.store, self.privacy)
        self.retention = RecordRetentionService(store=self.records, keys=self.keys, clock=self.clock,
                                                notify=self.notify, metrics=self.customers.metrics,
                                                retention=RECORD_RETENTION, batch_size=batch_size)

    async def filed(self, name: str, *events):
        receipt = (await self.file(customer(name))).receipt
        await self.progress(receipt, *events)
        return receipt

    def subject(self, receipt) -> str:
        return self.store.complaints[receipt.complaint_id].complaint.subject.id


def reopened(at: datetime) -> ComplaintReopened:
    return ComplaintReopened(complaint_id="c-0000000000000000", reason="new facts", by="emp-1", time=at)


async def test_an_expired_record_is_announced_once_then_deleted_with_everything_kept_about_it() -> None:
    archive = Archive(batch_size=1)
    gone = await archive.filed("Bob", closed(NOW))
    [attachment_id] = [a for a, f in archive.store.attachments.items() if f.complaint_id == gone.complaint_id]
    await archive.customers.attachment(tracking_number=gone.tracking_number, access_code=gone.access_code,
                                       client="198.51.100.7", attachment_id=attachment_id)
    same_customer_open = await archive.filed("Ala")
    same_customer_closed = await archive.filed("Ala", closed(NOW))
    reopened_later = await archive.filed("Cid", closed(NOW), reopened(NOW + timedelta(days=1)))
    recent = await archive.filed("Dan", closed(NOW + timedelta(days=2)))
    bob, ala = archive.subject(gone), archive.subject(same_customer_open)
    archive.clock.now = DUE
    notified = archive.notified

    # Two passes before the relay published: announced once, nothing deleted before the announcement is out.
    assert await archive.retention.expire() == RecordPass(announced=2, deleted=0, keys_destroyed=0)
    assert await archive.retention.expire() == RecordPass(announced=0, deleted=0, keys_destroyed=0)
    assert archive.notified == notified + 1
    for receipt in (gone, same_customer_closed):
        [event] = [e for e in archive.store.complaints[receipt.complaint_id].outbox
                   if isinstance(e, ComplaintRecordExpired)]
        assert (event.closed_at, event.retention_days, event.expired_at) == (NOW, 2191, DUE)

    archive.records.publish()
    assert await archive.retention.expire() == RecordPass(announced=0, deleted=2, keys_destroyed=1)

    assert sorted(e.complaint_id for e in archive.records.published) == sorted(
        [gone.complaint_id, same_customer_closed.complaint_id])
    assert sorted(archive.store.complaints) == sorted(
        r.complaint_id for r in (same_customer_open, reopened_later, recent))
    assert [a.complaint_id for a in archive.store.attachments.values()].count(gone.complaint_id) == 0
    assert archive.store.downloads == []
    assert bob not in archive.keys.subjects and ala in archive.keys.subjects  # Ala still has a complaint
    assert archive.count("complaints_intake_records_deleted_total") == 2
    page = await archive.page(same_customer_open)
    assert page.complaint is not None and page.complaint.description != "[erased]"

    assert await archive.retention.expire() == RecordPass(announced=0, deleted=0, keys_destroyed=0)
    archive.clock.now = DUE + timedelta(days=2)
    assert (await archive.retention.expire()).announced == 1  # Dan's turn


async def test_a_customer_erased_before_loses_the_record_and_the_audit_no_longer_names_it() -> None:
    archive = Archive()
    receipt = await archive.filed("Eve", closed(NOW))
    erasure = await archive.erase(email="eve@example.org")
    archive.clock.now = DUE

    await archive.retention.expire()
    archive.records.publish()
    assert await archive.retention.expire() == RecordPass(announced=0, deleted=1, keys_destroyed=0)

    assert receipt.complaint_id not in archive.store.complaints
    audit = await archive.erasure.record(erasure.erasure_id)
    assert (audit.complaint_ids, audit.reason, audit.keys_destroyed) == ([], "request", 1)


async def test_a_customers_keys_stay_until_their_last_complaint_is_deleted() -> None:
    archive = Archive(batch_size=1)
    first = await archive.filed("Ola", closed(NOW))
    second = await archive.filed("Ola", closed(NOW + timedelta(days=10)))
    ola = archive.subject(first)
    for now, destroyed in ((DUE, 0), (DUE + timedelta(days=10), 1)):
        archive.clock.now = now
        await archive.retention.expire()
        archive.records.publish()
        assert await archive.retention.expire() == RecordPass(announced=0, deleted=1, keys_destroyed=destroyed)
        assert (ola in archive.keys.subjects) == (destroyed == 0)
    assert first.complaint_id not in archive.store.complaints and second.complaint_id not in archive.store.complaints


async def test_a_late_event_about_a_deleted_record_leaves_no_trace_while_a_recent_unknown_one_is_parked() -> None:
    archive = Archive()
    archive.clock.now = DUE
    old = ComplaintRouted(complaint_id="c-00000000000000aa", department="customer_support", team="support-1",
                          rules_version="1", kind="complaint", category="billing", priority="medium", regime="none",
                          time=NOW)
    new = old.model_copy(update={"complaint_id": "c-00000000000000bb", "time": DUE - timedelta(days=1)})

    await archive.customers.follow(events=[old, new])

    assert [c for c, _, _ in archive.store.unmatched.values()] == ["c-00000000000000bb"]


def test_the_record_is_kept_at_least_as_long_as_the_personal_data() -> None:
    settings = {"kafka_bootstrap": "127.0.0.1:9", "mongo_url": "mongodb://127.0.0.1:9"}
    assert IntakeSettings(**settings).record_retention() == RECORD_RETENTION
    assert IntakeSettings(**settings, personal_data_retention_days=30, record_retention_days=30).record_retention_days
    with pytest.raises(ValidationError, match="INTAKE_RECORD_RETENTION_DAYS .1094. must be at least "
                                              "INTAKE_PERSONAL_DATA_RETENTION_DAYS .1095."):
        IntakeSettings(**settings, record_retention_days=1094)


async def test_the_timer_runs_the_record_pass_even_when_the_personal_data_pass_fails() -> None:
    ran = asyncio.Event()

    class Failing:
        async def expire(self) -> int:
            raise RuntimeError("store away")

    class Records:
        async def expire(self) -> RecordPass:
            ran.set()
            return RecordPass(0, 0, 0)

    timer = asyncio.create_task(run_retention(Failing(), Records(), interval_seconds=3600))  # type: ignore[arg-type]
    await asyncio.wait_for(ran.wait(), 1)
    timer.cancel()
    with pytest.raises(asyncio.CancelledError):
        await timer

