"""Clearing what the outbox relay published, on a real store: queues read with the same size are emptied together,
and a queue that gained an entry since it was read keeps that entry (and its flag)."""

import uuid

import pytest
from complaints_chassis.bulk import take_entries
from pymongo import AsyncMongoClient

from tests.support.backends import Backend


@pytest.fixture
async def collection(backend: Backend):
    client = AsyncMongoClient(backend.mongo_url)
    yield client[f"take_{uuid.uuid4().hex[:8]}"]["queues"]
    await client.close()


def _entries(count: int) -> list[dict[str, str]]:
    return [{"id": str(uuid.uuid4())} for _ in range(count)]


async def test_published_entries_leave_every_queue_and_a_later_one_stays(collection) -> None:
    queues = {"one-a": _entries(1), "one-b": _entries(1), "two": _entries(2), "gained": _entries(1)}
    await collection.insert_many([{"_id": doc_id, "q": entries, "pending": True} for doc_id, entries in queues.items()])
    taken = {doc_id: list(entries) for doc_id, entries in queues.items()}  # what the relay read and published
    later = _entries(1)
    await collection.update_one({"_id": "gained"}, {"$push": {"q": {"$each": later}}})  # queued meanwhile

    await take_entries(collection, taken, array="q", flag="pending", key="id")

    stored = {doc["_id"]: doc async for doc in collection.find()}
    assert {doc_id: (doc["q"], doc["pending"]) for doc_id, doc in stored.items()} == {
        "one-a": ([], False), "one-b": ([], False), "two": ([], False), "gained": (later, True)}


async def test_an_entry_id_taken_from_another_queue_empties_no_queue_but_its_own(collection) -> None:
    mine, other = _entries(1), _entries(1)
    await collection.insert_many([{"_id": "mine", "q": mine, "pending": True},
                                  {"_id": "other", "q": other, "pending": True}])

    await take_entries(collection, {"mine": mine}, array="q", flag="pending", key="id")

    stored = {doc["_id"]: doc async for doc in collection.find()}
    assert (stored["mine"]["q"], stored["other"]["q"], stored["other"]["pending"]) == ([], other, True)
