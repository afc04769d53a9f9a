"""Pacing: which batches hold back the paced topics, for how long, and what a resume may touch."""

import asyncio
from dataclasses import dataclass, field

import pytest
from aiokafka import ConsumerRecord, TopicPartition
from complaints_chassis.consumer import EventConsumer
from complaints_chassis.pacing import Pacer

FOLLOWED, URGENT = "complaints.resolution.v1", "complaints.intake.v1"


@dataclass
class FakeConsumer:
    """The part of AIOKafkaConsumer pacing uses: assignment, pause, paused, resume."""

    assigned: set[TopicPartition]
    held: set[TopicPartition] = field(default_factory=set)
    pauses: int = 0

    def assignment(self) -> set[TopicPartition]:
        return set(self.assigned)

    def pause(self, *partitions: TopicPartition) -> None:
        assert set(partitions) <= self.assigned
        self.held |= set(partitions)
        self.pauses += 1

    def paused(self) -> set[TopicPartition]:
        return self.held & self.assigned

    def resume(self, *partitions: TopicPartition) -> None:
        assert set(partitions) <= self.assigned, "resumed a partition no longer assigned"
        self.held -= set(partitions)


def _consumer() -> FakeConsumer:
    return FakeConsumer({TopicPartition(topic, p) for topic in (FOLLOWED, URGENT) for p in range(3)})


def _records(*topics: str) -> list[ConsumerRecord]:
    return [ConsumerRecord(topic, 0, n, 0, 0, b"k", b"v", None, 1, 1, ()) for n, topic in enumerate(topics)]


async def test_a_small_batch_with_a_paced_record_holds_back_only_the_paced_topic_for_the_interval() -> None:
    consumer, pacer = _consumer(), Pacer({FOLLOWED}, seconds=0.05, full_batch=10)
    pacer.after_batch(consumer, _records(URGENT, FOLLOWED))
    assert {tp.topic for tp in consumer.paused()} == {FOLLOWED} and len(consumer.paused()) == 3

    await asyncio.sleep(0.1)
    assert consumer.paused() == set()


async def test_batches_without_paced_records_or_full_ones_hold_nothing_back() -> None:
    consumer, pacer = _consumer(), Pacer({FOLLOWED}, seconds=0.05, full_batch=3)
    pacer.after_batch(consumer, _records(URGENT, URGENT))
    pacer.after_batch(consumer, _records(FOLLOWED, FOLLOWED, URGENT))  # full: a backlog is read on at once
    assert consumer.pauses == 0


async def test_a_batch_while_holding_back_does_not_extend_or_repeat_the_pause() -> None:
    consumer, pacer = _consumer(), Pacer({FOLLOWED}, seconds=0.05, full_batch=10)
    pacer.after_batch(consumer, _records(FOLLOWED))
    await asyncio.sleep(0.02)
    pacer.after_batch(consumer, _records(URGENT, FOLLOWED))
    assert consumer.pauses == 1
    await asyncio.sleep(0.05)
    assert consumer.paused() == set()


async def test_a_partition_revoked_while_held_is_not_resumed_and_new_ones_start_unpaused() -> None:
    consumer, pacer = _consumer(), Pacer({FOLLOWED}, seconds=0.05, full_batch=10)
    pacer.after_batch(consumer, _records(FOLLOWED))
    consumer.assigned = {TopicPartition(FOLLOWED, 0), TopicPartition(URGENT, 0)}  # a rebalance meanwhile
    await asyncio.sleep(0.1)  # the resume asserts it touches only assigned partitions
    assert consumer.paused() == set()


async def test_an_interval_of_zero_never_pauses() -> None:
    consumer, pacer = _consumer(), Pacer({FOLLOWED}, seconds=0, full_batch=10)
    pacer.after_batch(consumer, _records(FOLLOWED))
    assert consumer.pauses == 0


def test_a_consumer_cannot_pace_a_topic_it_does_not_read() -> None:
    consumer = EventConsumer(group_id="g", paced_topics=frozenset({FOLLOWED}))
    with pytest.raises(ValueError, match=FOLLOWED):
        consumer.attach(None, settings=None, deps=None, dead_letters=None, metrics=None)  # type: ignore[arg-type]
