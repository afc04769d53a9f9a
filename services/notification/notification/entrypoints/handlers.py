"""Kafka entry points of notification: thin handlers (contract in, one call) registered on one consumer group."""

from complaint_contracts import ComplaintReceived, ComplaintRecordExpired, Event, PersonalDataErased, topics
from complaints_chassis.consumer import EventConsumer

from ..deps import NotificationDeps
from ..domain.planning import TRIGGERS

events = EventConsumer(group_id="notification",
                       description="Every event that warrants a message to a customer or to staff, erasures, and "
                                   "complaint records at the end of their retention",
                       # Mails about case work may leave a second later; the acknowledgement (on routing's topic)
                       # and access codes (on intake's) never wait.
                       paced_topics=frozenset({topics.RESOLUTION, topics.ANALYTICS}))


# One handler for receipts and triggers alike, so a batch reaches it as one run in which receipts can be
# stored before the events that need them. A trigger whose receipt is not here yet is parked (the service raises
# Deferred) until it is; DeliveryDeferred is transient (retried, then dead-lettered by the chassis); a permanent
# delivery failure is recorded and published, not raised. An erasure goes through the same run, so the events
# around it in a batch see the complaint erased.
@events.on(ComplaintReceived, PersonalDataErased, *sorted(TRIGGERS, key=lambda cls: cls.__name__))
async def on_complaint_event(run: list[Event], deps: NotificationDeps) -> None:
    await deps.service.deliver(events=run)


# Nothing is sent about a complaint whose record expired (it was closed years ago): its own handler deletes what is
# kept, and a trigger that still came later finds no facts and is parked, then dead-lettered, never delivered.
@events.on(ComplaintRecordExpired)
async def on_complaint_record_expired(expired: list[ComplaintRecordExpired], deps: NotificationDeps) -> None:
    await deps.service.expire(expired=expired)


CONSUMERS = [events]
