"""Wiring shared by every service: broker, store, outbox relay, consumers and the HTTP app in one lifespan."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from typing import Any, Generic, TypeVar

import structlog
from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError
from fastapi import APIRouter, FastAPI, Request
from faststream.kafka import KafkaBroker
from faststream.kafka.opentelemetry import KafkaTelemetryMiddleware
from faststream.kafka.prometheus import KafkaPrometheusMiddleware
from opentelemetry.sdk.trace import TracerProvider
from prometheus_client import CollectorRegistry
from pymongo import AsyncMongoClient
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from . import heap
from .broker_watch import PUBLISHED_COLLECTION, BrokerWatch, KeepingPublisher, PublishedLog
from .clock import Clock
from .consumer import BatchProcessor, EventConsumer
from .dead_letters import DeadLetters
from .handling import traced_consumer
from .http import NotReady, create_http_app
from .kafka_security import broker_security, client_options
from .leases import LEASES_COLLECTION, Lease, run_leased
from .log_limits import limit_repeats
from .logs import configure_logging
from .metrics import ChassisMetrics
from .mongo import make_mongo_client, ping, service_database
from .outbox import OutboxRelay, ensure_outbox_index
from .parking import Parking
from .personal_data.cipher import Opener
from .publishing import RecordPublisher, RecordSender
from .settings import ServiceSettings
from .topics_admin import ensure_topics
from .tracing import make_tracer_provider

log = structlog.get_logger(__name__)

S = TypeVar("S", bound=ServiceSettings)
D = TypeVar("D")

PARKED_COLLECTION = "_parked_events"
"""Events waiting for a prerequisite (see parking.py), one collection per service database."""


def make_broker(name: str, settings: ServiceSettings, registry: CollectorRegistry,
                tracer_provider: TracerProvider | None = None) -> KafkaBroker:
    """A broker with safe defaults: acks=all, optional idempotence, metrics, traces, no per-message INFO logs."""
    telemetry = (KafkaTelemetryMiddleware(tracer_provider=tracer_provider, include_messages_counters=False),
                 ) if tracer_provider is not None else ()
    return KafkaBroker(
        settings.kafka_bootstrap, client_id=name, acks="all", enable_idempotence=settings.kafka_idempotent_producer,
        linger_ms=5, max_batch_size=256 * 1024, graceful_timeout=settings.graceful_timeout_seconds,
        middlewares=(*telemetry, KafkaPrometheusMiddleware(registry=registry, app_name=name)),
        logger=logging.getLogger(f"{name}.kafka"), log_level=logging.DEBUG, security=broker_security(settings),
    )


def make_producer(name: str, settings: ServiceSettings) -> AIOKafkaProducer:
    """The producer every record goes out through: acks=all, optional idempotence, the broker's security."""
    return AIOKafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap, client_id=name, acks="all",
        enable_idempotence=settings.kafka_idempotent_producer, linger_ms=5, max_batch_size=256 * 1024,
        **client_options(settings))


@dataclass
class Runtime(Generic[S]):
    """What a service's setup function gets to build its stores and dependencies."""

    name: str
    settings: S
    registry: CollectorRegistry
    broker: KafkaBroker
    metrics: ChassisMetrics
    publisher: RecordPublisher
    clock: Clock
    """The service's clock (business time); shifted only by tests and demos."""
    mongo: AsyncMongoClient | None = None
    relay: OutboxRelay | None = None
    opener: Opener | None = None
    """Opens personal data in consumed events (set by setup in services that need the plaintext; without it,
    sealed values reach handlers as erased)."""
    published: PublishedLog | None = None
    """What the relay sent, when the settings keep it (see broker_watch.py)."""
    background: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    """Long-running loops every instance runs (e.g. reloading its own rules), started after the broker and
    cancelled on shutdown."""
    exclusive: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    """Long-running loops one instance at a time runs, under a lease (scans, detections): replicas never run
    the same timed job twice."""

    @property
    def db(self) -> AsyncDatabase:
        assert self.mongo is not None, "the store is opened in the lifespan"
        return service_database(self.mongo, self.settings)

    async def record_sender(self) -> RecordSender:
        """What sends the records a stored change caused (the outbox relay's, or a handler's straight after an
        insert-only write, see caused.py): the publisher, keeping what it sends when the settings say so."""
        if self.settings.outbox_keep_published_seconds <= 0:
            return self.publisher
        if self.published is None:
            self.published = PublishedLog(self.db[PUBLISHED_COLLECTION], clock=Clock(),
                                          keep=timedelta(seconds=self.settings.outbox_keep_published_seconds))
            await self.published.ensure_indexes()
        return KeepingPublisher(self.publisher, self.published)

    async def use_outbox(self, *collections: AsyncCollection) -> OutboxRelay:
        """Relay the outboxes of these collections (indexes them); returns the relay to `notify()`."""
        for c in collections:
            await ensure_outbox_index(c)
        self.relay = OutboxRelay(collections, await self.record_sender(), self.metrics,
                                 batch_size=self.settings.outbox_batch_size,
                                 idle_seconds=self.settings.outbox_idle_seconds)
        self.exclusive.append(self.relay.sweep)  # what other (stopped) instances left: one sweeper at a time
        return self.relay


@dataclass(frozen=True)
class ServiceSpec(Generic[S, D]):
    """Everything that makes one service what it is; `service_app` turns it into a runnable ASGI app.

    `S` is the service's Settings class, `D` the typed bundle its setup builds for handlers and routes.
    """

    name: str
    version: str
    description: str
    consumers: Sequence[EventConsumer]
    outputs: Mapping[str, Any]
    """Topic → union of the events this service publishes there (documents AsyncAPI)."""
    setup: Callable[[Runtime[S]], Awaitable[D]]
    """Opens stores, builds dependencies; the return value is handed to every handler and to the API."""
    routers: Sequence[APIRouter] = ()
    on_shutdown: Callable[[D], Awaitable[None]] | None = None

    def consumers_for(self, settings: ServiceSettings) -> list[EventConsumer]:
        """The consumers, in the group the settings name if they rename it (one consumer group per service)."""
        if settings.consumer_group is None or not self.consumers:
            return list(self.consumers)
        if len(self.consumers) != 1:
            raise ValueError(f"{self.name}: consumer_group renames one consumer, the spec has {len(self.consumers)}")
        return [self.consumers[0].in_group(settings.consumer_group)]


def declare(spec: ServiceSpec[S, D], broker: KafkaBroker, *, settings: S, deps: D,
            metrics: ChassisMetrics, publisher: RecordPublisher,
            parkings: Mapping[str, Parking] | None = None,
            tracer_provider: TracerProvider | None = None, opener: Opener | None = None) -> list[BatchProcessor]:
    """Register the spec's publishers and subscribers on a broker (also used to generate AsyncAPI)."""
    for topic, union in spec.outputs.items():
        broker.publisher(topic, schema=union, description=f"Events {spec.name} publishes")
    consumers = spec.consumers_for(settings)
    if tracer_provider is not None:  # every event handled in a span continuing its trace
        consumers = [traced_consumer(c, tracer_provider.get_tracer(__name__)) for c in consumers]
    return [consumer.attach(broker, settings=settings, deps=deps, metrics=metrics,
                            dead_letters=DeadLetters(publisher, consumer.group_id),
                            parking=(parkings or {}).get(consumer.group_id), opener=opener)
            for consumer in consumers]


async def open_parkings(spec: ServiceSpec[S, D], runtime: Runtime[S]) -> dict[str, Parking]:
    """One parking per consumer group, in the service's own database.

    Parking retries on wall time (its own unshifted clock): moving the business clock must not expire events.
    """
    parkings = {}
    for consumer in spec.consumers_for(runtime.settings):
        parking = Parking(runtime.db[PARKED_COLLECTION], consumer.group_id, clock=Clock(),
                          retry_seconds=runtime.settings.parked_retry_seconds,
                          max_age=timedelta(seconds=runtime.settings.parked_max_age_seconds))
        await parking.ensure_indexes()
        await parking.load()
        parkings[consumer.group_id] = parking
    return parkings


def service_app(spec: ServiceSpec[S, D], settings: S) -> FastAPI:
    registry = CollectorRegistry()
    tracer_provider = make_tracer_provider(service=spec.name, version=spec.version,
                                           otlp_endpoint=settings.otlp_traces_endpoint)
    broker = make_broker(spec.name, settings, registry, tracer_provider)
    metrics = ChassisMetrics(registry)
    publisher = RecordPublisher(partial(make_producer, spec.name, settings), registry=registry,
                                tracer_provider=tracer_provider)
    runtime = Runtime(spec.name, settings, registry, broker, metrics, publisher,
                      clock=Clock(settings.clock_offset_seconds))
    consumers = spec.consumers_for(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging(service=spec.name, level=settings.log_level)
        limit_repeats("aiokafka")
        if settings.kafka_create_topics:
            await ensure_topics(settings.kafka_bootstrap, used_topics(spec, consumers),
                                partitions=settings.kafka_partitions,
                                replication=settings.kafka_replication_factor, **client_options(settings))
        # Whatever started is stopped again, in reverse order, also when a later step of start-up fails.
        # On shutdown: stop taking work, let in-flight batches finish, publish what they queued, disconnect.
        async with contextlib.AsyncExitStack() as started:
            started.push_async_callback(asyncio.to_thread, tracer_provider.shutdown)  # last: exports what is left
            runtime.mongo = make_mongo_client(settings)
            started.push_async_callback(runtime.mongo.close)
            await runtime.publisher.start()
            started.push_async_callback(runtime.publisher.stop)  # after the relay and the consumers flushed
            deps = await spec.setup(runtime)
            if runtime.opener is not None:
                started.push_async_callback(runtime.opener.aclose)  # its key ring's HTTP client
            if spec.on_shutdown is not None:
                started.push_async_callback(spec.on_shutdown, deps)
            app.state.deps, app.state.runtime = deps, runtime
            parkings = await open_parkings(spec, runtime)
            processors = declare(spec, broker, settings=settings, deps=deps, metrics=metrics,
                                 publisher=runtime.publisher, parkings=parkings, tracer_provider=tracer_provider,
                                 opener=runtime.opener)
            app.state.processors = processors
            parking_loops = [partial(parkings[c.group_id].run, p.retry_parked)
                             for c, p in zip(consumers, processors, strict=True)]
            loops: list[Callable[[], Awaitable[None]]] = []
            await broker.start()
            started.push_async_callback(broker.stop)
            if runtime.relay is not None:
                runtime.relay.start()
                started.push_async_callback(runtime.relay.stop)
            if settings.kafka_create_topics and settings.broker_watch_seconds > 0:
                watch = BrokerWatch(
                    service=spec.name, bootstrap=settings.kafka_bootstrap, topics=used_topics(spec, consumers),
                    partitions=settings.kafka_partitions, replication=settings.kafka_replication_factor,
                    publisher=runtime.publisher, published=runtime.published, registry=registry,
                    interval_seconds=settings.broker_watch_seconds, client=client_options(settings))
                await watch.check_once()  # a broker that restarted while this service was down gets it back too
                loops.append(watch.run)
            leases = runtime.db[LEASES_COLLECTION]
            jobs = {**{f"job:{_job_name(loop)}": loop for loop in runtime.exclusive},
                    **{f"parking:{c.group_id}": loop for c, loop in zip(consumers, parking_loops, strict=True)}}
            tasks = [asyncio.create_task(run_leased(
                         Lease(leases, name, ttl_seconds=settings.lease_seconds, clock=Clock()), job))
                     for name, job in jobs.items()]
            tasks += [asyncio.create_task(loop()) for loop in [*runtime.background, *loops]]
            started.push_async_callback(_cancel, tasks)
            started.push_async_callback(_stop_subscribers, broker)
            heap.started()
            yield

    async def broker_ready() -> None:
        if not await broker.ping(timeout=2.0):
            raise ConnectionError("broker did not answer")

    async def consumers_moving() -> None:
        stuck = [p for processor in app.state.processors if processor.stuck for p in processor.stuck.stuck()]
        if stuck:
            raise NotReady(f"batches keep failing on {', '.join(stuck)}")

    async def store_ready() -> None:
        assert runtime.mongo is not None
        await ping(runtime.mongo)

    app = create_http_app(title=f"Complaints {spec.name}", version=spec.version, description=spec.description,
                          docs_enabled=settings.http_docs_enabled,
                          registry=registry, readiness={"kafka": broker_ready, "mongodb": store_ready,
                                                            "consumers": consumers_moving},
                          lifespan=lifespan, routers=spec.routers, tracer_provider=tracer_provider)
    app.state.spec, app.state.runtime, app.state.processors = spec, runtime, []
    app.state.tracer_provider = tracer_provider
    app.state.staff_verifier = settings.staff_verifier()
    return app


def _job_name(loop: Callable[[], Awaitable[None]]) -> str:
    target = loop.func if isinstance(loop, partial) else loop
    return f"{getattr(target, '__module__', '')}.{getattr(target, '__qualname__', repr(target))}"


def used_topics(spec: ServiceSpec[S, D], consumers: Sequence[EventConsumer]) -> list[str]:
    return [*spec.outputs, *(t for c in consumers for t in c.topics)]


async def _cancel(tasks: list[asyncio.Task[None]]) -> None:
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def _stop_subscribers(broker: KafkaBroker) -> None:
    for subscriber in broker.subscribers:
        try:
            await subscriber.stop()
        except (KafkaError, asyncio.CancelledError) as exc:
            # aiokafka cancels its own in-flight fetch on close; that cancellation may surface here. Only a
            # cancellation of *this* task must propagate.
            current = asyncio.current_task()
            if isinstance(exc, asyncio.CancelledError) and current is not None and current.cancelling():
                raise
            # Offsets are committed after every handled batch, so a broker that does not answer while we leave
            # loses nothing; the rest of the shutdown (outbox flush, disconnect) must still run.
            log.warning("consumer did not stop cleanly", error_class=type(exc).__name__)


def deps_of(request: Request) -> Any:
    """What the service's setup returned (each service's deps.py wraps this in a typed dependency)."""
    return request.app.state.deps


def typed_deps(cls: type[D]) -> Callable[[Request], Awaitable[D]]:
    """A FastAPI dependency returning the service's deps bundle, checked to be a `cls`. Every dependency here is
    `async`: FastAPI runs a plain function in its thread pool, a thread hand-off per request that cost a busy
    service more CPU than the dependency itself."""
    async def dependency(request: Request) -> D:
        deps = request.app.state.deps
        if not isinstance(deps, cls):
            raise TypeError(f"the app's deps are a {type(deps).__name__}, not a {cls.__name__}")
        return deps
    return dependency
