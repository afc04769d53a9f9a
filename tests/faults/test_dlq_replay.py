"""Dead letters of the running suite, operated with `complaints dlq`: a submission intake refused is found with its
reasons and without its personal data, is not replayed unchanged, and a letter replayed (twice) after the fix takes
effect once."""

import asyncio
import json
from pathlib import Path

from aiokafka import AIOKafkaProducer, ConsumerRecord
from complaint_contracts import KafkaRecord, to_kafka, topics
from complaints_chassis.dead_letters import dead_letter_record
from complaints_cli.main import app
from typer.testing import CliRunner, Result

from tests.e2e import journey
from tests.faults.conftest import Supervised, acknowledgements

WIDE = {"COLUMNS": "400"}


async def produce(bootstrap: str, topic: str, record: KafkaRecord) -> tuple[int, int]:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        sent = await producer.send_and_wait(topic, record.value, key=record.key, headers=record.headers)
    finally:
        await producer.stop()
    return sent.partition, sent.offset


def complaints(supervised: Supervised, audit_log: Path, *args: str) -> Result:
    audit = ["--audit-log", str(audit_log)] if args[0] != "list" else []
    return CliRunner().invoke(app, ["dlq", *args, "--bootstrap", supervised.suite.kafka_bootstrap, *audit], env=WIDE)


def letters_of(output: str, marker: str) -> list[list[str]]:
    return [[c.strip() for c in line.strip("│").split("│")] for line in output.splitlines()
            if line.startswith("│") and marker in line]


def test_a_refused_submission_is_found_with_its_reasons_and_not_replayed_unchanged(supervised: Supervised,
                                                                                 tmp_path: Path) -> None:
    refused = journey.submission(title="   ", customer={"name": "Hanna Marsh", "email": "hanna@example.org"})
    journey.submit(supervised.suite, refused)
    broken = to_kafka(journey.submission())
    journey.produce(supervised.suite, KafkaRecord(broken.key, b"{not json", broken.headers))

    def listed() -> list[list[str]]:
        result = complaints(supervised, tmp_path / "audit.log", "list", "--topic", topics.SUBMISSIONS,
                            "--group", "intake")
        return [row for row in letters_of(result.stdout, topics.SUBMISSIONS)
                if row[4] == "UndecodableEvent" or "title" in row[3]]

    found = journey.wait_for(listed, lambda rows: len(rows) >= 2, what="both submissions dead-lettered by intake")
    by_class = {row[4]: row for row in found}
    assert by_class["PermanentError"][3] == "rejected: title: missing"
    assert by_class["UndecodableEvent"][3].startswith("undecodable event: value is not JSON")

    shown = complaints(supervised, tmp_path / "audit.log", "show", by_class["PermanentError"][0])
    assert shown.exit_code == 0, shown.output
    assert "customer.name" in shown.stdout and "Hanna Marsh" not in shown.stdout

    replayed = complaints(supervised, tmp_path / "audit.log", "replay", by_class["UndecodableEvent"][0],
                          "--reason", "try")
    assert replayed.exit_code == 1 and "would fail again unchanged" in replayed.stdout


def test_a_letter_replayed_after_the_fix_takes_effect_once_however_often_replayed(supervised: Supervised,
                                                                                  tmp_path: Path) -> None:
    submitted = journey.submission()
    record = to_kafka(submitted)
    # As intake dead-letters a submission whose store write kept failing (the record itself is sound).
    consumed = ConsumerRecord(topic=topics.SUBMISSIONS, partition=0, offset=0, timestamp=0, timestamp_type=0,
                              key=record.key, value=record.value, checksum=None, serialized_key_size=0,
                              serialized_value_size=len(record.value), headers=tuple(record.headers))
    copy = dead_letter_record(consumed, reason="retries exhausted: ServerSelectionTimeoutError",
                              error_class="ServerSelectionTimeoutError", group_id="intake", attempts=4)
    partition, offset = asyncio.run(produce(supervised.suite.kafka_bootstrap, copy.topic, copy.record))
    letter = f"{copy.topic}/{partition}/{offset}"

    for attempt in (1, 2):
        replayed = complaints(supervised, tmp_path / "audit.log", "replay", letter, "--reason",
                              f"INC-3: store is back (attempt {attempt})")
        assert replayed.exit_code == 0, replayed.output

    address = submitted.customer.email
    journey.wait_until(lambda: acknowledgements(supervised.suite, {address}),
                       what="the replayed complaint acknowledged")
    assert len(journey.received_for(supervised.suite, submitted)) == 1
    assert acknowledgements(supervised.suite, {address}) == {address: 1}
    entries = [json.loads(line) for line in (tmp_path / "audit.log").read_text().splitlines()]
    assert [(e["action"], e["letter"]) for e in entries] == [("dlq.replay", letter)] * 2
