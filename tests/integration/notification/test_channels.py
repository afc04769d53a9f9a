"""Channels against real servers on 127.0.0.1: an aiosmtpd SMTP server and a plain HTTP receiver."""

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from aiosmtpd.controller import Controller
from complaint_contracts import Language
from notification.adapters.channels import EmailNotifier, RetryPolicy, SmtpSettings, WebhookNotifier, WebhookSettings
from notification.domain.catalogue import Audience, Template
from notification.domain.delivery import DeliveryStatus, OutgoingMessage
from notification.domain.selection import DeliveryChannel
from standardwebhooks import Webhook

from .servers import GREYLISTED, REJECTED, MailSink, WebhookReceiver, free_port

pytestmark = pytest.mark.integration

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
QUICK = RetryPolicy(retries=3, backoff_seconds=0.05, backoff_max_seconds=0.2, jitter_seconds=0.02)
NO_RETRIES = RetryPolicy(retries=0)


def message_to(address: str, *, notification_id: str = "6f1c1b8e-5d55-5b4e-9a53-0c8e3b1f2a10") -> OutgoingMessage:
    return OutgoingMessage(
        notification_id=notification_id, channel=DeliveryChannel.EMAIL, address=address,
        audience=Audience.CUSTOMER, template=Template.CASE_NOTE, language=Language.BE,
        subject="Навіны па скарзе CMP-7K3Q-9XWA-F", text="Добры дзень, Alesia Kuzmich!\n\nСклад пацвердзіў вяртанне.\n",
        html="<!DOCTYPE html><html lang=\"be\"><body><p>Добры дзень, Alesia Kuzmich!</p></body></html>",
        complaint_id="c-late-refund-0001", created_at=datetime.now(UTC),
    )


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def mail_sink(smtp_port) -> Iterator[MailSink]:
    sink = MailSink()
    controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    yield sink
    controller.stop()


def email_notifier(port: int, retry: RetryPolicy = NO_RETRIES) -> EmailNotifier:
    return EmailNotifier(SmtpSettings(host="127.0.0.1", port=port, security="none", timeout_seconds=5, retry=retry,
                                      sender="complaints@northwind.example", sender_name="Northwind Complaints"))


class TestEmailNotifier:
    async def test_mail_arrives_with_text_and_html_parts_and_the_delivery_id(self, mail_sink, smtp_port):
        message = message_to("alesia@example.org")

        result = await email_notifier(smtp_port).send(message)

        assert result.status is DeliveryStatus.DELIVERED
        [mail] = mail_sink.mails
        assert mail["Message-ID"] == f"<{message.notification_id}@northwind.example>"
        assert mail["Subject"] == "Навіны па скарзе CMP-7K3Q-9XWA-F"
        # SMTP carries CRLF line ends.
        assert mail.get_body(("plain",)).get_content().replace("\r\n", "\n") == message.text
        assert "<p>Добры дзень, Alesia Kuzmich!</p>" in mail.get_body(("html",)).get_content()
        assert result.provider_message_id == mail["Message-ID"]

    async def test_smtp_down_is_transient_and_the_retry_delivers_once(self, smtp_port):
        notifier = email_notifier(smtp_port)
        message = message_to("alesia@example.org")

        while_down = await notifier.send(message)
        sink = MailSink()
        controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
        controller.start()
        try:
            after_restart = await notifier.send(message)
        finally:
            controller.stop()

        assert while_down.status is DeliveryStatus.TRANSIENT_FAILURE
        assert after_restart.status is DeliveryStatus.DELIVERED
        assert len(sink.mails) == 1

    async def test_a_server_that_comes_back_during_the_retries_gets_the_mail_once(self, smtp_port):
        sink = MailSink()
        controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)

        async def start_server_instead_of_pausing(seconds: float) -> None:
            controller.start()

        notifier = EmailNotifier(email_notifier(smtp_port, QUICK).settings, sleep=start_server_instead_of_pausing)
        try:
            result = await notifier.send(message_to("alesia@example.org"))
        finally:
            controller.stop()

        assert (result.status, result.attempts) == (DeliveryStatus.DELIVERED, 2)
        assert len(sink.mails) == 1

    async def test_opportunistic_security_sends_in_plain_to_a_server_without_starttls(self, mail_sink, smtp_port):
        settings = email_notifier(smtp_port).settings.model_copy(update={"security": "opportunistic"})

        result = await EmailNotifier(settings).send(message_to("alesia@example.org"))

        assert result.status is DeliveryStatus.DELIVERED and len(mail_sink.mails) == 1

    async def test_a_rejected_recipient_is_a_permanent_failure(self, mail_sink, smtp_port):
        result = await email_notifier(smtp_port).send(message_to(REJECTED))

        assert (result.status, result.reason) == (DeliveryStatus.PERMANENT_FAILURE, "recipient refused (550)")
        assert mail_sink.mails == []

    async def test_a_deferred_recipient_is_a_transient_failure(self, mail_sink, smtp_port):
        result = await email_notifier(smtp_port).send(message_to(GREYLISTED))

        assert (result.status, result.reason) == (DeliveryStatus.TRANSIENT_FAILURE, "recipient refused (450)")


def webhook_notifier(url: str) -> WebhookNotifier:
    return WebhookNotifier(WebhookSettings(url=url, secret=SECRET, timeout_seconds=0.5,
                                           retry=QUICK))


class TestWebhookNotifier:
    async def test_signature_verifies_with_the_standard_webhooks_verifier(self):
        message = message_to("+375291234567")
        with WebhookReceiver() as receiver:
            notifier = webhook_notifier(receiver.url)
            result = await notifier.send(message)
            await notifier.aclose()

        [(headers, body)] = receiver.received
        payload = Webhook(SECRET).verify(body, headers)
        assert payload["data"]["notification_id"] == message.notification_id == headers["webhook-id"]
        assert payload["data"]["text"] == message.text
        assert (result.status, result.provider_message_id) == (DeliveryStatus.DELIVERED, "gw-1")

    async def test_server_errors_are_retried_then_delivered_under_one_webhook_id(self):
        with WebhookReceiver((503, 0.0), (500, 0.0)) as receiver:
            notifier = webhook_notifier(receiver.url)
            result = await notifier.send(message_to("+375291234567"))
            await notifier.aclose()

        assert (result.status, result.attempts) == (DeliveryStatus.DELIVERED, 3)
        assert len({headers["webhook-id"] for headers, _ in receiver.received}) == 1
        for headers, body in receiver.received:
            Webhook(SECRET).verify(body, headers)

    async def test_a_timeout_is_retried(self):
        with WebhookReceiver((200, 1.0)) as receiver:
            notifier = webhook_notifier(receiver.url)
            result = await notifier.send(message_to("+375291234567"))
            await notifier.aclose()

        assert (result.status, result.attempts) == (DeliveryStatus.DELIVERED, 2)

    async def test_a_client_error_is_permanent_and_not_retried(self):
        with WebhookReceiver((422, 0.0)) as receiver:
            notifier = webhook_notifier(receiver.url)
            result = await notifier.send(message_to("+375291234567"))
            await notifier.aclose()

        assert (result.status, result.attempts) == (DeliveryStatus.PERMANENT_FAILURE, 1)
        assert len(receiver.received) == 1

    async def test_an_endpoint_that_keeps_failing_is_a_transient_failure_after_every_retry(self):
        with WebhookReceiver(*[(502, 0.0)] * 4) as receiver:
            notifier = webhook_notifier(receiver.url)
            result = await notifier.send(message_to("+375291234567"))
            await notifier.aclose()

        assert (result.status, result.attempts, len(receiver.received)) == (DeliveryStatus.TRANSIENT_FAILURE, 4, 4)
