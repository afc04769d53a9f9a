"""`complaints dlq skip`: a stopped group moves past the record it is stuck on, which is kept as a dead letter."""

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from complaint_contracts import KafkaRecord, topics
from complaints_chassis import dead_letters as dl
from typer.testing import Result

from tests.integration.cli.conftest import audited, produce
from tests.support.backends import Backend
from tests.support.kafka import read_until

Run = Callable[..., Result]


@dataclass
class Stuck:
    """A group whose committed offset on partition 0 of its own topic points at a record (as if it failed there)."""

    backend: Backend
    topic: str
    group: str
    offset: int

    @property
    def tp(self) -> TopicPartition:
        return TopicPartition(self.topic, 0)

    async def committed(self) -> int | None:
        async with self.member(subscribe=False) as consumer:
            return await consumer.committed(self.tp)

    @asynccontextmanager
    async def member(self, *, subscribe: bool = True) -> AsyncIterator[AIOKafkaConsumer]:
        """A consumer of the group: a member when subscribed, a bystander when assigned."""
        consumer = AIOKafkaConsumer(*([self.topic] if subscribe else []),
                                    bootstrap_servers=self.backend.kafka_bootstrap, group_id=self.group,
                                    enable_auto_commit=False, auto_offset_reset="earliest")
        await consumer.start()
        try:
            if not subscribe:
                consumer.assign([self.tp])
            while subscribe and not consumer.assignment():  # a member once the group gave it its partition
                await consumer.getmany(timeout_ms=200)
            yield consumer
        finally:
            await consumer.stop()


async def _stuck(backend: Backend, unique: str) -> Stuck:
    topic = f"cli.skip-{unique}.v1"
    admin = AIOKafkaAdminClient(bootstrap_servers=backend.kafka_bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(topic, 1, 1), NewTopic(topics.dlq(topic), 1, 1)])
    finally:
        await admin.close()
    await produce(backend.kafka_bootstrap, topic, KafkaRecord(b"c-1", b"applied", []), partition=0)
    _, offset = await produce(backend.kafka_bootstrap, topic, KafkaRecord(b"c-2", b"POISON", [("h", b"v")]),
                              partition=0)
    await produce(backend.kafka_bootstrap, topic, KafkaRecord(b"c-3", b"after", []), partition=0)
    stuck = Stuck(backend, topic, f"cli-skip-{unique}", offset)
    async with stuck.member(subscribe=False) as consumer:
        await consumer.commit({stuck.tp: offset})
    return stuck


@pytest.fixture
def stuck(backend: Backend, unique: str) -> Stuck:
    return asyncio.run(_stuck(backend, unique))


def skip(complaints: Run, stuck: Stuck, *extra: str) -> Result:
    return complaints("skip", "--group", stuck.group, "--topic", stuck.topic, "--partition", "0",
                      "--reason", "INC-12: poison record blocks routing", *extra)


def test_a_stopped_group_is_moved_past_its_record_which_is_kept_and_audited(
        complaints: Run, stuck: Stuck, backend: Backend, audit_log: Path) -> None:
    result = skip(complaints, stuck, "--offset", str(stuck.offset), "--operator", "ops-anna")

    assert result.exit_code == 0, result.output
    assert asyncio.run(stuck.committed()) == stuck.offset + 1
    copy = asyncio.run(read_until(backend.kafka_bootstrap, topics.dlq(stuck.topic), lambda r: r.value == b"POISON"))
    headers = dict(copy.headers)
    assert (copy.key, headers["h"]) == (b"c-2", b"v")
    assert headers[dl.ERROR_CLASS] == b"SkippedByOperator"
    assert headers[dl.REASON] == b"skipped by an operator: INC-12: poison record blocks routing"
    assert (headers[dl.ORIGINAL_OFFSET], headers[dl.CONSUMER_GROUP]) == (str(stuck.offset).encode(),
                                                                        stuck.group.encode())
    [entry] = audited(audit_log)
    assert (entry["action"], entry["group"], entry["record"], entry["committed"], entry["operator"]) == (
        "dlq.skip", stuck.group, f"{stuck.topic}/0/{stuck.offset}", stuck.offset + 1, "ops-anna")
    assert entry["dead_letter"] == f"{topics.dlq(stuck.topic)}/{copy.partition}/{copy.offset}"


def test_a_group_with_an_active_member_is_refused(complaints: Run, stuck: Stuck, audit_log: Path) -> None:
    async def while_a_member_runs() -> Result:
        async with stuck.member():
            return await asyncio.to_thread(skip, complaints, stuck)

    result = asyncio.run(while_a_member_runs())

    assert result.exit_code == 1
    assert "has 1 active member(s)" in result.stdout and "stop its consumers first" in result.stdout
    assert asyncio.run(stuck.committed()) == stuck.offset
    assert audited(audit_log) == []


def test_a_group_that_moved_since_the_operator_looked_is_refused(complaints: Run, stuck: Stuck) -> None:
    result = skip(complaints, stuck, "--offset", str(stuck.offset - 1))

    assert result.exit_code == 1
    assert f"is at offset {stuck.offset}" in result.stdout
    assert asyncio.run(stuck.committed()) == stuck.offset


def test_a_group_without_an_offset_there_is_refused(complaints: Run, stuck: Stuck) -> None:
    result = complaints("skip", "--group", f"{stuck.group}-other", "--topic", stuck.topic, "--partition", "0",
                        "--reason", "try")

    assert result.exit_code == 1
    assert "has no committed offset" in result.stdout
