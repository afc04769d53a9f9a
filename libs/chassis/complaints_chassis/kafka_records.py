"""What FastStream hands the consumer, made safe to handle record by record."""

import dataclasses
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from aiokafka import ConsumerRecord, TopicPartition


async def tolerant_parse(records: tuple[ConsumerRecord, ...],
                         original: Callable[[tuple[ConsumerRecord, ...]], Awaitable[Any]]) -> Any:
    """FastStream's parser, made safe against headers that are not UTF-8.

    FastStream decodes every header of every record as UTF-8 before any handler runs: one bad value would fail the
    whole batch outside our retry and dead-letter logic, and the next good batch would commit past it. It sees
    copies without undecodable headers; the batch handed on is the untouched records, decoded one by one by the
    CloudEvents binding (which dead-letters the bad one).
    """
    message = await original(tuple(_text_headers_only(r) for r in records))
    message.raw_message = tuple(records)
    return message


def _text_headers_only(record: ConsumerRecord) -> ConsumerRecord:
    headers = list(record.headers or ())
    text = [(k, v) for k, v in headers if _is_utf8(v)]
    return record if len(text) == len(headers) else dataclasses.replace(record, headers=text)


def _is_utf8(value: bytes | None) -> bool:
    try:
        (value or b"").decode()
    except UnicodeDecodeError:
        return False
    return True


def remaining(consumer: Any, records: Sequence[ConsumerRecord]) -> dict[tuple[str, int], int]:
    """Messages left behind each partition's last record of the batch (highwater is known after a fetch)."""
    last: dict[tuple[str, int], int] = {}
    for record in records:
        key = (record.topic, record.partition)
        last[key] = max(last.get(key, -1), record.offset)
    left = {}
    for (topic, partition), offset in last.items():
        highwater = consumer.highwater(TopicPartition(topic, partition))
        if highwater is not None:
            left[(topic, partition)] = max(highwater - offset - 1, 0)
    return left
