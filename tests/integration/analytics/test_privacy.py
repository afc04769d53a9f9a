"""Analytics and personal data on the real broker and store: an erasure marks the facts and leaves the figures as
they were; the privacy officer's export finds a subject's facts; the replay reads where each partition starts.

Other tests publish on the same topics: every assertion is scoped to this module's own complaints.
"""

import json
import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from aiokafka import TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from analytics.adapters.event_log import KafkaEventLog
from analytics.adapters.store import MongoFactStore
from analytics.config import AnalyticsSettings
from analytics.domain.projections import project
from analytics.main import create_app
from complaint_contracts import PersonalDataErased
from complaint_contracts.base import Event
from fastapi import FastAPI

from tests.support.backends import Backend
from tests.support.kafka import eventually, produce_raw
from tests.support.settings import fast_settings
from tests.support.staff import TEST_JWT_SECRET, bearer, staff_token

from .lifecycle import JULY, JUNE, lifecycle


@pytest.fixture(scope="module")
async def app(backend: Backend) -> AsyncIterator[FastAPI]:
    app = create_app(fast_settings(AnalyticsSettings, backend, jwt_secret=TEST_JWT_SECRET))
    async with app.router.lifespan_context(app):
        yield app


def store_of(app: FastAPI) -> MongoFactStore:
    return MongoFactStore(app.state.runtime.db)


async def publish(app: FastAPI, events: Sequence[Event]) -> None:
    await app.state.runtime.publisher.publish(list(events))


async def converged(app: FastAPI, events: Sequence[Event]) -> None:
    expected = project(events)

    async def stored_as_expected() -> bool:
        found = store_of(app).facts.find({"complaint_id": {"$in": list(expected)}})
        return {doc["complaint_id"]: doc async for doc in found} == expected

    await eventually(stored_as_expected)


async def call(app: FastAPI, method: str, path: str, *, role: str, **kwargs) -> dict | str:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://analytics",
                                 headers=bearer(staff_token(role=role))) as client:
        answer = await client.request(method, path, **kwargs)
    assert answer.status_code == 200, answer.text
    return answer.json() if answer.headers["content-type"].startswith("application/json") else answer.text


def erasure(complaint_id: str, at: datetime) -> PersonalDataErased:
    return PersonalDataErased(complaint_id=complaint_id, erasure_id="er-integration", reason="request",
                              key_ids=["k-integration-0001"], erased_at=at, time=at)


async def test_an_erasure_marks_the_facts_and_the_return_stays_as_it_was(app: FastAPI) -> None:
    product, stories = lifecycle(uuid.uuid4().hex[:8])
    events = [event for story in stories.values() for event in story]
    await publish(app, events)
    await converged(app, events)
    period = {"period_start": JUNE.isoformat(), "period_end": JULY.isoformat()}
    before = await call(app, "GET", "/v1/returns/uk_fca_disp", role="compliance", params=period)

    erased = list(stories)[:4]
    erasures = [erasure(cid, JULY + timedelta(days=3)) for cid in erased]
    await publish(app, erasures + erasures[:2])  # some delivered twice
    await converged(app, events + erasures)

    after = await call(app, "GET", "/v1/returns/uk_fca_disp", role="compliance", params=period)
    assert {k: v for k, v in after.items() if k != "generated_at"} == \
        {k: v for k, v in before.items() if k != "generated_at"}
    rows = (await call(app, "GET", "/v1/facts.csv", role="compliance", params={"product": product})).splitlines()
    column = rows[0].split(",").index("erased_at")
    marked = {row.split(",")[0] for row in rows[1:] if row.split(",")[column]}
    assert marked == set(erased)


async def test_the_privacy_officer_gets_the_facts_of_a_subjects_complaints(app: FastAPI) -> None:
    _, stories = lifecycle(uuid.uuid4().hex[:8])
    mine, *others = stories
    events = [event for story in stories.values() for event in story]
    await publish(app, events)
    await converged(app, events)

    document = await call(app, "POST", "/v1/data-subject-exports", role="privacy",
                          json={"complaint_ids": [mine, "c-unknown-00000000"]})

    assert document["service"] == "analytics" and list(document["complaints"]) == [mine]
    expected = json.loads(json.dumps(project(stories[mine])[mine], default=str))
    fact = document["complaints"][mine]
    assert (fact["complaint_id"], fact["channel"], fact["routing"]["regime"]) == (
        mine, expected["channel"], expected["routing"]["regime"])


async def test_the_oldest_fact_is_found_in_the_store(app: FastAPI) -> None:
    oldest = await store_of(app).oldest_received_at()
    found = await store_of(app).facts.find({"received_at": {"$ne": None}}, {"received_at": 1}).to_list()

    assert found and oldest == min(doc["received_at"] for doc in found)


async def test_the_replay_reads_where_a_partition_starts_and_the_time_of_a_record(backend: Backend) -> None:
    topic = f"test.replay-starts.{uuid.uuid4().hex[:8]}"
    admin = AIOKafkaAdminClient(bootstrap_servers=backend.kafka_bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(topic, num_partitions=1, replication_factor=1)])
    finally:
        await admin.close()
    sent_from = datetime.now(UTC) - timedelta(seconds=1)
    for index in range(3):
        await produce_raw(backend.kafka_bootstrap, topic, key=None, value=f"{index}".encode())
    log = KafkaEventLog(bootstrap=backend.kafka_bootstrap, topics=[topic])
    partition = TopicPartition(topic, 0)

    starts = await log.starts()
    times = await log.record_times({partition: 1})
    past_the_end = await log.record_times({partition: 3})

    # The embedded broker never deletes records: the partition starts at 0, so its start needs no time.
    assert [(s.topic, s.partition, s.earliest_offset, s.oldest_record_at) for s in starts] == [(topic, 0, 0, None)]
    assert sent_from <= times[partition] <= datetime.now(UTC)
    assert past_the_end == {}
