"""`complaints dlq replay`: the original record back on its topic once it can succeed; never one that cannot."""

import asyncio
from collections.abc import Callable
from pathlib import Path

from complaint_contracts import KafkaRecord, from_kafka, to_kafka, topics
from typer.testing import Result

from tests.integration.cli.conftest import Letters, audited
from tests.support.backends import Backend
from tests.support.builders import make_complaint_received
from tests.support.kafka import read_until

Run = Callable[..., Result]


def replayed_copy(backend: Backend, event_id: str) -> object:
    """The replayed record of the event on its original topic (its ce_id and the replay header tell it apart)."""
    return asyncio.run(read_until(backend.kafka_bootstrap, topics.INTAKE,
                                  lambda r: dict(r.headers).get("ce_id") == event_id.encode()
                                  and "dlq-replay-count" in dict(r.headers)))


def test_a_letter_is_replayed_with_its_key_value_and_headers_and_audited(
        letters: Letters, complaints: Run, backend: Backend, audit_log: Path) -> None:
    event = make_complaint_received()
    original = to_kafka(event)
    where = letters.dead_letter(original, reason="store away", error_class="ServerSelectionTimeoutError")

    result = complaints("replay", where, "--reason", "INC-7: store is back", "--operator", "ops-anna")

    assert result.exit_code == 0, result.output
    record = replayed_copy(backend, str(event.id))
    assert (record.key, record.value) == (original.key, original.value)
    assert list(record.headers) == [*original.headers, ("dlq-replay-count", b"1")]
    assert from_kafka(topics.INTAKE, record.value, record.headers) == event
    assert f"Replayed {where} to {topics.INTAKE}/{record.partition}/{record.offset} (replay 1)." in result.stdout
    [entry] = audited(audit_log)
    assert (entry["action"], entry["letter"], entry["to"], entry["operator"], entry["reason"]) == (
        "dlq.replay", where, f"{topics.INTAKE}/{record.partition}/{record.offset}", "ops-anna",
        "INC-7: store is back")


def test_a_letter_that_would_fail_again_is_refused_unless_forced(letters: Letters, complaints: Run,
                                                                  backend: Backend, audit_log: Path) -> None:
    event = make_complaint_received()
    original = to_kafka(event)
    broken = KafkaRecord(original.key, b'{"complaint_id": 42}', original.headers)
    where = letters.dead_letter(broken)

    refused = complaints("replay", where, "--reason", "try")

    assert refused.exit_code == 1
    assert "would fail again unchanged: it is still undecodable" in refused.stdout
    assert audited(audit_log) == []

    forced = complaints("replay", where, "--reason", "consumers upgraded", "--force")

    assert forced.exit_code == 0, forced.output
    assert replayed_copy(backend, str(event.id)).value == broken.value
    assert audited(audit_log)[0]["forced"] is True


def test_a_header_that_is_not_text_is_refused_and_given_back_its_bytes_when_forced(
        letters: Letters, complaints: Run, backend: Backend) -> None:
    event = make_complaint_received()
    original = to_kafka(event)
    binary = KafkaRecord(original.key, original.value, [*original.headers, ("x-trace", b"\xff\x00")])
    where = letters.dead_letter(binary)

    refused = complaints("replay", where, "--reason", "try")
    assert refused.exit_code == 1 and "header is not UTF-8" in refused.stdout

    forced = complaints("replay", where, "--reason", "the consumers read binary headers now", "--force")

    assert forced.exit_code == 0, forced.output
    record = replayed_copy(backend, str(event.id))
    assert list(record.headers) == [*original.headers, ("x-trace", b"\xff\x00"), ("dlq-replay-count", b"1")]


def test_a_letter_larger_than_the_consumers_read_is_refused(letters: Letters, complaints: Run) -> None:
    original = to_kafka(make_complaint_received(description="d" * 3000))
    where = letters.dead_letter(original)

    result = complaints("replay", where, "--reason", "try", "--max-record-bytes", "1024")

    assert result.exit_code == 1
    assert "exceeds the consumers' 1024-byte limit" in result.stdout


def test_a_truncated_copy_is_never_replayed(letters: Letters, complaints: Run, audit_log: Path) -> None:
    original = to_kafka(make_complaint_received(description="d" * 3000))
    where = letters.dead_letter(original, max_value_bytes=1000, reason="record too large")

    result = complaints("replay", where, "--reason", "try", "--force")

    assert result.exit_code == 1
    assert "holds only the first 1000 of" in result.stdout and "the original is at complaints.intake.v1/" in (
        result.stdout.replace("\n", ""))
    assert audited(audit_log) == []


def test_each_of_several_letters_is_replayed_or_refused_on_its_own(letters: Letters, complaints: Run,
                                                                  backend: Backend) -> None:
    event = make_complaint_received()
    good = letters.dead_letter(to_kafka(event))
    bad = letters.dead_letter(KafkaRecord(b"k", b"[", [("ce_specversion", b"1.0")]))

    result = complaints("replay", bad, good, "--reason", "INC-9")

    assert result.exit_code == 1
    assert f"Replayed {good} to" in result.stdout and "Refused:" in result.stdout
    assert dict(replayed_copy(backend, str(event.id)).headers)["dlq-replay-count"] == b"1"
