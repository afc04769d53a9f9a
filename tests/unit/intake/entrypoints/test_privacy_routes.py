"""The privacy office's routes and the key API over the fakes: who may call them, and what they answer."""

import base64

import httpx
from intake.config import IntakeSettings
from intake.main import create_app

from tests.support.staff import TEST_JWT_SECRET, bearer, staff_token

from ..faked_intake import KEY_READERS, FakedIntake
from ..test_erasure import THEIRS

SETTINGS = {"kafka_bootstrap": "127.0.0.1:9", "mongo_url": "mongodb://127.0.0.1:9", "jwt_secret": TEST_JWT_SECRET}
PRIVACY = bearer(staff_token(sub="emp-dpo", role="privacy"))


async def test_the_privacy_office_erases_and_exports_and_a_reader_gets_keys() -> None:
    faked = FakedIntake()
    receipt = (await faked.file(THEIRS)).receipt
    settings = IntakeSettings(**SETTINGS)
    app = create_app(settings)
    app.state.deps = faked.deps(settings)
    subject = faked.store.complaints[receipt.complaint_id].complaint.subject.id
    key = await faked.keys.key_for(subject)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://intake.test") as client:
        keys = await client.post("/v1/data-keys/lookups", json={"key_ids": [key.id]},
                                 auth=("routing", KEY_READERS["routing"]))
        exported = await client.post("/v1/data-subject-exports/lookups", json={"email": "alesia@example.org"},
                                     headers=PRIVACY)
        refused = await client.post("/v1/erasure-requests", json={"email": "alesia@example.org"},
                                    headers=bearer(staff_token(role="agent")))
        erased = await client.post("/v1/erasure-requests", json={"email": "alesia@example.org"}, headers=PRIVACY)
        audit = await client.get(erased.headers["location"], headers=PRIVACY)
    assert keys.json() == {"keys": {key.id: base64.b64encode(key.material).decode()}}
    assert exported.json()["subject"]["complaints"] == [receipt.complaint_id]
    assert refused.status_code == 403
    assert (erased.status_code, erased.json()["complaints"], audit.json()["requested_by"]) == (201, 1, "emp-dpo")
