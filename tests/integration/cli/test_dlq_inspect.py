"""`complaints dlq list` and `show`: where dead letters lie and came from, and their values only when asked."""

from collections.abc import Callable
from pathlib import Path

from complaint_contracts import KafkaRecord, to_kafka, topics
from typer.testing import Result

from tests.integration.cli.conftest import Letters, audited, rows
from tests.support.builders import make_complaint_received

Run = Callable[..., Result]


def test_list_shows_each_letter_of_a_group_with_its_origin_and_reason(letters: Letters, complaints: Run) -> None:
    good = letters.dead_letter(to_kafka(make_complaint_received()), reason="handler failed 4 times",
                               error_class="ConnectionError")
    bad = letters.dead_letter(KafkaRecord(key=b"c-1", value=b"not json", headers=[("ce_specversion", b"1.0")]))

    result = complaints("list", "--topic", topics.INTAKE, "--group", letters.group)

    assert result.exit_code == 0, result.output
    listed = {row[0]: row for row in rows(result.stdout)}
    assert set(listed) == {good, bad}
    letter, original, group, reason, error_class, _, attempts, replays = listed[good]
    assert original.startswith(f"{topics.INTAKE}/") and group == letters.group
    assert (reason, error_class, attempts, replays) == ("handler failed 4 times", "ConnectionError", "1", "0")
    assert listed[bad][4] == "UndecodableEvent"
    assert "2 dead letter(s); 2 shown." in result.stdout


def test_show_gives_headers_and_the_shape_of_the_value_but_not_its_content(letters: Letters, complaints: Run,
                                                                            audit_log: Path) -> None:
    event = make_complaint_received(customer={"name": "Ilona Varga", "email": "ilona.varga@example.org"})
    where = letters.dead_letter(to_kafka(event))

    result = complaints("show", where)

    assert result.exit_code == 0, result.output
    assert "Ilona Varga" not in result.stdout and "ilona.varga@example.org" not in result.stdout
    cells = {row[0]: row[1:] for row in rows(result.stdout)}
    assert cells["ce_type"] == [event.type]
    assert cells["dlq-consumer-group"] == [letters.group]
    assert cells["customer.name"] == ["string", str(len('"Ilona Varga"'))]
    assert cells["customer.email"][0] == "string"
    assert audited(audit_log) == []


def test_reveal_needs_a_reason_and_is_audited(letters: Letters, complaints: Run, audit_log: Path) -> None:
    event = make_complaint_received(customer={"name": "Ilona Varga", "email": "ilona.varga@example.org"})
    where = letters.dead_letter(to_kafka(event))

    refused = complaints("show", where, "--reveal")
    assert refused.exit_code != 0 and "Ilona Varga" not in refused.output

    result = complaints("show", where, "--reveal", "--reason", "INC-42: why did intake refuse it", "--operator",
                        "ops-anna")

    assert result.exit_code == 0, result.output
    assert "Ilona Varga" in result.stdout
    [entry] = audited(audit_log)
    assert (entry["action"], entry["letter"], entry["operator"]) == ("dlq.reveal", where, "ops-anna")
    assert "Ilona" not in str(entry)


def test_letters_sent_in_one_batch_are_all_found(letters: Letters, complaints: Run) -> None:
    # The embedded broker's end offset stops at the last batch's first record: reading must not trust it.
    wheres = letters.dead_letters([to_kafka(make_complaint_received()) for _ in range(3)])

    listed = complaints("list", "--topic", topics.INTAKE, "--group", letters.group)

    assert {row[0] for row in rows(listed.stdout)} == set(wheres)
    assert complaints("show", wheres[-1]).exit_code == 0


def test_show_says_when_there_is_no_such_letter(complaints: Run) -> None:
    result = complaints("show", f"{topics.dlq(topics.INTAKE)}/0/999999999")
    assert result.exit_code == 1 and "No dead letter at" in result.stdout
    assert complaints("show", f"{topics.INTAKE}/0/1").exit_code == 2  # not a dead-letter topic
