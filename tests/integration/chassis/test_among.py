"""Look-ups, updates and deletes of the documents whose field is among many values, on a real store: asked in
parts, they answer what one `$in` query would."""

import uuid

import pytest
from complaints_chassis.among import IDS_PER_QUERY, delete_among, find_among, update_among
from pymongo import AsyncMongoClient

from tests.support.backends import Backend

MANY = IDS_PER_QUERY * 3 + 7
"""More values than three parts hold: the last part is a short one."""


@pytest.fixture
async def collection(backend: Backend):
    client = AsyncMongoClient(backend.mongo_url)
    collection = client[f"among_{uuid.uuid4().hex[:8]}"]["docs"]
    # Every document carries two tags of its own and one shared by all: an array field that matches in many parts.
    await collection.insert_many([{"_id": f"d{i:04d}", "tags": [f"t{i}", f"u{i}", "shared"], "odd": i % 2 == 1}
                                  for i in range(MANY)])
    yield collection
    await client.close()


async def test_every_document_among_many_ids_is_found_once_and_only_those(collection) -> None:
    wanted = [f"d{i:04d}" for i in range(0, MANY, 1) if i != 5] + ["d0001", "missing"]  # a repeat, an unknown id

    found = await find_among(collection, "_id", wanted, projection={"odd": 1})

    assert sorted(doc["_id"] for doc in found) == sorted(set(wanted) - {"missing"})
    assert all(set(doc) == {"_id", "odd"} for doc in found)


async def test_a_document_matching_in_several_parts_is_found_once(collection) -> None:
    tags = [f"t{i}" for i in range(MANY)] + [f"u{i}" for i in range(MANY)]

    found = await find_among(collection, "tags", tags, query={"odd": True})

    assert sorted(doc["_id"] for doc in found) == [f"d{i:04d}" for i in range(1, MANY, 2)]


async def test_no_values_find_nothing(collection) -> None:
    assert await find_among(collection, "_id", []) == []


async def test_updates_and_deletes_reach_every_part_and_count_what_they_touched(collection) -> None:
    ids = [f"d{i:04d}" for i in range(MANY)]

    updated = await update_among(collection, "_id", ids, {"$set": {"seen": True}}, query={"odd": False})
    deleted = await delete_among(collection, "_id", ids[: MANY - 2], query={"odd": True})

    evens, odds = (MANY + 1) // 2, MANY // 2
    assert updated == evens
    assert await collection.count_documents({"seen": True}) == evens
    assert deleted == odds - 1  # the last odd one, d(MANY - 2), was not among those named
    assert await collection.count_documents({"odd": True}) == 1
