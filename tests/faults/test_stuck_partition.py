"""A partition whose batch keeps failing as a whole is reported: readiness, a metric; it recovers by itself."""

from collections.abc import AsyncIterator

import httpx
import pytest
from complaint_contracts import to_kafka, topics
from complaints_chassis.runtime import service_app
from fastapi import FastAPI

from tests.integration.chassis.probe import CONSUMER, ProbeSettings
from tests.support.backends import Backend
from tests.support.builders import make_complaint_received
from tests.support.kafka import eventually, produce_raw
from tests.support.settings import fast_settings


@pytest.fixture(scope="module")
async def app(backend: Backend) -> AsyncIterator[FastAPI]:
    settings = fast_settings(ProbeSettings, backend, consumer_stuck_after=2, retry_backoff_max_seconds=0.2)
    app = service_app(CONSUMER, settings)
    async with app.router.lifespan_context(app):
        yield app


async def readiness(app: FastAPI) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://probe") as client:
        return await client.get("/readyz")


async def metrics(app: FastAPI) -> str:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://probe") as client:
        return (await client.get("/metrics/")).text


async def test_a_batch_that_cannot_be_dead_lettered_marks_its_partition_stuck_until_it_moves(
        app: FastAPI, backend: Backend) -> None:
    processor = app.state.processors[0]
    dead_letters = processor._dead_letters
    working_send = dead_letters.send

    async def dead_letter_topic_away(failures: list) -> None:
        if failures:
            raise ConnectionError("the dead-letter topic does not answer")

    dead_letters.send = dead_letter_topic_away
    poison = to_kafka(make_complaint_received(title="POISON"))
    await produce_raw(backend.kafka_bootstrap, topics.INTAKE, key=poison.key, value=poison.value,
                      headers=poison.headers)

    async def reported() -> bool:
        answer = await readiness(app)
        return answer.status_code == 503 and "batches keep failing on complaints.intake.v1/" in answer.text

    await eventually(reported)
    assert 'complaints_consumer_batch_failures{group="probe-' in await metrics(app)

    dead_letters.send = working_send
    follow = make_complaint_received()
    record = to_kafka(follow)
    await produce_raw(backend.kafka_bootstrap, topics.INTAKE, key=poison.key, value=record.value,
                      headers=record.headers)

    async def moving_again() -> bool:
        seen = await processor._deps.seen.find_one({"_id": follow.complaint_id})
        return seen is not None and (await readiness(app)).status_code == 200

    await eventually(moving_again)
