"""Parked events on a real store: a retry claims what it retries, so two retries at once — in one instance or
two — never hold the same event; a claim ends with the retry, or runs out when its process stopped."""

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from aiokafka import ConsumerRecord
from complaints_chassis.parking import CLAIM_SECONDS, Parking
from pymongo import AsyncMongoClient

from tests.support.backends import Backend

COUNT = 60
"""More events than one `$in` part holds."""


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


def _record(offset: int) -> ConsumerRecord:
    return ConsumerRecord(topic="complaints.test.v1", partition=0, offset=offset, timestamp=0, timestamp_type=0,
                          key=f"c-{offset:04d}".encode(), value=b"{}", checksum=None, serialized_key_size=0,
                          serialized_value_size=0, headers=[])


@pytest.fixture
async def instances(backend: Backend):
    """Two instances of one consumer group sharing the service's store, with one clock."""
    client = AsyncMongoClient(backend.mongo_url, tz_aware=True)
    collection = client[f"parking_{uuid.uuid4().hex[:8]}"]["_parked_events"]
    clock = Clock()
    both = [Parking(collection, "group-a", clock=clock, retry_seconds=1, max_age=timedelta(days=1)) for _ in range(2)]
    await both[0].ensure_indexes()
    await both[0].park([(_record(i), "early") for i in range(COUNT)])
    yield both, clock
    await client.close()


async def test_two_retries_at_once_never_hold_the_same_event(instances) -> None:
    (one, other), _ = instances
    docs = await one.due(limit=COUNT)

    claimed = await asyncio.gather(one.claim(docs), other.claim(docs[COUNT // 3:]), one.claim(docs))

    ids = [doc["_id"] for batch in claimed for doc in batch]
    assert len(ids) == len(set(ids)) == COUNT  # each event held by exactly one retry


async def test_a_claim_ends_with_its_retry_or_when_it_runs_out(instances) -> None:
    (one, other), clock = instances
    docs = await one.due(limit=COUNT)
    held = await one.claim(docs)
    assert len(held) == COUNT and await other.claim(docs) == []

    await one.later(held[:10])  # still waiting: free for the next retry, with one more attempt counted
    await one.release(held[10:20])  # the retry failed half-way: free as it was
    await one.done(held[20:30])  # applied: gone
    again = await other.claim(docs)
    assert sorted(d["_id"] for d in again) == sorted(d["_id"] for d in held[:20])
    assert {d["attempts"] for d in again if d["_id"] in {h["_id"] for h in held[:10]}} == {1}

    clock.now += timedelta(seconds=CLAIM_SECONDS + 1)  # the first retry's process stopped holding the rest
    assert sorted(d["_id"] for d in await other.claim(docs)) == sorted(d["_id"] for d in held[30:] + again)
