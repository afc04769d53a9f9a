"""A dead letter read back: its origin, its reasons, and the original record's headers restored."""

import base64

import pytest
from complaints_chassis import dead_letters as dl
from complaints_cli.dlq.letters import REPLAY_COUNT, DeadLetter, Location


def letter(*headers: tuple[str, bytes], value: bytes = b"{}") -> DeadLetter:
    return DeadLetter(Location("complaints.intake.v1.dlq", 2, 7), timestamp_ms=1_700_000_000_000, key=b"c-1",
                      value=value, headers=list(headers))


def test_a_location_reads_back_as_it_prints() -> None:
    where = Location.parse("complaints.intake.v1.dlq/11/4096")
    assert (where.topic, where.partition, where.offset) == ("complaints.intake.v1.dlq", 11, 4096)
    assert str(where) == "complaints.intake.v1.dlq/11/4096"
    for wrong in ("complaints.intake.v1.dlq", "t/x/1", "t/1/-1", "/1/2"):
        with pytest.raises(ValueError, match="TOPIC/PARTITION/OFFSET"):
            Location.parse(wrong)


def test_the_origin_and_reasons_come_from_the_chassis_headers() -> None:
    found = letter((dl.REASON, b"undecodable event: x"), (dl.ERROR_CLASS, b"UndecodableEvent"),
                   (dl.ORIGINAL_TOPIC, b"complaints.intake.v1"), (dl.ORIGINAL_PARTITION, b"2"),
                   (dl.ORIGINAL_OFFSET, b"41"), (dl.CONSUMER_GROUP, b"routing"), (dl.ATTEMPTS, b"1"))

    assert (found.reason, found.error_class, found.group) == ("undecodable event: x", "UndecodableEvent", "routing")
    assert found.original == "complaints.intake.v1/2/41"
    assert (found.attempts, found.truncated_from, found.replay_count) == (1, None, 0)
    assert found.at.isoformat() == "2023-11-14T22:13:20+00:00"


def test_a_copy_that_was_never_consumed_names_only_its_topic() -> None:
    assert letter((dl.ORIGINAL_TOPIC, b"complaints.notification.v1")).original == "complaints.notification.v1"


def test_the_original_headers_drop_dlq_ones_and_get_binary_values_back() -> None:
    found = letter(("ce_id", b"e-1"), (dl.RAW_HEADER_PREFIX + "x-trace", base64.b64encode(b"\xff\x00")),
                   (dl.REASON, b"r"), (REPLAY_COUNT, b"2"), (dl.TRUNCATED_FROM, b"9000"))

    assert found.original_headers() == [("ce_id", b"e-1"), ("x-trace", b"\xff\x00")]
    assert (found.replay_count, found.truncated_from) == (2, 9000)
