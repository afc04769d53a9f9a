"""Which dead letters may be replayed: only what the consumers would now accept, never a truncated copy."""

import pytest
from complaint_contracts import to_kafka, topics
from complaints_chassis import dead_letters as dl
from complaints_cli.dlq.letters import REPLAY_COUNT, DeadLetter, Location
from complaints_cli.dlq.replay import Refused, replay_record, why_it_would_fail

from tests.support.builders import make_complaint_received


def letter_of(value: bytes, headers: list[tuple[str, bytes]], *extra: tuple[str, bytes],
              topic: str = topics.INTAKE) -> DeadLetter:
    return DeadLetter(Location(topics.dlq(topic), 0, 3), 0, b"c-1", value,
                      [*headers, (dl.ORIGINAL_TOPIC, topic.encode()), (dl.REASON, b"r"), *extra])


def test_a_valid_event_is_replayed_to_its_topic_with_the_replay_counted() -> None:
    record = to_kafka(make_complaint_received())
    letter = letter_of(record.value, record.headers, (REPLAY_COUNT, b"1"))

    assert why_it_would_fail(letter) is None
    assert replay_record(letter, force=False) == (topics.INTAKE, b"c-1", record.value,
                                                  [*record.headers, (REPLAY_COUNT, b"2")])


@pytest.mark.parametrize(("value", "headers", "why"), [
    (b"not json", None, "it is still undecodable: value is not JSON"),
    (b"{}", [("ce_specversion", b"1.0"), ("ce_type", b"complaints.intake.Unheard")], "the consumers skip it"),
    (b"x" * 2048, None, "exceeds the consumers' 1024-byte limit"),
])
def test_a_letter_that_would_fail_again_is_refused_unless_forced(value: bytes, headers: list | None,
                                                                 why: str) -> None:
    record = to_kafka(make_complaint_received())
    letter = letter_of(value, headers if headers is not None else record.headers)

    with pytest.raises(Refused, match=why):
        replay_record(letter, force=False, max_record_bytes=1024)
    assert replay_record(letter, force=True, max_record_bytes=1024)[2] == value


def test_a_truncated_copy_or_one_without_its_origin_is_refused_even_when_forced() -> None:
    record = to_kafka(make_complaint_received())
    truncated = letter_of(record.value[:10], record.headers, (dl.TRUNCATED_FROM, b"900000"))
    with pytest.raises(Refused, match="holds only the first 10 of 900000 bytes"):
        replay_record(truncated, force=True)

    orphan = DeadLetter(Location("x.dlq", 0, 0), 0, None, record.value, list(record.headers))
    with pytest.raises(Refused, match="does not say which topic it came from"):
        replay_record(orphan, force=True)
