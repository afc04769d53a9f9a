"""Two tiny services built on the chassis: one files events through its outbox, one stores what it consumes."""

from dataclasses import dataclass, field

from complaint_contracts import ComplaintReceived, IntakeEvent, topics
from complaints_chassis.consumer import EventConsumer, PermanentError
from complaints_chassis.idempotency import Effect, apply_once
from complaints_chassis.outbox import OutboxRelay, new_document
from complaints_chassis.parking import Deferred
from complaints_chassis.runtime import Runtime, ServiceSpec
from complaints_chassis.settings import ServiceSettings
from pydantic_settings import SettingsConfigDict
from pymongo.asynchronous.collection import AsyncCollection


class ProbeSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="PROBE_")


@dataclass
class ProducerDeps:
    items: AsyncCollection
    relay: OutboxRelay

    async def file(self, event: ComplaintReceived) -> None:
        await self.items.insert_one(new_document({"_id": event.complaint_id}, [event]))
        self.relay.notify()


async def setup_producer(runtime: Runtime[ProbeSettings]) -> ProducerDeps:
    items = runtime.db["items"]
    return ProducerDeps(items, await runtime.use_outbox(items))


PRODUCER: ServiceSpec[ProbeSettings, ProducerDeps] = ServiceSpec(
    name="probe-producer", version="0", description="", consumers=[], outputs={topics.INTAKE: IntakeEvent},
    setup=setup_producer)


@dataclass
class ConsumerDeps:
    seen: AsyncCollection
    failures_left: dict[str, int] = field(default_factory=dict)


async def setup_consumer(runtime: Runtime[ProbeSettings]) -> ConsumerDeps:
    return ConsumerDeps(runtime.db["seen"])


events = EventConsumer(group_id="probe", description="Counts each complaint it receives, once")
"""Renamed per test run: `fast_settings` gives every run its own `consumer_group`."""


@events.on(ComplaintReceived)
async def on_complaint_received(received: list[ComplaintReceived], deps: ConsumerDeps) -> None:
    for event in received:
        if event.title == "POISON":
            raise PermanentError("the probe refuses POISON")
        if event.title.startswith("NEEDS:"):
            needed = event.title.removeprefix("NEEDS:")
            if await deps.seen.find_one({"_id": needed}) is None:
                raise Deferred(f"complaint {needed} not seen yet")
        if event.title == "FLAKY" and deps.failures_left.setdefault(event.complaint_id, 2) > 0:
            deps.failures_left[event.complaint_id] -= 1
            raise ConnectionError("store briefly unavailable")
    await apply_once(deps.seen, [
        Effect(e, {"_id": e.complaint_id}, {"$inc": {"times": 1}, "$set": {"title": e.title}}, upsert=True)
        for e in received
    ])


CONSUMER: ServiceSpec[ProbeSettings, ConsumerDeps] = ServiceSpec(
    name="probe-consumer", version="0", description="", consumers=[events], outputs={}, setup=setup_consumer)
