"""The notification app under test with its mail sink and webhook receiver, and what tests ask of them."""

import uuid
from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.structs import OffsetAndMetadata
from complaint_contracts import Clock, ComplaintEvent, ComplaintReceived, ComplaintRouted, Deadline, Event
from fastapi import FastAPI
from notification.config import NotificationSettings
from notification.deps import NotificationDeps
from notification.domain.delivery import delivery_ids
from notification.domain.delivery_log import DeliveryRecord
from notification.domain.planning import plan_messages
from notification.domain.recipients import COMPLAINT_MANAGERS_ROLE, CUSTOMER_KEY, QUALITY_ROLE
from notification.entrypoints.handlers import events

from tests.support.backends import Backend
from tests.support.builders import make_complaint_received
from tests.support.kafka import eventually

from .servers import SmtpServer, WebhookReceiver

ASSIGNEE, TEAM = "emp-it-0042", "team-it-1"
DIRECTORY = {
    f"employee:{ASSIGNEE}": {"email": "ivan@northwind.example", "language": "ru", "time_zone": "Europe/Minsk"},
    f"team:{TEAM}": {"email": "team-it-1@northwind.example", "chat": True},
    COMPLAINT_MANAGERS_ROLE: {"email": "managers@northwind.example"},
    QUALITY_ROLE: {"email": "quality@northwind.example"},
}
RECEIVED_AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def received(**customer) -> ComplaintReceived:
    contact = {"name": "Alesia Kuzmich", "email": "alesia@example.org", "preferred_channel": "email",
               "consent_marketing": True, **customer}
    return make_complaint_received(tracking_number=f"CMP-{uuid.uuid4().hex[:4].upper()}-IT", received_at=RECEIVED_AT,
                                   customer=contact)


def routed(complaint: ComplaintReceived, *, regime: str = "uk_fca_disp") -> ComplaintRouted:
    deadlines = [Deadline(name="final_response", clock=Clock.REGULATORY, due_at=datetime(2026, 4, 27, 17, tzinfo=UTC),
                          basis="8 weeks from receipt (FCA DISP 1.6)")]
    return ComplaintRouted(complaint_id=complaint.complaint_id, department="customer_support", team=TEAM,
                           assignee=ASSIGNEE, rules_fired=["billing"], rules_version="it", kind="complaint",
                           category="billing", priority="high", regime=regime, deadlines=deadlines)


@dataclass
class Suite:
    app: FastAPI
    smtp: SmtpServer
    hooks: WebhookReceiver
    backend: Backend

    async def publish(self, *events: Event) -> None:
        await self.app.state.runtime.publisher.publish(events)

    @property
    def deps(self) -> NotificationDeps:
        return self.app.state.deps

    async def delivery_id(self, event: Event, recipient_key: str, channel: str) -> str:
        return await delivery_id(self.deps, event, recipient_key, channel)

    async def receive(self, complaint: ComplaintReceived) -> None:
        """Publish a receipt and wait until the service knows the complaint (a trigger published before that may
        overtake it, other topic, and be parked until it is in)."""
        await self.publish(complaint)
        await eventually(lambda: facts_known(self.deps, complaint.complaint_id))

    async def mails(self, event: Event, recipient_key: str = CUSTOMER_KEY) -> list:
        message_id = f"<{await self.delivery_id(event, recipient_key, 'email')}@northwind.example>"
        return self.smtp.sink.with_id(message_id)

    async def mail(self, event: Event, recipient_key: str = CUSTOMER_KEY):
        await eventually(lambda: has_mail(self, event, recipient_key))
        [mail] = await self.mails(event, recipient_key)
        return mail

    async def delivery(self, event: Event, recipient_key: str, channel: str) -> DeliveryRecord | None:
        return await self.deps.service.store.delivery(await self.delivery_id(event, recipient_key, channel))

    async def metrics(self) -> str:
        transport = httpx.ASGITransport(app=self.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return (await client.get("/metrics/")).text


async def delivery_id(deps: NotificationDeps, event: Event, recipient_key: str, channel: str) -> str:
    """The id the service gives the delivery of the event's message to that recipient over that channel, planned
    the way the service plans it (the id is the message's effect, which may depend on the complaint's facts)."""
    service = deps.service
    facts = None
    if isinstance(event, ComplaintEvent):
        await eventually(lambda: facts_known(deps, event.complaint_id))
        facts = (await service.store.facts_of([event.complaint_id]))[event.complaint_id]
    [message] = [m for m in plan_messages(event=event, facts=facts, links=service.links, calendars=service.calendars)
                 if m.recipient.key == recipient_key]
    return delivery_ids(message, channel=channel)[0]


async def facts_known(deps: NotificationDeps, complaint_id: str) -> bool:
    return complaint_id in await deps.service.store.facts_of([complaint_id])


async def has_mail(suite: Suite, event: Event, recipient_key: str) -> bool:
    return bool(await suite.mails(event, recipient_key))


async def start_after_history(settings: NotificationSettings) -> None:
    """Commit the settings' (new) consumer group at the end of the service's topics, as a deployed service that has
    handled everything so far would be: a new group reads from the start, and what earlier tests of the session
    published would otherwise be delivered again first (by this test's app, to this test's mail server)."""
    consumer = AIOKafkaConsumer(bootstrap_servers=settings.kafka_bootstrap, group_id=settings.consumer_group,
                                enable_auto_commit=False)
    await consumer.start()
    try:
        await consumer._client.force_metadata_update()  # topics created by earlier tests
        partitions = [TopicPartition(topic, p) for topic in events.topics
                      for p in sorted(consumer.partitions_for_topic(topic) or ())]
        if partitions:
            consumer.assign(partitions)
            ends = await consumer.end_offsets(partitions)
            await consumer.commit({tp: OffsetAndMetadata(offset, "") for tp, offset in ends.items()})
    finally:
        await consumer.stop()


async def holds(value: bool) -> bool:
    """A plain condition as the awaitable check `eventually` polls."""
    return value


async def is_set(value: Awaitable[object]) -> bool:
    return (await value) is not None


def text_of(mail) -> str:
    return mail.get_body(("plain",)).get_content().replace("\r\n", "\n")
