"""Replaying a dead letter: the original record back onto its original topic, once it can succeed.

A letter is refused when replaying it unchanged would only dead-letter it again: its value is larger than the
consumers decode, or it is not a valid event of its topic (the very check the consumer makes: the CloudEvents
binding's `from_kafka`). An event type this build does not know is refused too: the consumers would skip it.
`force` replays such a letter anyway (e.g. once the consumers were upgraded to read it). A truncated copy is never
replayed: it is not the original record (read that from its original topic while retention keeps it).
"""

from dataclasses import dataclass

from aiokafka import AIOKafkaProducer
from complaint_contracts import UndecodableEvent, UnknownEventType, from_kafka
from complaints_chassis.settings import ServiceSettings

from .letters import REPLAY_COUNT, DeadLetter, Location

MAX_RECORD_BYTES = int(ServiceSettings.model_fields["consumer_max_record_bytes"].default)
"""The consumers' default limit (`<SERVICE>_CONSUMER_MAX_RECORD_BYTES`)."""
PRODUCER_MAX_REQUEST_BYTES = 4 * 1024 * 1024


class Refused(Exception):
    """The letter is not replayed; the message says why (no payload in it)."""


@dataclass(frozen=True)
class Replayed:
    letter: Location
    to: Location
    replay_count: int


def why_it_would_fail(letter: DeadLetter, *, max_record_bytes: int = MAX_RECORD_BYTES) -> str | None:
    """The reason the consumer would dead-letter (or skip) the original record again, or None if it would not."""
    topic = letter.original_topic or ""
    if len(letter.value) > max_record_bytes:
        return f"its value of {len(letter.value)} bytes exceeds the consumers' {max_record_bytes}-byte limit"
    try:
        from_kafka(topic, letter.value, letter.original_headers())
    except UnknownEventType as exc:
        return f"the consumers skip it: {exc}"
    except UndecodableEvent as exc:
        return f"it is still undecodable: {exc}"
    return None


def replay_record(letter: DeadLetter, *, force: bool, max_record_bytes: int = MAX_RECORD_BYTES
                  ) -> tuple[str, bytes | None, bytes, list[tuple[str, bytes]]]:
    """(topic, key, value, headers) to publish, or Refused."""
    if letter.truncated_from is not None:
        raise Refused(f"{letter.location} holds only the first {len(letter.value)} of {letter.truncated_from} bytes; "
                      f"the original is at {letter.original} while its retention keeps it")
    if not letter.original_topic:
        raise Refused(f"{letter.location} does not say which topic it came from (no dlq-original-topic header)")
    if not force and (why := why_it_would_fail(letter, max_record_bytes=max_record_bytes)):
        raise Refused(f"{letter.location} would fail again unchanged: {why} (--force replays it anyway)")
    headers = [*letter.original_headers(), (REPLAY_COUNT, str(letter.replay_count + 1).encode())]
    return letter.original_topic, letter.key, letter.value, headers


async def replay(bootstrap: str, letter: DeadLetter, *, force: bool = False,
                 max_record_bytes: int = MAX_RECORD_BYTES) -> Replayed:
    """Publish the original record again (acks=all) and say where it went."""
    topic, key, value, headers = replay_record(letter, force=force, max_record_bytes=max_record_bytes)
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", max_request_size=PRODUCER_MAX_REQUEST_BYTES)
    await producer.start()
    try:
        # Keyed like the original: it joins the complaint's partition, after the complaint's newer events.
        sent = await producer.send_and_wait(topic, value, key=key, headers=headers)
    finally:
        await producer.stop()
    return Replayed(letter=letter.location, to=Location(topic, sent.partition, sent.offset),
                    replay_count=letter.replay_count + 1)
