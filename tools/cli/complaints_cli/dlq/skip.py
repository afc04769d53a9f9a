"""Skipping the record a consumer group is stuck on: a copy goes to the dead-letter topic, then the group's
offset moves past it.

Only while the group has no active member: a running consumer would overwrite the offset with its own next
commit (and the broker refuses a commit from outside a group that has members anyway). The copy comes first, so
the record is never lost: if the commit then fails, the copy is merely one more dead letter.
"""

from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from complaints_chassis.dead_letters import dead_letter_record

from .letters import Location, is_dead_letter_topic
from .reading import read_record
from .replay import PRODUCER_MAX_REQUEST_BYTES, Refused

SKIPPED = "SkippedByOperator"
"""The dead letter's error class: an operator moved the group past the record."""
IDLE_STATES = {"Empty", "Dead"}


@dataclass(frozen=True)
class Skipped:
    group: str
    record: Location
    committed: int
    """The group's new offset on the partition (the record's offset + 1)."""
    dead_letter: Location


async def active_members(bootstrap: str, group: str) -> tuple[str, int]:
    """The group's state and how many members it has."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        responses = await admin.describe_consumer_groups([group])
    finally:
        await admin.close()
    described = [g for response in responses for g in response.groups if g[1] == group]
    if not described:
        return "Dead", 0
    error_code, _, state, _, _, members = described[0][:6]
    if error_code:
        raise RuntimeError(f"the broker could not describe group {group!r} (error code {error_code})")
    return state, len(members)


async def skip(bootstrap: str, *, group: str, topic: str, partition: int, offset: int | None,
               reason: str) -> Skipped:
    """Copy the record the group is at to `<topic>.dlq` and commit the group's offset past it, or Refused."""
    if is_dead_letter_topic(topic):
        raise Refused(f"{topic} is a dead-letter topic; skip works on the topic a consumer group is stuck on")
    state, members = await active_members(bootstrap, group)
    if members or state not in IDLE_STATES:
        raise Refused(f"consumer group {group!r} has {members} active member(s) (state {state}): stop its consumers "
                      f"first (stop the service, or scale it to 0 replicas), then skip")
    tp = TopicPartition(topic, partition)
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False)
    await consumer.start()
    try:
        consumer.assign([tp])  # assigned, not subscribed: commits without joining the group
        committed = await consumer.committed(tp)
        if committed is None or committed < 0:
            raise Refused(f"consumer group {group!r} has no committed offset on {topic}/{partition}: it is not "
                          f"stuck there")
        if offset is not None and offset != committed:
            raise Refused(f"consumer group {group!r} is at offset {committed} of {topic}/{partition}, not {offset}: "
                          f"it moved since you looked; check again")
        record = await read_record(bootstrap, Location(topic, partition, committed))
        if record is None:
            raise Refused(f"there is no record at {topic}/{partition}/{committed}: the group is at the end of the "
                          f"partition, nothing to skip")
        letter = await _dead_letter(bootstrap, record, group=group, reason=reason)
        await consumer.commit({tp: committed + 1})
    finally:
        await consumer.stop()
    return Skipped(group=group, record=Location(topic, partition, committed), committed=committed + 1,
                   dead_letter=letter)


async def _dead_letter(bootstrap: str, record: ConsumerRecord, *, group: str, reason: str) -> Location:
    copy = dead_letter_record(record, reason=f"skipped by an operator: {reason}", error_class=SKIPPED,
                              group_id=group, attempts=0)
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", max_request_size=PRODUCER_MAX_REQUEST_BYTES)
    await producer.start()
    try:
        sent = await producer.send_and_wait(copy.topic, copy.record.value, key=copy.record.key,
                                            headers=copy.record.headers)
    finally:
        await producer.stop()
    return Location(copy.topic, sent.partition, sent.offset)
