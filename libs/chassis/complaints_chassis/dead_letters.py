"""Dead-lettering: the original record, unchanged, on `<topic>.dlq` with the reason in headers."""

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
MAX_REASON_LENGTH = 2000


def dead_letter_record(record: ConsumerRecord, *, reason: str, error_class: str, group_id: str,
                       attempts: int) -> OutgoingRecord:
    """The DLQ copy of a consumed record: same key, value and headers, plus where it came from and why."""
    headers = [(k, v) for k, v in (record.headers or ()) if not k.startswith("dlq-")]
    headers += [
        (REASON, reason[:MAX_REASON_LENGTH].encode()),
        (ERROR_CLASS, error_class.encode()),
        (ORIGINAL_TOPIC, record.topic.encode()),
        (ORIGINAL_PARTITION, str(record.partition).encode()),
        (ORIGINAL_OFFSET, str(record.offset).encode()),
        (CONSUMER_GROUP, group_id.encode()),
        (ATTEMPTS, str(attempts).encode()),
    ]
    return OutgoingRecord(topic=dlq(record.topic),
                          record=KafkaRecord(key=record.key, value=record.value or b"", headers=headers))


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
