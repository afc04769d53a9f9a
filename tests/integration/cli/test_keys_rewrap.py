"""`complaints keys rewrap` on a real key store: after a new key-encryption key is put first, every data subject's key
moves under it and still opens what it sealed; running it again changes nothing; a store holding keys under a
key-encryption key the list lacks is left as it is."""

import asyncio
import base64
import json
import os
from collections.abc import Callable

import pytest
from complaints_chassis.personal_data import DataKey, open_text, seal_text
from complaints_chassis.personal_data.mongo_keys import KeyEncryptionKeys, MongoKeyStore
from complaints_chassis.personal_data.wiring import KEYS_COLLECTION
from complaints_cli.keys import wrapped_under
from complaints_cli.main import app
from pymongo import AsyncMongoClient
from typer.testing import CliRunner, Result

from tests.support.backends import Backend

SUBJECTS = [f"subject-{n}" for n in range(1, 8)]


def _kek(name: str) -> str:
    return f"{name}:{base64.b64encode(os.urandom(32)).decode()}"


OLD, NEW, LOST = _kek("kek-2025"), _kek("kek-2026"), _kek("kek-2019")


async def _in_store(backend: Backend, database: str, keks: list[str], action: Callable) -> object:
    client: AsyncMongoClient = AsyncMongoClient(backend.mongo_url)
    try:
        collection = client[database][KEYS_COLLECTION]
        return await action(MongoKeyStore(collection, KeyEncryptionKeys.parse(keks)), collection)
    finally:
        await client.close()


def in_store(backend: Backend, database: str, keks: list[str], action: Callable) -> object:
    return asyncio.run(_in_store(backend, database, keks, action))


@pytest.fixture
def database(unique: str) -> str:
    return f"intake_keys_{unique}"


@pytest.fixture
def rewrap(backend: Backend, database: str) -> Callable[..., Result]:
    def run(keks: list[str], *args: str) -> Result:
        env = {"INTAKE_MONGO_URL": backend.mongo_url, "INTAKE_MONGO_DATABASE": database,
               "INTAKE_KEY_ENCRYPTION_KEYS": json.dumps(keks)}
        return CliRunner().invoke(app, ["keys", "rewrap", *args], env=env)
    return run


def test_every_key_moves_under_the_new_kek_and_still_opens_what_it_sealed(backend: Backend, database: str,
                                                                         rewrap: Callable[..., Result]) -> None:
    async def make(store: MongoKeyStore, _collection) -> dict[str, DataKey]:
        keys = await store.keys_for(SUBJECTS)
        await store.rotate(SUBJECTS[0])  # a subject with two keys: both move
        return keys
    keys: dict[str, DataKey] = in_store(backend, database, [OLD], make)  # type: ignore[assignment]
    sealed = {subject: seal_text(f"Alesia {subject}", key) for subject, key in keys.items()}

    first = rewrap([NEW, OLD], "--yes")

    assert first.exit_code == 0, first.output
    assert f"Before: {len(SUBJECTS) + 1} key(s) under 'kek-2025'." in first.stdout
    assert f"Rewrapped the keys of {len(SUBJECTS)} data subject(s) under 'kek-2026'." in first.stdout
    assert "kek-2025 may now be removed from INTAKE_KEY_ENCRYPTION_KEYS" in first.stdout
    assert NEW.partition(":")[2] not in first.output and OLD.partition(":")[2] not in first.output

    async def read(store: MongoKeyStore, collection) -> tuple[dict[str, DataKey], object]:
        return await store.get_many(k.id for k in keys.values()), await wrapped_under(collection)
    opened, under = in_store(backend, database, [NEW], read)  # type: ignore[misc]
    assert under == {"kek-2026": len(SUBJECTS) + 1}
    assert {s: open_text(sealed[s], opened[keys[s].id]) for s in SUBJECTS} == {s: f"Alesia {s}" for s in SUBJECTS}

    again = rewrap([NEW, OLD], "--yes")
    assert again.exit_code == 0, again.output
    assert "Rewrapped the keys of 0 data subject(s)" in again.stdout


def test_a_key_under_a_kek_the_list_lacks_stops_the_run_before_any_change(backend: Backend, database: str,
                                                                          rewrap: Callable[..., Result]) -> None:
    in_store(backend, database, [OLD], lambda store, _c: store.keys_for(SUBJECTS[:3]))
    in_store(backend, database, [LOST], lambda store, _c: store.key_for("subject-from-2019"))

    refused = rewrap([NEW, OLD], "--yes")

    assert refused.exit_code == 1
    assert "Changed nothing: keys are wrapped under kek-2019" in refused.output
    assert in_store(backend, database, [OLD], lambda _s, collection: wrapped_under(collection)) == {
        "kek-2025": 3, "kek-2019": 1}


def test_the_command_asks_first_and_needs_usable_keks(backend: Backend, database: str,
                                                      rewrap: Callable[..., Result]) -> None:
    in_store(backend, database, [OLD], lambda store, _c: store.keys_for(SUBJECTS[:2]))
    declined = CliRunner().invoke(app, ["keys", "rewrap"], input="n\n", env={
        "INTAKE_MONGO_URL": backend.mongo_url, "INTAKE_MONGO_DATABASE": database,
        "INTAKE_KEY_ENCRYPTION_KEYS": json.dumps([NEW, OLD])})
    assert declined.exit_code == 1 and "listing 'kek-2026' first?" in declined.output
    assert in_store(backend, database, [OLD], lambda _s, collection: wrapped_under(collection)) == {"kek-2025": 2}
    assert rewrap([]).exit_code == 1
    assert rewrap(["kek-short:" + base64.b64encode(b"short").decode()], "--yes").exit_code == 1
