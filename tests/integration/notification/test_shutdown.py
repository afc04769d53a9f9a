"""Stopping while the mail server is down: the channel's retries end at once, the batch is not committed, and the
restarted service delivers it, once.

Nothing here measures time. The channel is set to retry every 50 ms for a thousand tries and the grace period is a
minute, so a stop that waited for the batch would let the broken server see hundreds more connections; a stop that
cuts the retries short lets it see at most the one attempt under way.
"""

import json
from collections.abc import Iterator

import pytest
from notification.config import NotificationSettings
from notification.main import create_app

from tests.support.backends import Backend
from tests.support.kafka import eventually
from tests.support.settings import fast_settings

from .harness import ASSIGNEE, DIRECTORY, Suite, facts_known, holds, received, routed, start_after_history
from .servers import BrokenSmtp, KeyServer, SmtpServer, WebhookReceiver, free_port

pytestmark = pytest.mark.integration


def settings_for(backend: Backend, port: int, keys: KeyServer) -> NotificationSettings:
    return fast_settings(
        NotificationSettings, backend, smtp_host="127.0.0.1", smtp_port=port,
        smtp_sender="complaints@northwind.example", staff_directory=json.dumps(DIRECTORY),
        graceful_timeout_seconds=60.0,
        # The channel would go on for a thousand tries; the consumer would retry the event a thousand times more.
        delivery_retries=1000, delivery_backoff_seconds=0.05, delivery_backoff_max_seconds=0.05,
        delivery_jitter_seconds=0.0, retry_attempts=1000, **keys.settings())


@pytest.fixture
def keys() -> Iterator[KeyServer]:
    """Intake's key API, without keys: the test publishes plaintext, but the service needs a key API to start."""
    with KeyServer() as server:
        yield server


async def test_stopping_cuts_the_retries_short_and_the_restart_delivers_the_batch_once(backend: Backend,
                                                                                         keys: KeyServer) -> None:
    port = free_port()
    settings = settings_for(backend, port, keys)
    await start_after_history(settings)
    complaint = received()
    routing = routed(complaint)

    async with BrokenSmtp(port) as broken:
        app = create_app(settings)
        async with app.router.lifespan_context(app):
            # The receipt first, so the routing is handled by the consumer (not parked to wait for it).
            await app.state.runtime.publisher.publish([complaint])
            await eventually(lambda: facts_known(app.state.deps, complaint.complaint_id))
            await app.state.runtime.publisher.publish([routing])
            await eventually(lambda: holds(broken.connections >= 3))  # the channel is retrying
            when_stop_began = broken.connections
        # The lifespan has ended: the service stopped, the consumer left, the store is closed.
        assert broken.connections <= when_stop_began + 1

    smtp = SmtpServer(port)
    smtp.start()
    try:
        restarted = create_app(settings)
        async with restarted.router.lifespan_context(restarted):
            with WebhookReceiver() as hooks:
                suite = Suite(restarted, smtp, hooks, backend)
                assert (await suite.mail(routing))["To"] == "alesia@example.org"
                await suite.mail(routing, f"employee:{ASSIGNEE}")
                assert len(await suite.mails(routing)) == 1
    finally:
        smtp.stop()
