"""The notification app under test with its mail sink and webhook receiver, and what tests ask of them."""

from collections.abc import Awaitable
from dataclasses import dataclass

import httpx
from complaint_contracts import Event
from fastapi import FastAPI
from notification.domain.delivery import notification_id
from notification.domain.outcomes import DeliveryRecord
from notification.domain.recipients import CUSTOMER_KEY

from tests.support.backends import Backend
from tests.support.kafka import eventually

from .servers import SmtpServer, WebhookReceiver


@dataclass
class Suite:
    app: FastAPI
    smtp: SmtpServer
    hooks: WebhookReceiver
    backend: Backend

    async def publish(self, *events: Event) -> None:
        await self.app.state.runtime.publisher.publish(events)

    def mails(self, event: Event, recipient_key: str = CUSTOMER_KEY) -> list:
        message_id = f"<{delivery_id(event, recipient_key, 'email')}@northwind.example>"
        return self.smtp.sink.with_id(message_id)

    async def mail(self, event: Event, recipient_key: str = CUSTOMER_KEY):
        await eventually(lambda: holds(bool(self.mails(event, recipient_key))))
        [mail] = self.mails(event, recipient_key)
        return mail

    async def delivery(self, event: Event, recipient_key: str, channel: str) -> DeliveryRecord | None:
        return await self.app.state.deps.service.store.delivery(delivery_id(event, recipient_key, channel))

    async def metrics(self) -> str:
        transport = httpx.ASGITransport(app=self.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return (await client.get("/metrics/")).text


def delivery_id(event: Event, recipient_key: str, channel: str) -> str:
    return notification_id(trigger_key=event.dedupe_key, recipient_key=recipient_key, channel=channel)


async def holds(value: bool) -> bool:
    """A plain condition as the awaitable check `eventually` polls."""
    return value


async def is_set(value: Awaitable[object]) -> bool:
    return (await value) is not None


def text_of(mail) -> str:
    return mail.get_body(("plain",)).get_content().replace("\r\n", "\n")
