"""Data subjects' keys in MongoDB, each wrapped (AES-GCM) under a key-encryption key that never enters the store.

One document per data subject: `{_id: subject, current: key id, keys: [{id, kek, wrapped, created_at}]}`.
Destroying the subject deletes the document: its keys are gone and everything sealed with them unreadable.
Key-encryption keys come from settings (`id:base64`), first = current; `rewrap` moves every key under the current
one, after which older key-encryption keys can be retired.
"""

import base64
import os
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from bson import Binary
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from pymongo import ASCENDING
from pymongo.asynchronous.collection import AsyncCollection

from ..among import find_among
from ..bulk import insert_new
from .envelope import NONCE_BYTES, DataKey, new_data_key

REWRAP_ATTEMPTS = 10
"""Reads of one subject's document `rewrap` makes while its keys keep changing under it (a rotation or a key made
meanwhile changes them once; ten in a row is no race but a fault)."""


class KeyEncryptionKeys:
    """The key-encryption keys by id; the first given is the one new keys are wrapped with."""

    def __init__(self, keys: Sequence[tuple[str, bytes]]) -> None:
        if not keys:
            raise ValueError("at least one key-encryption key is needed")
        for kek_id, material in keys:
            if len(material) != 32:
                raise ValueError(f"key-encryption key {kek_id!r} must be 32 bytes")
        self.current_id = keys[0][0]
        self._keys = dict(keys)

    @classmethod
    def parse(cls, specs: Iterable[str]) -> "KeyEncryptionKeys":
        """From `id:base64` strings (the form settings carry)."""
        parsed = []
        for spec in specs:
            kek_id, _, encoded = spec.partition(":")
            if not kek_id or not encoded:
                raise ValueError("a key-encryption key is written `id:base64-of-32-bytes`")
            parsed.append((kek_id, base64.b64decode(encoded)))
        return cls(parsed)

    def wrap(self, key: DataKey) -> dict[str, Any]:
        nonce = os.urandom(NONCE_BYTES)
        wrapped = AESGCM(self._keys[self.current_id]).encrypt(nonce, key.material, key.id.encode())
        return {"id": key.id, "kek": self.current_id, "wrapped": Binary(nonce + wrapped),
                "created_at": datetime.now(UTC)}

    def unwrap(self, entry: dict[str, Any]) -> DataKey:
        raw = bytes(entry["wrapped"])
        material = AESGCM(self._keys[entry["kek"]]).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], entry["id"].encode())
        return DataKey(id=entry["id"], material=material)


class MongoKeyStore:
    def __init__(self, collection: AsyncCollection, keks: KeyEncryptionKeys) -> None:
        self._keys = collection
        self._keks = keks

    async def ensure_indexes(self) -> None:
        await self._keys.create_index([("keys.id", ASCENDING)], name="key_id")

    async def key_for(self, subject: str) -> DataKey:
        return (await self.keys_for([subject]))[subject]

    async def keys_for(self, subjects: Iterable[str]) -> dict[str, DataKey]:
        """One read of the subjects' documents (in parts: the chassis' among.py), one insert of the keys of those
        that had none; where another instance made a subject's key first (the insert meets its document), theirs is
        read and used."""
        wanted = sorted(set(subjects))
        found = {d["_id"]: self._current(d) for d in await find_among(self._keys, "_id", wanted)}
        made = {subject: new_data_key() for subject in wanted if subject not in found}
        inserted = await insert_new(self._keys, [{"_id": subject, "current": key.id, "keys": [self._keks.wrap(key)]}
                                                 for subject, key in made.items()])
        lost = [subject for subject, new in zip(made, inserted, strict=True) if not new]
        theirs = {d["_id"]: self._current(d) for d in await find_among(self._keys, "_id", lost)}
        if set(lost) - set(theirs):  # made by another instance and destroyed since: a caller's retry makes anew
            raise RuntimeError("a data subject's key was destroyed while it was being made")
        return found | {s: k for s, k in made.items() if s not in theirs} | theirs

    async def rotate(self, subject: str) -> DataKey:
        key = new_data_key()
        await self._keys.update_one({"_id": subject},
                                    {"$push": {"keys": self._keks.wrap(key)}, "$set": {"current": key.id}},
                                    upsert=True)
        return key

    async def destroy(self, subject: str) -> list[str]:
        document = await self._keys.find_one_and_delete({"_id": subject})
        return [entry["id"] for entry in document["keys"]] if document else []

    async def get_many(self, key_ids: Iterable[str]) -> dict[str, DataKey]:
        wanted = set(key_ids)
        if not wanted:
            return {}
        found = {}
        for document in await find_among(self._keys, "keys.id", sorted(wanted)):
            for entry in document["keys"]:
                if entry["id"] in wanted:
                    found[entry["id"]] = self._keks.unwrap(entry)
        return found

    async def aclose(self) -> None:
        """Nothing of its own: the database client is the runtime's, closed by it."""

    async def rewrap(self) -> int:
        """Wrap every key under the current key-encryption key; returns the subjects rewritten.

        A subject's document is written only while it still holds the keys that were read: a key rotated or made
        for the subject meanwhile (another instance) would otherwise be lost. On such a change the document is read
        again and rewrapped anew; one destroyed meanwhile stays destroyed."""
        rewritten = 0
        async for document in self._keys.find(self._under_older()):
            if await self._rewrap_subject(document):
                rewritten += 1
        return rewritten

    async def _rewrap_subject(self, document: dict[str, Any] | None) -> bool:
        for _ in range(REWRAP_ATTEMPTS):
            if document is None:
                return False  # destroyed, or rewrapped by another run, since it was listed
            keys = [entry if entry["kek"] == self._keks.current_id else self._rewrapped(entry)
                    for entry in document["keys"]]
            written = await self._keys.update_one({"_id": document["_id"], "keys": document["keys"]},
                                                  {"$set": {"keys": keys}})
            if written.matched_count:
                return True
            document = await self._keys.find_one({"_id": document["_id"], **self._under_older()})
        raise RuntimeError(f"a data subject's keys kept changing while being rewrapped ({REWRAP_ATTEMPTS} attempts)")

    def _under_older(self) -> dict[str, Any]:
        return {"keys.kek": {"$ne": self._keks.current_id}}

    def _rewrapped(self, entry: dict[str, Any]) -> dict[str, Any]:
        wrapped = self._keks.wrap(self._keks.unwrap(entry))
        return {**wrapped, "created_at": entry.get("created_at", wrapped["created_at"])}

    def _current(self, document: dict[str, Any]) -> DataKey:
        entry = next(e for e in document["keys"] if e["id"] == document["current"])
        return self._keks.unwrap(entry)
