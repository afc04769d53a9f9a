"""A dead letter as an operator sees it: where it lies, where it came from, why, and the original record.

The headers are those `complaints_chassis.dead_letters` writes; the original record is the letter without its
`dlq-*` headers, with every header that travelled base64-encoded (`dlq-raw-header-<name>`) given back its bytes.
"""

import base64
from dataclasses import dataclass
from datetime import UTC, datetime

from complaint_contracts.topics import DLQ_SUFFIX
from complaints_chassis import dead_letters as dl

REPLAY_COUNT = "dlq-replay-count"
"""How often a record was replayed from its dead-letter topic (set on the replayed record)."""
DLQ_PREFIX = "dlq-"


@dataclass(frozen=True)
class Location:
    """A record's place: `topic/partition/offset`, the form `complaints dlq list` prints."""

    topic: str
    partition: int
    offset: int

    def __str__(self) -> str:
        return f"{self.topic}/{self.partition}/{self.offset}"

    @classmethod
    def parse(cls, text: str) -> "Location":
        topic, _, rest = text.rpartition("/")
        topic, _, partition = topic.rpartition("/")
        if not topic or not partition.isdigit() or not rest.isdigit():
            raise ValueError(f"{text!r} is not TOPIC/PARTITION/OFFSET (as `complaints dlq list` prints it)")
        return cls(topic, int(partition), int(rest))


@dataclass(frozen=True)
class DeadLetter:
    location: Location
    timestamp_ms: int
    key: bytes | None
    value: bytes
    headers: list[tuple[str, bytes]]

    def header(self, name: str) -> str | None:
        value = next((v for k, v in self.headers if k == name), None)
        return value.decode(errors="replace") if value is not None else None

    def _number(self, name: str) -> int | None:
        value = self.header(name)
        return int(value) if value is not None and value.lstrip("-").isdigit() else None

    @property
    def at(self) -> datetime:
        return datetime.fromtimestamp(self.timestamp_ms / 1000, UTC)

    @property
    def reason(self) -> str:
        return self.header(dl.REASON) or ""

    @property
    def error_class(self) -> str:
        return self.header(dl.ERROR_CLASS) or ""

    @property
    def group(self) -> str:
        return self.header(dl.CONSUMER_GROUP) or ""

    @property
    def original_topic(self) -> str | None:
        return self.header(dl.ORIGINAL_TOPIC)

    @property
    def original(self) -> str:
        """Where the record was consumed from (`topic/partition/offset`; only the topic for a copy never consumed)."""
        partition, offset = self._number(dl.ORIGINAL_PARTITION), self._number(dl.ORIGINAL_OFFSET)
        if partition is None or offset is None:
            return self.original_topic or "?"
        return str(Location(self.original_topic or "?", partition, offset))

    @property
    def attempts(self) -> int | None:
        return self._number(dl.ATTEMPTS)

    @property
    def truncated_from(self) -> int | None:
        """The original value's size when the letter holds only its beginning."""
        return self._number(dl.TRUNCATED_FROM)

    @property
    def replay_count(self) -> int:
        return self._number(REPLAY_COUNT) or 0

    def original_headers(self) -> list[tuple[str, bytes]]:
        """The headers the original record had: no `dlq-*` ones, binary values decoded back."""
        restored = []
        for name, value in self.headers:
            if name.startswith(dl.RAW_HEADER_PREFIX):
                restored.append((name.removeprefix(dl.RAW_HEADER_PREFIX), base64.b64decode(value)))
            elif not name.startswith(DLQ_PREFIX):
                restored.append((name, value))
        return restored


def is_dead_letter_topic(topic: str) -> bool:
    return topic.endswith(DLQ_SUFFIX)
