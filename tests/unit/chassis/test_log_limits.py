"""Repeated third-party log lines are held back after a burst and summarised when let through again."""

import logging

from complaints_chassis.log_limits import RepeatLimit, limit_repeats


def record(msg: str, name: str = "aiokafka.client") -> logging.LogRecord:
    return logging.LogRecord(name, logging.ERROR, __file__, 1, msg, None, None)


def test_a_burst_passes_then_repeats_are_held_until_the_window_ends() -> None:
    now = [0.0]
    limit = RepeatLimit(burst=2, window_seconds=10, clock=lambda: now[0])
    assert [limit.filter(record("Unable connect to node %s")) for _ in range(5)] == [True, True, False, False, False]
    now[0] = 10.0
    later = record("Unable connect to node %s")
    assert limit.filter(later)
    assert "3 more like it held back" in later.msg


def test_different_messages_are_counted_apart() -> None:
    limit = RepeatLimit(burst=1, window_seconds=10, clock=lambda: 0.0)
    assert limit.filter(record("a"))
    assert limit.filter(record("b"))
    assert not limit.filter(record("a"))


def test_installed_on_every_existing_aiokafka_logger() -> None:
    logging.getLogger("aiokafka.consumer.fetcher")
    limit = limit_repeats()
    assert limit in logging.getLogger("aiokafka.consumer.fetcher").filters
    assert limit_repeats() is not None  # installing twice adds no second filter
    assert sum(isinstance(f, RepeatLimit) for f in logging.getLogger("aiokafka.consumer.fetcher").filters) == 1
