"""`complaints personal-data reseal` on a real store: complaints filed before the title and the remedy were marked
personal get them sealed with their own key (opened, they read as filed), erased ones get the erased form and their
erasure queued again in the outbox, the receipt a submission keeps gets the same; no key is made; running it again
changes nothing."""

import asyncio
import base64
import json
import os
from datetime import UTC, datetime

import pytest
from complaint_contracts import ComplaintReceived
from complaint_contracts.personal_data import ERASED_TEXT, is_sealed
from complaints_chassis.caused import CAUSED, caused_events
from complaints_chassis.outbox import PENDING
from complaints_chassis.personal_data import DataKey, open_text, sealing
from complaints_chassis.personal_data.mongo_keys import KeyEncryptionKeys, MongoKeyStore
from complaints_chassis.personal_data.wiring import KEYS_COLLECTION
from complaints_cli.main import app
from pymongo import AsyncMongoClient
from typer.testing import CliRunner, Result

from tests.support.backends import Backend
from tests.support.builders import make_complaint_received

KEK = f"kek-2026:{base64.b64encode(os.urandom(32)).decode()}"
TITLE, REMEDY = "Refund from Alesia Kuzmich never came", "Pay Alesia back to her card"
ERASED_AT = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def _filed_before(complaint_id: str, key: DataKey, *, caused: bool = False) -> dict:
    """A complaint as intake stored it before the title and remedy were personal: the rest sealed, those not."""
    received = make_complaint_received(complaint_id=complaint_id, title=TITLE, desired_remedy_details=REMEDY,
                                       personal_data_key=key.id)
    complaint = sealing(key)(ComplaintReceived, received.model_dump(mode="json"))
    complaint |= {"title": TITLE, "desired_remedy_details": REMEDY}
    document = {"_id": complaint_id, "subject": f"subject-of-{complaint_id}", "complaint": complaint}
    if caused:
        [entry] = caused_events([received], sealing(key))
        value = json.loads(bytes(entry["value"])) | {"title": TITLE, "desired_remedy_details": REMEDY}
        document[CAUSED] = [entry | {"value": json.dumps(value).encode()}]
    return document


async def _store(backend: Backend, database: str) -> dict[str, DataKey]:
    client: AsyncMongoClient = AsyncMongoClient(backend.mongo_url, tz_aware=True)
    try:
        db = client[database]
        keys = MongoKeyStore(db[KEYS_COLLECTION], KeyEncryptionKeys.parse([KEK]))
        made = await keys.keys_for(["subject-of-cmp-0001", "subject-of-cmp-0002", "subject-of-cmp-0003"])
        erased = _filed_before("cmp-0003", made["subject-of-cmp-0003"])
        await keys.destroy("subject-of-cmp-0003")
        erased["erased"] = {"erasure_id": "er-0001", "reason": "request", "at": ERASED_AT}
        await db["complaints"].insert_many([
            _filed_before("cmp-0001", made["subject-of-cmp-0001"]),
            _filed_before("cmp-0002", made["subject-of-cmp-0002"], caused=True), erased])
        return made
    finally:
        await client.close()


async def _read(backend: Backend, database: str) -> tuple[dict[str, dict], int]:
    client: AsyncMongoClient = AsyncMongoClient(backend.mongo_url, tz_aware=True)
    try:
        db = client[database]
        return ({d["_id"]: d async for d in db["complaints"].find()},
                await db[KEYS_COLLECTION].count_documents({}))
    finally:
        await client.close()


@pytest.fixture
def database(unique: str) -> str:
    return f"intake_reseal_{unique}"


def reseal(backend: Backend, database: str, *args: str) -> Result:
    return CliRunner().invoke(app, ["personal-data", "reseal", *args], env={
        "INTAKE_MONGO_URL": backend.mongo_url, "INTAKE_MONGO_DATABASE": database,
        "INTAKE_KEY_ENCRYPTION_KEYS": json.dumps([KEK])})


def test_plaintext_titles_and_remedies_are_sealed_or_erased_once(backend: Backend, database: str) -> None:
    keys = asyncio.run(_store(backend, database))

    first = reseal(backend, database, "--page-size", "2", "--yes")

    assert first.exit_code == 0, first.output
    assert "Sealed the title and remedy of 2 complaint(s)." in first.stdout
    assert "Erased them in 1 erased complaint(s)" in first.stdout
    assert TITLE not in first.output and KEK.partition(":")[2] not in first.output
    stored, key_documents = asyncio.run(_read(backend, database))
    assert key_documents == 2  # none made for the erased subject
    for cid in ("cmp-0001", "cmp-0002"):
        complaint, key = stored[cid]["complaint"], keys[f"subject-of-{cid}"]
        assert is_sealed(complaint["title"]) and is_sealed(complaint["desired_remedy_details"])
        assert (open_text(complaint["title"], key), open_text(complaint["desired_remedy_details"], key)) == (
            TITLE, REMEDY)
        assert PENDING not in stored[cid]
    [kept] = stored["cmp-0002"][CAUSED]
    assert TITLE not in bytes(kept["value"]).decode() and REMEDY not in bytes(kept["value"]).decode()
    assert open_text(json.loads(bytes(kept["value"]))["title"], keys["subject-of-cmp-0002"]) == TITLE

    erased = stored["cmp-0003"]
    assert erased["complaint"]["title"] == ERASED_TEXT and erased["complaint"]["desired_remedy_details"] is None
    [announced] = erased[PENDING]
    assert erased["_outbox_pending"] is True
    headers = {name: bytes(value) for name, value in announced["headers"]}
    assert headers["ce_type"] == b"complaints.intake.PersonalDataErased"
    assert json.loads(bytes(announced["value"]))["erasure_id"] == "er-0001"

    again = reseal(backend, database, "--yes")
    assert again.exit_code == 0, again.output
    assert "Sealed the title and remedy of 0 complaint(s)." in again.stdout
    assert "Erased them in 0 erased complaint(s)" in again.stdout
    assert asyncio.run(_read(backend, database))[0] == stored


def test_the_command_asks_first_and_needs_usable_keys(backend: Backend, database: str) -> None:
    asyncio.run(_store(backend, database))
    declined = CliRunner().invoke(app, ["personal-data", "reseal"], input="n\n", env={
        "INTAKE_MONGO_URL": backend.mongo_url, "INTAKE_MONGO_DATABASE": database,
        "INTAKE_KEY_ENCRYPTION_KEYS": json.dumps([KEK])})
    assert declined.exit_code == 1
    stored, _ = asyncio.run(_read(backend, database))
    assert stored["cmp-0001"]["complaint"]["title"] == TITLE
    refused = CliRunner().invoke(app, ["personal-data", "reseal", "--yes"], env={
        "INTAKE_MONGO_URL": backend.mongo_url, "INTAKE_MONGO_DATABASE": database,
        "INTAKE_KEY_ENCRYPTION_KEYS": "[]"})
    assert refused.exit_code == 1 and "key_encryption_keys" in refused.output
