"""A complaint record at the end of its retention, through the consumer's handler: its facts and deliveries are
deleted in one call per batch, another complaint keeps its own, and a second delivery of the event is harmless."""

import uuid
from datetime import UTC, datetime, timedelta

from complaint_contracts import ComplaintRecordExpired
from notification.deps import NotificationDeps
from notification.entrypoints import handlers

from tests.unit.notification.builders import COMPLAINT_ID

OTHER_ID = "c-still-kept-0001"
CLOSED_AT = datetime(2020, 1, 15, 12, 0, tzinfo=UTC)


def expired(complaint_id: str = COMPLAINT_ID) -> ComplaintRecordExpired:
    return ComplaintRecordExpired(complaint_id=complaint_id, closed_at=CLOSED_AT, retention_days=2191,
                                  expired_at=CLOSED_AT + timedelta(days=2192))


def of_other(event):
    return event.model_copy(update={"complaint_id": OTHER_ID, "id": str(uuid.uuid4())})


async def test_the_expired_complaint_loses_its_facts_and_deliveries_and_the_other_keeps_them(
        service, store, received_event, routed_event):
    for event in (received_event(), routed_event(), of_other(received_event()), of_other(routed_event())):
        await service.deliver(events=[event])
    kept = {cid: [r.notification_id for r in await store.deliveries_of([cid])] for cid in (COMPLAINT_ID, OTHER_ID)}
    assert kept[COMPLAINT_ID] and kept[OTHER_ID], "both complaints must have been acknowledged for this to mean much"
    other_facts = store.facts[OTHER_ID]
    deps = NotificationDeps(service=service, notifiers={})

    await handlers.on_complaint_record_expired([expired(), expired()], deps)
    await handlers.on_complaint_record_expired([expired()], deps)  # redelivered: nothing left, nothing fails

    assert store.deletions == [[COMPLAINT_ID], [COMPLAINT_ID]]
    assert await store.facts_of([COMPLAINT_ID]) == {} and await store.deliveries_of([COMPLAINT_ID]) == []
    assert store.facts[OTHER_ID] == other_facts
    assert [r.notification_id for r in await store.deliveries_of([OTHER_ID])] == kept[OTHER_ID]

