"""Consuming a topic safely: typed events in batches, bounded retries, dead-lettering, commit after the effect.

A batch of records is decoded; undecodable ones are dead-lettered at once. The rest are gathered into runs of
events that share a handler, each complaint's (record key's) events kept in their order (see `runs_of`), and each
run goes to its handler in one call, letting the handler batch its I/O. If that call fails, the run is handled
again one event at a time, so one bad event cannot hold back or fail the others: a permanent error dead-letters
the event at once, a transient one is retried with backoff and dead-lettered when the tries run out, and one that
must wait for an event not seen yet (`Deferred`) is parked (see parking.py). Offsets are committed only after every
record of the batch was handled, parked or dead-lettered; if dead-lettering itself fails the batch is rewound and
redelivered (handlers are idempotent, so a redelivery changes nothing).
"""

import asyncio
import bisect
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import structlog
from aiokafka import ConsumerRecord
from aiokafka.coordinator.assignors.range import RangePartitionAssignor
from complaint_contracts import EVENT_TOPIC, TOPIC_CLASSES, Event, UndecodableEvent, UnknownEventType, from_kafka
from complaint_contracts.kafka_binding import describe_validation_error
from faststream import AckPolicy
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from pydantic import ValidationError

from .dead_letters import DeadLetters
from .kafka_records import remaining, tolerant_parse
from .metrics import ChassisMetrics
from .pacing import Pacer
from .parking import RETRIED_AT_ONCE, Deferred, Parking, as_record
from .personal_data.cipher import Keeping, Opener, erased_key_ids
from .settings import ServiceSettings
from .stuck import StuckPartitions

log = structlog.get_logger(__name__)

Handler = Callable[[list[Any], Any], Awaitable[None]]


class PermanentError(Exception):
    """Retrying cannot help (the event contradicts the service's rules): dead-letter it at once."""


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4
    backoff_seconds: float = 0.2
    backoff_max_seconds: float = 5.0

    def delay(self, attempt: int) -> float:
        return min(self.backoff_seconds * 2 ** (attempt - 1), self.backoff_max_seconds)


@dataclass
class _Run:
    handler: Handler
    items: list[tuple[ConsumerRecord, Event]] = field(default_factory=list)


class EventConsumer:
    """One consumer group; `@consumer.on(EventClass, ...)` registers the handler of those events.

    The topics it subscribes to follow from the events its handlers take (each event class travels on one topic),
    so a consumer never reads a topic it handles nothing from. `paced_topics` are those whose events only follow a
    complaint (off its path to acknowledgement): their records may wait a moment to come in fewer batches (pacing.py).
    """

    def __init__(self, *, group_id: str, description: str = "", paced_topics: frozenset[str] = frozenset()) -> None:
        self.group_id = group_id
        self.description = description
        self.paced_topics = paced_topics
        self.handlers: dict[type[Event], Handler] = {}

    @property
    def topics(self) -> tuple[str, ...]:
        return tuple(sorted({EVENT_TOPIC[cls] for cls in self.handlers}))

    def on(self, *classes: type[Event]) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            for cls in classes:
                self.handlers[cls] = handler
            return handler
        return register

    def in_group(self, group_id: str) -> "EventConsumer":
        """The same handlers in another consumer group (settings may rename the group, e.g. to isolate tests)."""
        renamed = EventConsumer(group_id=group_id, description=self.description, paced_topics=self.paced_topics)
        renamed.handlers = dict(self.handlers)
        return renamed

    def attach(self, broker: KafkaBroker, *, settings: ServiceSettings, deps: Any, dead_letters: DeadLetters,
               metrics: ChassisMetrics, parking: Parking | None = None,
               opener: Opener | None = None) -> "BatchProcessor":
        """Subscribe on the broker; `deps` is passed to every handler as its second argument. With an `opener`,
        handlers see personal data opened (or left sealed, with `KeepSealed`); without, sealed values show as
        erased."""
        unknown = self.paced_topics - set(self.topics)
        if unknown:  # a misspelt or outdated declaration would otherwise hold back nothing, silently
            raise ValueError(f"{self.group_id} paces topics it does not consume: {sorted(unknown)}")
        processor = BatchProcessor(self, deps=deps, dead_letters=dead_letters, metrics=metrics, parking=parking,
                                   opener=opener,
                                   max_record_bytes=settings.consumer_max_record_bytes,
                                   retry=RetryPolicy(settings.retry_attempts, settings.retry_backoff_seconds,
                                                     settings.retry_backoff_max_seconds))

        for topic in self.topics:  # series exist from start-up: alerts on increase() see the first event
            for outcome in ("handled", "ignored", "parked", "dead_lettered"):
                metrics.consumed.labels(topic=topic, group=self.group_id, outcome=outcome)
            metrics.retries.labels(topic=topic, group=self.group_id)
        stuck = processor.stuck = StuckPartitions(self.group_id, stuck_after=settings.consumer_stuck_after,
                                     backoff_seconds=settings.retry_backoff_seconds,
                                     backoff_max_seconds=settings.retry_backoff_max_seconds,
                                     gauge=metrics.batch_failures)

        interval = settings.consumer_batch_interval_ms / 1000
        pacer = Pacer(self.paced_topics, seconds=settings.consumer_paced_interval_ms / 1000,
                      full_batch=settings.consumer_batch_size)

        async def raw_records(message: Any) -> Any:
            return message.raw_message  # skip FastStream's JSON decoding: the CloudEvents binding decodes

        @broker.subscriber(
            *self.topics, group_id=self.group_id, batch=True, max_records=settings.consumer_batch_size,
            batch_timeout_ms=settings.consumer_batch_timeout_ms, fetch_max_wait_ms=settings.consumer_fetch_max_wait_ms,
            auto_offset_reset="earliest",
            ack_policy=AckPolicy.MANUAL, parser=tolerant_parse, decoder=raw_records, title=self.group_id,
            # Range, not round-robin: every topic is keyed by complaint id with the same partition count, so
            # partition N of each topic — one complaint's events from every service — goes to the same instance.
            partition_assignment_strategy=(RangePartitionAssignor,),
            description=self.description or None,
        )
        async def consume(msg: KafkaMessage) -> None:
            started = time.monotonic()
            try:
                await processor.process(msg.raw_message)
            except asyncio.CancelledError:
                await msg.nack()  # rewind every partition of the batch: nothing unprocessed is committed
                raise
            except Exception as exc:  # counted, logged (rate-limited) and redelivered: never dropped
                await msg.nack()
                await stuck.failed(msg.raw_message, exc)
                return
            await msg.ack()
            pacer.after_batch(msg.consumer, msg.raw_message)
            stuck.succeeded(msg.raw_message)
            metrics.record_lag(self.group_id, remaining(msg.consumer, msg.raw_message))
            if interval:  # committed already: a stop during the wait loses nothing
                await asyncio.sleep(interval - (time.monotonic() - started))

        _ = consume
        return processor


WOKEN_ROUNDS = 3
"""Rounds of woken retries after a batch: a parked event applied may wake another (same complaint, later event)."""
Failure = tuple[ConsumerRecord, str, str, int]
"""(record, reason, error class, attempts) of an event to dead-letter."""
Waiting = tuple[ConsumerRecord, Event, str]
"""(record, event, why) of an event that must wait for another."""


class BatchProcessor:
    def __init__(self, consumer: EventConsumer, *, deps: Any, dead_letters: DeadLetters, metrics: ChassisMetrics,
                 retry: RetryPolicy, parking: Parking | None, max_record_bytes: int = 1024 * 1024,
                 opener: Opener | None = None) -> None:
        self._consumer = consumer
        self._opener = opener
        self._deps = deps
        self._dead_letters = dead_letters
        self._retry = retry
        self._metrics = metrics
        self._parking = parking
        self._max_record_bytes = max_record_bytes
        self.stuck: StuckPartitions | None = None
        """Redeliveries of whole batches, per partition (set when attached to a broker)."""

    async def _decode(self, records: Sequence[ConsumerRecord]) -> tuple[list[tuple[ConsumerRecord, Event]],
                                                                        list[ConsumerRecord], list[Failure]]:
        items, ignored, failures = [], [], []
        personal = None
        if self._opener is not None:
            # Keys erased in this batch are dropped from the cache first: a replayed event after its complaint's
            # erasure in the same batch must not be opened with a key that no longer exists.
            self._opener.forget(erased_key_ids(records))
            # One key look-up for the batch; if the key store cannot answer, the batch fails and comes again.
            personal = await self._opener.for_records(r.value for r in records if not self._unwanted(r))
        for record in records:
            size = len(record.value or b"")
            if size > self._max_record_bytes:  # bounded before parsing: no event is anywhere near this size
                failures.append((record, f"record of {size} bytes exceeds the {self._max_record_bytes}-byte limit",
                                 "RecordTooLarge", 1))
                continue
            if self._unwanted(record):  # most records of a shared topic are for other services: skip the decoding
                ignored.append(record)
                continue
            try:
                event = from_kafka(record.topic, record.value, record.headers, personal)
                if isinstance(personal, Keeping):
                    event = personal.kept(event)
            except UnknownEventType:
                ignored.append(record)  # a newer producer's event type: not ours to handle, nothing to repair
                continue
            except UndecodableEvent as exc:
                failures.append((record, f"undecodable event: {exc}", "UndecodableEvent", 1))
                continue
            if type(event) in self._consumer.handlers:
                items.append((record, event))
            else:
                ignored.append(record)
        return items, ignored, failures

    def _unwanted(self, record: ConsumerRecord) -> bool:
        """A well-formed record of a known type that no handler of this consumer takes (told by its header)."""
        event_type = next((v for k, v in record.headers or () if k == "ce_type"), None)
        cls = TOPIC_CLASSES.get(record.topic, {}).get(event_type.decode(errors="replace")) if event_type else None
        return cls is not None and cls not in self._consumer.handlers

    async def process(self, records: Sequence[ConsumerRecord]) -> None:
        """Handle, park or dead-letter every record; raise only if that could not be guaranteed."""
        items, ignored, failures = await self._decode(records)
        more_failures, waiting = await self._apply(items)
        if waiting:  # the prerequisite may have come later in this very batch: one more pass first
            retried, waiting = await self._apply([(r, e) for r, e, _ in waiting])
            more_failures += retried
        failures += more_failures
        if waiting and self._parking is None:
            failures += [(r, f"prerequisite missing: {why}", "Deferred", 1) for r, _, why in waiting]
            waiting = []
        if waiting:
            assert self._parking is not None
            await self._parking.park([(r, why) for r, _, why in waiting])
        self._woke_parked(items, failures, waiting)
        await self._dead_letters.send(failures)
        self._metrics.record_batch(self._consumer.group_id, records, ignored=ignored, failed=[f[0] for f in failures],
                                   parked=[w[0] for w in waiting])
        await self._retry_woken()

    async def _retry_woken(self) -> None:
        """Retry the parked events this batch woke (and those their retry wakes, a few rounds at most)."""
        if self._parking is None:
            return
        for _ in range(WOKEN_ROUNDS):
            try:
                docs = await self._parking.take_woken()
                if not docs:
                    return
                for start in range(0, len(docs), RETRIED_AT_ONCE):
                    await self.retry_parked(docs[start:start + RETRIED_AT_ONCE])
            except Exception:  # the batch itself is stored: its offsets may commit; the backoff loop retries these
                log.exception("retrying woken parked events failed; the backoff loop will",
                              group=self._consumer.group_id)
                return

    async def retry_parked(self, docs: list[dict[str, Any]]) -> None:
        """Try parked events again: applied ones leave, bad or expired ones are dead-lettered, others wait."""
        assert self._parking is not None
        docs = await self._parking.claim(docs)  # neither the other path nor another instance is retrying them
        if not docs:
            return
        try:
            await self._retry_parked(docs)
        except Exception:
            await self._parking.release(docs)  # for the next retry, not after the claim runs out
            raise

    async def _retry_parked(self, docs: list[dict[str, Any]]) -> None:
        assert self._parking is not None
        records = [as_record(d) for d in docs]
        doc_of = {id(r): d for r, d in zip(records, docs, strict=True)}
        items, _, failures = await self._decode(records)
        more_failures, waiting = await self._apply(items)
        failures += more_failures
        expired = [(r, f"waited {self._parking.max_age} for a prerequisite: {why}", "Deferred", 1)
                   for r, _, why in waiting if self._parking.expired(doc_of[id(r)])]
        failures += expired
        await self._dead_letters.send(failures)
        self._woke_parked(items, failures, waiting)  # one parked event may be what another parked one waits for
        still = {id(r) for r, _, _ in waiting} - {id(f[0]) for f in expired}
        await self._parking.done([doc_of[id(r)] for r in records if id(r) not in still])
        await self._parking.later([doc_of[id(r)] for r in records if id(r) in still])

    def _woke_parked(self, items: list[tuple[ConsumerRecord, Event]], failures: list[Failure],
                     waiting: list[Waiting]) -> None:
        """Wake the parked events of the complaints (record keys) that had an event applied just now."""
        if self._parking is not None:
            not_applied = {id(f[0]) for f in failures} | {id(w[0]) for w in waiting}
            self._parking.arrived(record.key for record, _ in items if id(record) not in not_applied)

    async def _apply(self, items: list[tuple[ConsumerRecord, Event]]) -> tuple[list[Failure], list[Waiting]]:
        runs = runs_of(items, self._consumer.handlers)
        failures: list[Failure] = []
        waiting: list[Waiting] = []
        for run in runs:
            run_failures, run_waiting = await self._handle_run(run)
            failures += run_failures
            waiting += run_waiting
        return failures, waiting

    async def _handle_run(self, run: _Run) -> tuple[list[Failure], list[Waiting]]:
        try:
            await run.handler([e for _, e in run.items], self._deps)
            return [], []
        except Exception as exc:  # isolate the failing event(s) below; nothing is dropped here
            if len(run.items) == 1:
                return await self._handle_one(run.handler, *run.items[0], first_error=exc)
            early = _named_early(run, exc)
            if early:  # the handler said which events wait: the rest applies together, without them
                parked = {id(record) for record, _ in early}
                rest = _Run(run.handler, [item for item in run.items if id(item[0]) not in parked])
                failures, waiting = await self._handle_run(rest) if rest.items else ([], [])
                return failures, waiting + [(record, event, str(exc)) for record, event in early]
            log.debug("batch failed, handling its events one by one", group=self._consumer.group_id,
                      size=len(run.items), error_class=type(exc).__name__)
        failures: list[Failure] = []
        waiting: list[Waiting] = []
        for record, event in run.items:
            one_failures, one_waiting = await self._handle_one(run.handler, record, event, first_error=None)
            failures += one_failures
            waiting += one_waiting
        return failures, waiting

    async def _handle_one(self, handler: Handler, record: ConsumerRecord, event: Event,
                          first_error: Exception | None) -> tuple[list[Failure], list[Waiting]]:
        attempt = 0
        error = first_error
        while True:
            if error is None:
                try:
                    await handler([event], self._deps)
                    return [], []
                except Exception as exc:  # classified right below
                    error = exc
            attempt += 1
            if isinstance(error, Deferred):
                return [], [(record, event, str(error))]
            if isinstance(error, PermanentError | ValidationError | UndecodableEvent):
                return [(record, f"rejected: {_describe(error)}", type(error).__name__, attempt)], []
            if attempt >= self._retry.attempts:
                log.error("transient failure persisted, dead-lettering", topic=record.topic,
                          partition=record.partition, offset=record.offset, error_class=type(error).__name__,
                          attempts=attempt)
                return [(record, f"transient failure persisted after {attempt} attempts: {error}",
                         type(error).__name__, attempt)], []
            self._metrics.retries.labels(topic=record.topic, group=self._consumer.group_id).inc()
            await asyncio.sleep(self._retry.delay(attempt))
            error = None


def runs_of(items: Sequence[tuple[ConsumerRecord, Event]], handlers: dict[type[Event], Handler]) -> list[_Run]:
    """The items as runs, one call of their handler each, as few as keeping each key's order allows.

    A batch holds several topics and partitions, one after another: cut where the handler changes, it made one
    run per partition and topic (tens of handler calls, each with its own store round trips). An event joins the
    first run of its handler that comes no earlier than the run holding the last event of the same key; so every
    complaint's events are applied in the order they were consumed, while events of different complaints, whose
    relative order Kafka never promised (they may be on different partitions), are gathered. Records without a
    key count as one key: they keep their order among themselves."""
    runs: list[_Run] = []
    runs_by_handler: dict[int, list[int]] = {}  # handler → indexes of its runs, ascending
    last_run_of_key: dict[bytes | None, int] = {}
    for record, event in items:
        handler = handlers[type(event)]
        after = last_run_of_key.get(record.key, 0)
        own = runs_by_handler.setdefault(id(handler), [])
        at = bisect.bisect_left(own, after)
        if at < len(own):
            index = own[at]
        else:
            index = len(runs)
            runs.append(_Run(handler))
            own.append(index)
        runs[index].items.append((record, event))
        last_run_of_key[record.key] = index
    return runs


def _named_early(run: _Run, error: Exception) -> list[tuple[ConsumerRecord, Event]]:
    """The events of the run that a `Deferred` names as waiting (none if it names none of them)."""
    if not isinstance(error, Deferred) or not error.waiting:
        return []
    return [(record, event) for record, event in run.items if str(event.id) in error.waiting]


def _describe(error: Exception) -> str:
    # A pydantic message would quote the input, which may be personal data: name fields and reasons only.
    return describe_validation_error(error) if isinstance(error, ValidationError) else str(error)
