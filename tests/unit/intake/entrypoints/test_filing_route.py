"""`POST /v1/complaints` over the fakes: a jurisdiction ISO does not list is refused naming the field."""

import httpx
import pytest
from intake.config import IntakeSettings
from intake.main import create_app

from tests.support.staff import TEST_JWT_SECRET

from ..faked_intake import FakedIntake
from ..test_service import FILING

SETTINGS = {"kafka_bootstrap": "127.0.0.1:9", "mongo_url": "mongodb://127.0.0.1:9", "jwt_secret": TEST_JWT_SECRET}


async def post_filing(faked: FakedIntake, jurisdiction: str) -> httpx.Response:
    settings = IntakeSettings(**SETTINGS)
    app = create_app(settings)
    app.state.deps = faked.deps(settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://intake.test") as client:
        return await client.post("/v1/complaints", json=FILING | {"jurisdiction": jurisdiction})


@pytest.mark.parametrize("jurisdiction", ["XX", "US-ZZ", "GB-XYZ"])
async def test_a_jurisdiction_iso_does_not_list_is_refused_naming_the_field(jurisdiction: str) -> None:
    faked = FakedIntake()
    answer = await post_filing(faked, jurisdiction)
    assert (answer.status_code, answer.headers["content-type"]) == (422, "application/problem+json")
    assert [(e["field"], e["code"]) for e in answer.json()["errors"]] == [("jurisdiction", "unknown_value")]
    assert faked.store.complaints == {}


async def test_a_city_iso_lists_is_taken_as_given() -> None:
    faked = FakedIntake()
    answer = await post_filing(faked, "GB-EDH")
    assert answer.status_code == 201, answer.text
    [stored] = faked.store.complaints.values()
    assert stored.complaint.received.jurisdiction == "GB-EDH"
