"""A consumer holds back its paced topics for a while after a batch of theirs; its other topics keep flowing."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from complaint_contracts import ComplaintReceived, ComplaintSubmission, topics
from complaints_chassis.consumer import EventConsumer
from complaints_chassis.runtime import Runtime, ServiceSpec, service_app
from fastapi import FastAPI

from tests.support.backends import Backend
from tests.support.builders import make_complaint_received, make_submission
from tests.support.kafka import eventually
from tests.support.settings import fast_settings

from .probe import PRODUCER, ProbeSettings

PACED_SECONDS = 4


@dataclass
class Arrivals:
    order: list[str] = field(default_factory=list)


async def _setup(runtime: Runtime[ProbeSettings]) -> Arrivals:
    return Arrivals()


paced = EventConsumer(group_id="probe-paced", description="Submissions paced, receipts not",
                      paced_topics=frozenset({topics.SUBMISSIONS}))


@paced.on(ComplaintSubmission)
async def on_submission(submissions: list[ComplaintSubmission], deps: Arrivals) -> None:
    deps.order.extend(f"submission:{s.external_reference}" for s in submissions)


@paced.on(ComplaintReceived)
async def on_received(received: list[ComplaintReceived], deps: Arrivals) -> None:
    deps.order.extend(f"received:{r.complaint_id}" for r in received)


PACED_CONSUMER: ServiceSpec[ProbeSettings, Arrivals] = ServiceSpec(
    name="probe-paced", version="0", description="", consumers=[paced], outputs={}, setup=_setup)


@asynccontextmanager
async def _apps(backend: Backend, **settings: Any) -> AsyncIterator[tuple[FastAPI, FastAPI]]:
    producer = service_app(PRODUCER, fast_settings(ProbeSettings, backend, **settings))
    consumer = service_app(PACED_CONSUMER, fast_settings(ProbeSettings, backend, **settings))
    async with producer.router.lifespan_context(producer), consumer.router.lifespan_context(consumer):
        yield producer, consumer


async def test_a_paced_topic_waits_after_its_batch_while_the_others_flow(backend: Backend) -> None:
    held, receipt = await _submission_then_receipt(backend, paced_ms=PACED_SECONDS * 1000)
    assert receipt < held  # the receipt, published after it, came first


async def test_without_pacing_the_same_records_come_in_the_order_they_were_published(backend: Backend) -> None:
    held, receipt = await _submission_then_receipt(backend, paced_ms=0)
    assert held < receipt


async def _submission_then_receipt(backend: Backend, *, paced_ms: int) -> tuple[int, int]:
    """After one submission is handled, another submission, then a receipt 0.3 s later: where each arrived."""
    async with _apps(backend, consumer_paced_interval_ms=paced_ms) as (producer, consumer):
        publisher, arrivals = producer.state.runtime.publisher, consumer.state.deps
        first = make_submission()
        await publisher.publish([first])
        await eventually(lambda: _arrived(arrivals, f"submission:{first.external_reference}"))

        held, receipt = make_submission(), make_complaint_received()
        await publisher.publish([held])
        await asyncio.sleep(0.3)
        await publisher.publish([receipt])
        names = f"submission:{held.external_reference}", f"received:{receipt.complaint_id}"
        for name in names:
            await eventually(lambda name=name: _arrived(arrivals, name), timeout=PACED_SECONDS * 4)
        return arrivals.order.index(names[0]), arrivals.order.index(names[1])


async def _arrived(arrivals: Arrivals, what: str) -> bool:
    return what in arrivals.order
