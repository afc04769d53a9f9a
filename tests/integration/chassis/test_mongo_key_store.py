"""Intake's MongoDB key store on a real store: one key per subject under races, rotation, rewrapping, destruction."""

import asyncio
import base64
import os
import uuid

import pytest
from bson import json_util
from complaints_chassis.personal_data import new_data_key, open_text, seal_text
from complaints_chassis.personal_data.mongo_keys import KeyEncryptionKeys, MongoKeyStore
from pymongo import AsyncMongoClient

from tests.support.backends import Backend


def _kek(name: str) -> str:
    return f"{name}:{base64.b64encode(os.urandom(32)).decode()}"


@pytest.fixture
async def collection(backend: Backend):
    client = AsyncMongoClient(backend.mongo_url)
    yield client[f"keys_{uuid.uuid4().hex[:8]}"]["data_keys"]
    await client.close()


async def test_racing_instances_share_one_key_and_destruction_makes_values_unreadable(collection) -> None:
    keks = KeyEncryptionKeys.parse([_kek("k1")])
    first, second = MongoKeyStore(collection, keks), MongoKeyStore(collection, keks)
    await first.ensure_indexes()
    a, b = await asyncio.gather(first.key_for("subject-1"), second.key_for("subject-1"))
    assert a.id == b.id and a.material == b.material
    sealed = seal_text("Alesia Kuzmich", a)
    raw = json_util.dumps([d async for d in collection.find()])
    assert a.material.hex() not in raw and base64.b64encode(a.material).decode() not in raw  # only wrapped

    rotated = await first.rotate("subject-1")
    assert (await first.key_for("subject-1")).id == rotated.id
    found = await second.get_many([a.id, rotated.id, "unknown-key-id"])
    assert open_text(sealed, found[a.id]) == "Alesia Kuzmich" and set(found) == {a.id, rotated.id}

    other = await first.key_for("subject-2")
    assert sorted(await first.destroy("subject-1")) == sorted([a.id, rotated.id])
    assert await second.get_many([a.id, rotated.id, other.id]) == {other.id: other}
    assert await first.destroy("subject-1") == []
    fresh = await first.key_for("subject-1")
    assert fresh.id not in (a.id, rotated.id)


async def test_rewrapping_moves_every_key_under_the_new_key_encryption_key(collection) -> None:
    old = _kek("k1")
    store = MongoKeyStore(collection, KeyEncryptionKeys.parse([old]))
    key = await store.key_for("subject-9")
    new = _kek("k2")
    both = MongoKeyStore(collection, KeyEncryptionKeys.parse([new, old]))
    assert await both.rewrap() == 1
    only_new = MongoKeyStore(collection, KeyEncryptionKeys.parse([new]))
    assert (await only_new.get_many([key.id]))[key.id].material == key.material
    assert {e["kek"] async for d in collection.find() for e in d["keys"]} == {"k2"}


def test_key_encryption_keys_are_checked_when_read() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        KeyEncryptionKeys.parse(["k1:" + base64.b64encode(b"short").decode()])
    with pytest.raises(ValueError, match="id:base64"):
        KeyEncryptionKeys.parse(["no-separator"])
    assert new_data_key().id != new_data_key().id


async def test_keys_of_a_batch_are_made_once_per_subject_and_racing_instances_agree(collection) -> None:
    keks = KeyEncryptionKeys.parse([_kek("k1")])
    first, second = MongoKeyStore(collection, keks), MongoKeyStore(collection, keks)
    await first.ensure_indexes()
    earlier = await first.key_for("subject-1")
    subjects = [f"subject-{n}" for n in range(1, 30)]
    mine, theirs = await asyncio.gather(first.keys_for(subjects + subjects[:3]), second.keys_for(reversed(subjects)))
    assert set(mine) == set(theirs) == set(subjects)
    assert all(mine[s].id == theirs[s].id and mine[s].material == theirs[s].material for s in subjects)
    assert mine["subject-1"].id == earlier.id
    assert await collection.count_documents({}) == len(subjects)
    assert (await second.get_many([mine["subject-7"].id]))[mine["subject-7"].id].material == mine["subject-7"].material


class _RotatedBeforeTheWrite:
    """The key store's collection, where another instance rotates the subject's key between rewrap's read of a
    document and its write (once)."""

    def __init__(self, collection, rotating: MongoKeyStore) -> None:
        self._collection = collection
        self._rotating = rotating
        self.rotated: list[str] = []

    def __getattr__(self, name: str):
        return getattr(self._collection, name)

    async def update_one(self, query, update, **kwargs):
        if not self.rotated:
            self.rotated.append((await self._rotating.rotate(query["_id"])).id)
        return await self._collection.update_one(query, update, **kwargs)


async def test_a_key_rotated_while_rewrapping_is_kept_and_rewrapped_too(collection) -> None:
    old, new = _kek("k1"), _kek("k2")
    first = await MongoKeyStore(collection, KeyEncryptionKeys.parse([old])).key_for("subject-5")
    racing = _RotatedBeforeTheWrite(collection, MongoKeyStore(collection, KeyEncryptionKeys.parse([old])))

    assert await MongoKeyStore(racing, KeyEncryptionKeys.parse([new, old])).rewrap() == 1

    [document] = await collection.find().to_list()
    assert [e["id"] for e in document["keys"]] == [first.id, *racing.rotated]
    assert document["current"] == racing.rotated[0]
    assert {e["kek"] for e in document["keys"]} == {"k2"}
    only_new = MongoKeyStore(collection, KeyEncryptionKeys.parse([new]))
    assert set(await only_new.get_many([first.id, *racing.rotated])) == {first.id, *racing.rotated}


async def test_a_subject_destroyed_while_rewrapping_stays_destroyed(collection) -> None:
    old, new = _kek("k1"), _kek("k2")
    await MongoKeyStore(collection, KeyEncryptionKeys.parse([old])).key_for("subject-6")

    class Destroyed(_RotatedBeforeTheWrite):
        async def update_one(self, query, update, **kwargs):
            await self._rotating.destroy(query["_id"])
            return await self._collection.update_one(query, update, **kwargs)

    racing = Destroyed(collection, MongoKeyStore(collection, KeyEncryptionKeys.parse([old])))
    assert await MongoKeyStore(racing, KeyEncryptionKeys.parse([new, old])).rewrap() == 0
    assert await collection.count_documents({}) == 0
