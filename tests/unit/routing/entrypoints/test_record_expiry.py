"""A complaint record at the end of its retention reaches routing's use case through the consumer's handler: what
routing keeps about it goes, in one deletion per batch; other complaints keep theirs."""

from datetime import UTC, datetime, timedelta

from complaint_contracts.intake import ComplaintRecordExpired
from prometheus_client import CollectorRegistry
from routing.deps import RoutingDeps
from routing.entrypoints import handlers

from tests.unit.routing.fakes import FakeRoutingStore, FakeRules, make_service

from .personal_data_fake import FakePersonalData, make_privacy

CLOSED_AT = datetime(2020, 1, 15, 12, 0, tzinfo=UTC)


def expired(complaint_id: str) -> ComplaintRecordExpired:
    return ComplaintRecordExpired(complaint_id=complaint_id, closed_at=CLOSED_AT, retention_days=2191,
                                  expired_at=CLOSED_AT + timedelta(days=2192))


def kept(complaint_id: str) -> dict[str, dict[str, object]]:
    return {"decision": {"category": "delivery", "team": "logistics"},
            "assessed_text": {"text": f"Parcel of {complaint_id} never came."}}


async def test_an_expired_record_is_deleted_once_per_batch_and_others_stay(book):
    store = FakePersonalData(kept={cid: kept(cid) for cid in ("c-old-000000001", "c-old-000000002",
                                                               "c-new-000000003")})
    deps = RoutingDeps(service=make_service(store=FakeRoutingStore(), rules=FakeRules(book),
                                            registry=CollectorRegistry()),
                       privacy=make_privacy(store))
    batch = [expired("c-old-000000002"), expired("c-old-000000001"), expired("c-old-000000002")]

    await handlers.on_complaint_record_expired(batch, deps)
    await handlers.on_complaint_record_expired(batch, deps)  # redelivered: nothing left, nothing fails

    assert store.deletions == [["c-old-000000001", "c-old-000000002"]] * 2
    assert await store.records(["c-old-000000001", "c-old-000000002", "c-new-000000003"]) == {
        "c-new-000000003": kept("c-new-000000003")}


def test_the_consumer_takes_expired_records():
    assert handlers.events.handlers[ComplaintRecordExpired] is handlers.on_complaint_record_expired
