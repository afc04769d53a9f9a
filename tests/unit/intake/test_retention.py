"""Retention: a customer whose complaints have all been closed longer than the retention period loses their
personal data (keys destroyed, complaints announced with reason `retention`, audited); anyone with a complaint open,
reopened or closed more recently keeps theirs."""

from datetime import datetime, timedelta

from complaint_contracts import ComplaintClosed, ComplaintReopened
from complaint_contracts.personal_data import ERASED_TEXT
from intake.domain.retention import Closure, expired_subjects
from intake.usecases.retention import RetentionService

from .test_erasure import FILING, Office
from .test_service import NOW

RETENTION = timedelta(days=1095)


def closed(at: datetime) -> ComplaintClosed:
    return ComplaintClosed(complaint_id="c-0000000000000000", reason="resolved", by="emp-1", time=at)


def customer(name: str) -> dict:
    return FILING | {"customer": {"name": name, "email": f"{name.lower()}@example.org"}}


class Keeper(Office):
    def __init__(self, batch_size: int = 500) -> None:
        super().__init__()
        self.retention = RetentionService(store=self.privacy, erasure=self.erasure, clock=self.clock,
                                          retention=RETENTION, batch_size=batch_size)

    async def filed(self, name: str, *events):
        receipt = (await self.file(customer(name))).receipt
        await self.progress(receipt, *events)
        return receipt


async def test_only_customers_whose_complaints_all_closed_long_enough_ago_lose_their_personal_data() -> None:
    keeper = Keeper(batch_size=1)
    gone = [await keeper.filed("Ala", closed(NOW)), await keeper.filed("Ala", closed(NOW + timedelta(days=1)))]
    still_open = [await keeper.filed("Bob", closed(NOW)), await keeper.filed("Bob")]
    reopening = ComplaintReopened(complaint_id="c-0000000000000000", reason="new facts", by="emp-1",
                                  time=NOW + timedelta(days=2))
    reopened = await keeper.filed("Cid", closed(NOW), reopening)
    recent = await keeper.filed("Dan", closed(NOW + timedelta(days=200)))
    keeper.clock.now = NOW + timedelta(days=1) + RETENTION

    assert await keeper.retention.expire() == 2
    assert keeper.privacy.pages >= 4  # a page of one complaint at a time, to the end

    [record] = [r for r in keeper.privacy.erasures.values()]
    assert (record.reason, record.basis, record.requested_by) == ("retention", "retention", None)
    assert record.complaint_ids == sorted(r.complaint_id for r in gone)
    for receipt in gone:
        [event] = keeper.announced(receipt.complaint_id)
        assert event.reason == "retention"
        assert (await keeper.page(receipt)).complaint.description == ERASED_TEXT  # type: ignore[union-attr]
    for receipt in (*still_open, reopened, recent):
        assert keeper.announced(receipt.complaint_id) == []
        assert (await keeper.page(receipt)).complaint.description == FILING["description"]  # type: ignore[union-attr]

    assert await keeper.retention.expire() == 0  # nothing due twice
    keeper.clock.now = NOW + timedelta(days=201) + RETENTION
    assert await keeper.retention.expire() == 1  # Dan's turn


def test_a_subject_expires_only_when_every_complaint_is_closed_by_the_cutoff() -> None:
    cutoff = NOW
    day = timedelta(days=1)
    closures = [Closure("c-1", "s-a", NOW - day, None), Closure("c-2", "s-a", NOW, NOW - 2 * day),
                Closure("c-3", "s-b", NOW - day, None), Closure("c-4", "s-b", None, None),
                Closure("c-5", "s-c", NOW - day, NOW - day), Closure("c-6", "s-d", NOW + day, None)]
    assert expired_subjects(closures, cutoff=cutoff) == {"s-a"}
