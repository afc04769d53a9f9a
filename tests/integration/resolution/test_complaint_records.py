"""What a complaint says, kept on the embedded store: inserted when it comes first, merged with what the customer
wrote when that came first, unchanged by a redelivery; found by its keys and its words either way."""

import uuid
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from pymongo import AsyncMongoClient
from resolution.adapters.complaint_records import MongoComplaintRecords
from resolution.domain.complaint import details_from
from resolution.domain.conversation import ConversationEntry, EntryKind
from resolution.domain.search import SearchKeys

from tests.support.backends import Backend
from tests.unit.resolution.builders import MONDAY_9AM, make_received


@pytest.fixture
async def records(backend: Backend) -> AsyncIterator[MongoComplaintRecords]:
    client: AsyncMongoClient = AsyncMongoClient(backend.mongo_url, tz_aware=True)
    kept = MongoComplaintRecords(client[f"resolution_records_{uuid.uuid4().hex[:8]}"])
    await kept.ensure_indexes()
    yield kept
    await client.close()


def _message(complaint_id: str, text: str) -> ConversationEntry:
    return ConversationEntry(entry_id=f"m-{uuid.uuid4().hex[:8]}", complaint_id=complaint_id,
                             at=MONDAY_9AM + timedelta(minutes=5), kind=EntryKind.CUSTOMER_MESSAGE, by="customer",
                             public=True, text=text)


async def _found_by_words(records: MongoComplaintRecords, *words: str) -> set[str]:
    return (await records.find(keys=SearchKeys(words=words), limit=10)).complaint_ids


async def test_details_come_first_then_a_message_adds_its_words(records: MongoComplaintRecords) -> None:
    details = details_from(make_received(complaint_id="c-first-0001",
                                         description="The courier left the parcel outside."))

    await records.record_details([details])
    await records.add_customer_entries([_message("c-first-0001", "It was soaked by the rain.")])

    assert await records.details("c-first-0001") == details
    assert await _found_by_words(records, "courier") == {"c-first-0001"}
    assert await _found_by_words(records, "soaked") == {"c-first-0001"}


async def test_a_message_before_the_details_keeps_its_words_and_gets_the_details(
        records: MongoComplaintRecords) -> None:
    await records.add_customer_entries([_message("c-late-00001", "Still no word about my refund.")])
    details = details_from(make_received(complaint_id="c-late-00001", email="late@example.org",
                                         description="The refund for my parcel never arrived."))

    await records.record_details([details])

    assert await records.details("c-late-00001") == details
    assert await _found_by_words(records, "still", "refund") == {"c-late-00001"}
    assert await records.same_customer(details=details_from(make_received(complaint_id="c-other-0001",
                                                                          email="late@example.org")),
                                       limit=5) == ["c-late-00001"]


async def test_a_redelivered_receipt_with_new_ones_changes_nothing_twice(records: MongoComplaintRecords) -> None:
    first = details_from(make_received(complaint_id="c-one-000001", description="Broken kettle on arrival."))
    second = details_from(make_received(complaint_id="c-two-000001",
                                        description="Missing charger in the box."))

    await records.record_details([first])
    await records.record_details([first, second])

    assert await records.details_of({"c-one-000001", "c-two-000001"}) == {"c-one-000001": first, "c-two-000001": second}
    doc = await records.complaints.find_one({"_id": "c-one-000001"})
    assert doc is not None and len(doc["words"]) == len(set(doc["words"]))
    assert await _found_by_words(records, "kettle") == {"c-one-000001"}
