"""Insert-only changes whose records go out straight after the write: the committed input offset is the checkpoint.

A change that a consumed record causes is inserted (one document, keyed so that the same input makes the same
document) together with the records it causes, under `CAUSED`; the handler publishes those records right after the
insert and returns, and only then is the input offset committed. Nothing is cleared afterwards: no pending flag, no
index on it, no relay polling, no second write. If the process dies between insert and publish, the input is
delivered again, the insert meets the duplicate key, and the handler publishes the stored records again (their event
ids are the same, so consumers drop what they already have).

Changes that no consumed record causes (HTTP requests, staff actions, timers) keep the transactional outbox
(`outbox.py`): nothing would deliver them again.
"""

from collections.abc import Iterable
from typing import Any, Protocol

import structlog
from complaint_contracts import Event
from complaint_contracts.kafka_binding import PersonalData
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import OperationFailure

from .among import find_among
from .metrics import ChassisMetrics
from .outbox import OutboxRelay, entry_record, event_entry, record_entry
from .publishing import OutgoingRecord, RecordSender

log = structlog.get_logger(__name__)

CAUSED = "_caused"
"""Encoded records the document's change caused, kept to be published again when its input is redelivered."""
LEGACY_OUTBOX_INDEX = "outbox_pending"
INDEX_NOT_FOUND = 27


def caused_entries(records: Iterable[tuple[str, OutgoingRecord]]) -> list[dict[str, Any]]:
    """What a document keeps under `CAUSED`: each record with a stable entry id (the event id, or one derived)."""
    return [record_entry(entry_id, out) for entry_id, out in records]


def caused_events(events: Iterable[Event], personal: PersonalData | None = None) -> list[dict[str, Any]]:
    """What a document keeps under `CAUSED` for events, each under its id; `personal` seals their personal fields."""
    return [event_entry(event, personal) for event in events]


def caused_records(documents: Iterable[dict[str, Any]]) -> list[OutgoingRecord]:
    """The records the documents caused, in the order they were stored, ready to send again."""
    return [entry_record(entry) for doc in documents for entry in doc.get(CAUSED, [])]


async def publish_left_in_outbox(collection: AsyncCollection, sender: RecordSender, metrics: ChassisMetrics) -> int:
    """Start-up recovery for a collection that used to carry an outbox: publish whatever an earlier version left
    pending (any process, through the relay's own round), then drop the pending flag's index, which inserts no
    longer need.

    Returns how many records were published. A collection that never had the outbox costs one index listing.
    """
    if LEGACY_OUTBOX_INDEX not in await collection.index_information():
        return 0
    relay = OutboxRelay([collection], sender, metrics, orphan_after_seconds=0)  # everything stored before now
    published = 0
    while drained := await relay.drain_once(orphans=True):
        published += drained
    try:
        await collection.drop_index(LEGACY_OUTBOX_INDEX)
    except OperationFailure as exc:  # IndexNotFound: another instance starting at the same time dropped it first
        if exc.code != INDEX_NOT_FOUND:
            raise
    if published:
        log.info("published what an earlier version left in the outbox", collection=collection.name,
                 records=published)
    return published


class CausedRecords(Protocol):
    """What use cases see of `CausedPublisher` (unit tests fake it)."""

    async def publish(self, ids: Iterable[Any]) -> int: ...


class CausedPublisher:
    """Publishes what the given documents of a collection caused (read back by `_id`, in parts: see among.py): the
    handler's last step after an insert-only write, for the documents it inserted and for those it found stored
    already (a redelivery: their records may never have gone out)."""

    def __init__(self, collection: AsyncCollection, sender: RecordSender) -> None:
        self._collection = collection
        self._sender = sender

    async def publish(self, ids: Iterable[Any]) -> int:
        """Send the records the documents with these ids caused; return how many."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return 0
        docs = await find_among(self._collection, "_id", wanted, query={CAUSED: {"$exists": True}},
                                projection={CAUSED: 1})
        records = caused_records(docs)
        if records:
            await self._sender.send(records)
        return len(records)
