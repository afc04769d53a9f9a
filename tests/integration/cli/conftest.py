"""Dead letters made the way the consumers make them (`complaints_chassis.dead_letters`), and the CLI run on them."""

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer, ConsumerRecord
from complaint_contracts import KafkaRecord, topics
from complaints_chassis.dead_letters import dead_letter_record
from complaints_cli.main import app
from typer.testing import CliRunner, Result

from tests.support.backends import Backend

WIDE = {"COLUMNS": "400"}  # one table row per line: nothing folded


async def produce(bootstrap: str, topic: str, record: KafkaRecord, partition: int | None = None
                  ) -> tuple[int, int]:
    [where] = await produce_together(bootstrap, topic, [record], partition=partition)
    return where


async def produce_together(bootstrap: str, topic: str, records: list[KafkaRecord], partition: int | None = None
                           ) -> list[tuple[int, int]]:
    """(partition, offset) of each record; records of one partition go in one producer batch."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", max_request_size=4 * 1024 * 1024,
                                linger_ms=100)
    await producer.start()
    try:
        futures = [await producer.send(topic, r.value, key=r.key, headers=r.headers, partition=partition)
                   for r in records]
        sent = [await future for future in futures]
    finally:
        await producer.stop()
    return [(s.partition, s.offset) for s in sent]


@dataclass
class Letters:
    """Puts records on a topic, as consumed, onto its dead-letter topic as consumer group `group` would."""

    backend: Backend
    group: str

    def dead_letter(self, record: KafkaRecord, *, topic: str = topics.INTAKE, reason: str = "undecodable event: x",
                    error_class: str = "UndecodableEvent", max_value_bytes: int | None = None) -> str:
        """Produce the original, dead-letter it; returns the letter's TOPIC/PARTITION/OFFSET."""
        [where] = self.dead_letters([record], topic=topic, reason=reason, error_class=error_class,
                                    max_value_bytes=max_value_bytes)
        return where

    def dead_letters(self, records: list[KafkaRecord], *, topic: str = topics.INTAKE,
                     reason: str = "undecodable event: x", error_class: str = "UndecodableEvent",
                     max_value_bytes: int | None = None) -> list[str]:
        """Several at once: their letters go to one partition in one producer batch, as a consumer sends them."""
        bootstrap = self.backend.kafka_bootstrap
        placed = asyncio.run(produce_together(bootstrap, topic, records))
        limits = {"max_value_bytes": max_value_bytes} if max_value_bytes is not None else {}
        copies = [dead_letter_record(
            ConsumerRecord(topic=topic, partition=partition, offset=offset, timestamp=0, timestamp_type=0,
                           key=record.key, value=record.value, checksum=None, serialized_key_size=0,
                           serialized_value_size=len(record.value), headers=tuple(record.headers)),
            reason=reason, error_class=error_class, group_id=self.group, attempts=1, **limits)
            for record, (partition, offset) in zip(records, placed, strict=True)]
        dlq_topic = copies[0].topic
        letters = asyncio.run(produce_together(bootstrap, dlq_topic, [c.record for c in copies], partition=0))
        return [f"{dlq_topic}/{partition}/{offset}" for partition, offset in letters]


@pytest.fixture
def letters(backend: Backend, unique: str) -> Letters:
    return Letters(backend, group=f"cli-dlq-{unique}")


@pytest.fixture
def audit_log(tmp_path: Path) -> Path:
    return tmp_path / "audit.log"


def audited(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


@pytest.fixture
def complaints(backend: Backend, audit_log: Path) -> Callable[..., Result]:
    """Run `complaints dlq …` against the test broker, auditing into this test's own file."""
    def run(*args: str) -> Result:
        return CliRunner().invoke(app, ["dlq", *args, "--bootstrap", backend.kafka_bootstrap,
                                        *(["--audit-log", str(audit_log)] if args[0] != "list" else [])],
                                  env=WIDE)
    return run


def rows(output: str) -> list[list[str]]:
    """The cells of every table row in the output."""
    found = []
    for line in output.splitlines():
        if line.startswith("│"):
            found.append([cell.strip() for cell in line.strip("│").split("│")])
    return found
