"""Dead-lettering: the original record on `<topic>.dlq` with the reason in headers.

The copy is the original key, value and headers, with two exceptions that keep a poison record from blocking its
partition: a header value that is not UTF-8 travels base64-encoded under `dlq-raw-header-<name>` (the producer
sends text headers), and a value larger than the producer may send is cut to `max_value_bytes` and marked with
`dlq-truncated-from` (the original stays findable by its topic, partition and offset until retention removes it).
"""

import base64

from aiokafka import ConsumerRecord
from complaint_contracts import KafkaRecord
from complaint_contracts.topics import dlq

from .publishing import OutgoingRecord, RecordPublisher

REASON = "dlq-reason"
ERROR_CLASS = "dlq-error-class"
ORIGINAL_TOPIC = "dlq-original-topic"
ORIGINAL_PARTITION = "dlq-original-partition"
ORIGINAL_OFFSET = "dlq-original-offset"
CONSUMER_GROUP = "dlq-consumer-group"
ATTEMPTS = "dlq-attempts"
TRUNCATED_FROM = "dlq-truncated-from"
REPLAY_COUNT = "dlq-replay-count"
RAW_HEADER_PREFIX = "dlq-raw-header-"
MAX_REASON_LENGTH = 2000
MAX_VALUE_BYTES = 512 * 1024
"""Half the producer's default request size: room for the key and headers of the copy."""


def _text_headers(headers: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    kept = []
    for name, value in headers:
        try:
            value.decode()
            kept.append((name, value))
        except UnicodeDecodeError:
            kept.append((RAW_HEADER_PREFIX + name, base64.b64encode(value)))
    return kept


def dead_letter_record(record: ConsumerRecord, *, reason: str, error_class: str, group_id: str,
                       attempts: int, max_value_bytes: int = MAX_VALUE_BYTES) -> OutgoingRecord:
    """The DLQ copy of a consumed record: same key, value and headers, plus where it came from and why."""
    # dlq-* headers of an earlier dead-lettering are replaced, but how often an operator replayed it is kept.
    headers = _text_headers([(k, v or b"") for k, v in (record.headers or ())
                             if not k.startswith("dlq-") or k == REPLAY_COUNT])
    value = record.value or b""
    if len(value) > max_value_bytes:
        headers.append((TRUNCATED_FROM, str(len(value)).encode()))
        value = value[:max_value_bytes]
    headers += [
        (REASON, reason[:MAX_REASON_LENGTH].encode()),
        (ERROR_CLASS, error_class.encode()),
        (ORIGINAL_TOPIC, record.topic.encode()),
        (ORIGINAL_PARTITION, str(record.partition).encode()),
        (ORIGINAL_OFFSET, str(record.offset).encode()),
        (CONSUMER_GROUP, group_id.encode()),
        (ATTEMPTS, str(attempts).encode()),
    ]
    return OutgoingRecord(topic=dlq(record.topic), record=KafkaRecord(key=record.key, value=value, headers=headers))


def dead_letter_copy(out: OutgoingRecord, *, reason: str, error_class: str, group_id: str,
                     attempts: int) -> OutgoingRecord:
    """A record that was never consumed but belongs on its topic's DLQ (e.g. a delivery that can never succeed)."""
    headers = [*out.record.headers,
               (REASON, reason[:MAX_REASON_LENGTH].encode()), (ERROR_CLASS, error_class.encode()),
               (ORIGINAL_TOPIC, out.topic.encode()), (CONSUMER_GROUP, group_id.encode()),
               (ATTEMPTS, str(attempts).encode())]
    return OutgoingRecord(topic=dlq(out.topic), record=KafkaRecord(key=out.record.key, value=out.record.value,
                                                                   headers=headers))


class DeadLetters:
    def __init__(self, publisher: RecordPublisher, group_id: str) -> None:
        self._publisher = publisher
        self._group_id = group_id

    async def send(self, failures: list[tuple[ConsumerRecord, str, str, int]]) -> None:
        """Dead-letter (record, reason, error class, attempts) tuples; raises if the DLQ did not take them."""
        if failures:
            await self._publisher.send([
                dead_letter_record(r, reason=reason, error_class=cls, group_id=self._group_id, attempts=n)
                for r, reason, cls, n in failures
            ])
