"""SMTP sessions kept between mails, against aiosmtpd on 127.0.0.1: one session (one login, one TLS handshake)
carries many mails, a refusal does not end it, a session the server closes is replaced at once, an idle one is
closed, and closing the channel says goodbye on every session it keeps."""

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from notification.adapters.channels import EmailNotifier, RetryPolicy, SmtpSettings
from notification.domain.delivery import DeliveryStatus

from .servers import REJECTED, ClosingSink, MailSink, free_port
from .smtp_security import Logins, tls_context
from .test_channels import message_to

pytestmark = pytest.mark.integration

NO_RETRIES = RetryPolicy(retries=0)


def settings(port: int, **overrides) -> SmtpSettings:
    return SmtpSettings(**{"host": "127.0.0.1", "port": port, "security": "none", "timeout_seconds": 5,
                           "retry": NO_RETRIES, "sender": "complaints@northwind.example", **overrides})


@contextmanager
def serving(sink: MailSink, port: int, **options) -> Iterator[MailSink]:
    controller = Controller(sink, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def sink(port) -> Iterator[MailSink]:
    with serving(MailSink(), port) as sink:
        yield sink


async def send_all(notifier: EmailNotifier, *addresses: str) -> list:
    return [await notifier.send(message_to(address, notification_id=f"00000000-0000-5000-8000-{i:012d}"))
            for i, address in enumerate(addresses)]


async def test_one_session_carries_every_mail_and_a_refusal_does_not_end_it(sink, port):
    notifier = EmailNotifier(settings(port))

    results = await send_all(notifier, "a@example.org", REJECTED, "b@example.org", "c@example.org")
    await notifier.aclose()

    assert [r.status for r in results] == [DeliveryStatus.DELIVERED, DeliveryStatus.PERMANENT_FAILURE,
                                           DeliveryStatus.DELIVERED, DeliveryStatus.DELIVERED]
    assert len(sink.mails) == 3 and len(set(sink.sessions)) == 1


async def test_concurrent_mails_share_at_most_the_sessions_allowed(sink, port):
    notifier = EmailNotifier(settings(port, sessions=2))

    results = await asyncio.gather(*(notifier.send(message_to(f"r{i}@example.org")) for i in range(12)))
    await notifier.aclose()

    assert all(r.delivered for r in results) and len(sink.mails) == 12
    assert len(set(sink.sessions)) <= 2


@pytest.mark.parametrize("say", [False, True], ids=["in-silence", "with-421"])
async def test_a_session_the_server_closes_is_replaced_at_once_without_counting_a_retry(port, say):
    sink = ClosingSink(say=say)
    with serving(sink, port):
        notifier = EmailNotifier(settings(port))
        results = await send_all(notifier, "a@example.org", "b@example.org")
        await notifier.aclose()

    assert [(r.status, r.attempts) for r in results] == [(DeliveryStatus.DELIVERED, 1)] * 2
    assert sink.closed == 1 and len(sink.mails) == 2 and len(set(sink.sessions)) == 2


async def test_a_session_left_idle_is_not_used_again(sink, port):
    notifier = EmailNotifier(settings(port, idle_seconds=0.05))

    await send_all(notifier, "a@example.org")
    await asyncio.sleep(0.2)
    await send_all(notifier, "b@example.org")
    await notifier.aclose()

    assert len(set(sink.sessions)) == 2


async def test_closing_the_channel_ends_every_kept_session_with_quit(sink, port):
    notifier = EmailNotifier(settings(port))
    await asyncio.gather(*(notifier.send(message_to(f"r{i}@example.org")) for i in range(3)))

    await notifier.aclose()

    assert sink.quits == len(set(sink.sessions)) >= 1


@pytest.mark.parametrize("security", ["starttls", "tls"])
async def test_a_session_encrypts_and_logs_in_once_for_all_its_mails(port, security, tmp_path: Path):
    context = tls_context(tmp_path)
    logins = Logins("notification", "s3cret")
    # aiosmtpd offers AUTH over implicit TLS only when told not to wait for STARTTLS.
    tls = ({"tls_context": context, "require_starttls": True, "auth_require_tls": True} if security == "starttls"
           else {"ssl_context": context, "auth_require_tls": False})
    with serving(MailSink(), port, authenticator=logins, **tls) as sink:
        notifier = EmailNotifier(settings(port, security=security, validate_certs=False, username="notification",
                                          password="s3cret"))
        results = await send_all(notifier, "a@example.org", "b@example.org", "c@example.org")
        await notifier.aclose()

    assert all(r.delivered for r in results) and len(sink.mails) == 3
    assert logins.count == 1 and len(set(sink.sessions)) == 1
