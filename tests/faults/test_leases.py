"""Two instances of a service share its database: each timed job runs in one of them at a time, and moves to
the other when the first stops."""

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from complaints_chassis.clock import Clock
from complaints_chassis.leases import Lease, run_leased
from pymongo import AsyncMongoClient
from pymongo.asynchronous.collection import AsyncCollection

from tests.support.backends import Backend
from tests.support.kafka import eventually


@pytest.fixture
async def leases(backend: Backend) -> AsyncIterator[AsyncCollection]:
    client = AsyncMongoClient(backend.mongo_url, tz_aware=True)
    yield client[f"leases_{uuid.uuid4().hex[:8]}"]["_leases"]
    await client.close()


async def test_a_lease_has_one_owner_until_it_expires_or_is_released(leases: AsyncCollection) -> None:
    first = Lease(leases, "scan", ttl_seconds=30, clock=Clock())
    second = Lease(leases, "scan", ttl_seconds=30, clock=Clock())
    assert await first.acquire()
    assert not await second.acquire()
    assert await first.acquire()  # renewing one's own
    await first.release()
    assert await second.acquire()
    expired = Lease(leases, "scan", ttl_seconds=30, clock=Clock(offset_seconds=31))  # its time is past the expiry
    assert await expired.acquire()


async def test_a_leased_job_runs_in_one_instance_and_moves_when_it_stops(leases: AsyncCollection) -> None:
    running: dict[str, int] = {"a": 0, "b": 0}
    overlap: list[str] = []

    def job(name: str):
        async def loop() -> None:
            running[name] += 1
            other = "b" if name == "a" else "a"
            while True:
                if running[other]:
                    overlap.append(name)
                await asyncio.sleep(0.05)
        return loop

    async def counted(name: str) -> None:
        try:
            await job(name)()
        finally:
            running[name] -= 1

    a = asyncio.create_task(run_leased(Lease(leases, "scan", ttl_seconds=0.6, clock=Clock()),
                                       lambda: counted("a"), retry_seconds=0.1))
    await eventually(lambda: _true(running["a"] == 1))
    b = asyncio.create_task(run_leased(Lease(leases, "scan", ttl_seconds=0.6, clock=Clock()),
                                       lambda: counted("b"), retry_seconds=0.1))
    await asyncio.sleep(1.0)
    assert running == {"a": 1, "b": 0}
    a.cancel()
    await asyncio.gather(a, return_exceptions=True)
    await eventually(lambda: _true(running["b"] == 1))
    b.cancel()
    await asyncio.gather(b, return_exceptions=True)
    assert overlap == []


async def _true(value: bool) -> bool:
    return value
