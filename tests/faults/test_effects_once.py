"""Effects happen once: notification delivers each message once per recipient even when its trigger is re-sent
under a new event id, a send whose recording failed (the process dying in between) never goes out again under
another Message-ID, and an outcome stored but not published goes out when its trigger comes again.

Notification runs in-process on the session's broker and store, with a real SMTP sink (aiosmtpd).
"""

import json
from collections.abc import AsyncIterator
from datetime import timedelta
from email.message import EmailMessage
from uuid import uuid4

import pytest
from complaint_contracts import (
    ComplaintReceived,
    Event,
    InformationRequested,
    PossibleDuplicateDetected,
    PublicNoteAdded,
    from_kafka,
    topics,
)
from notification.config import NotificationSettings
from notification.domain.delivery_log import LogStatus
from notification.domain.recipients import CUSTOMER_KEY
from notification.main import create_app

from tests.integration.notification.harness import (
    ASSIGNEE,
    DIRECTORY,
    Suite,
    received,
    routed,
    start_after_history,
)
from tests.integration.notification.servers import SmtpServer, WebhookReceiver, free_port
from tests.support.backends import Backend
from tests.support.kafka import eventually, read_until
from tests.support.settings import fast_settings

pytestmark = pytest.mark.integration

CUSTOMER, OWNER = "alesia@example.org", f"employee:{ASSIGNEE}"


def settings_for(backend: Backend, smtp: SmtpServer) -> NotificationSettings:
    # Generous consumer retries: an event whose outcome cannot be stored is retried, never dead-lettered, here.
    return fast_settings(NotificationSettings, backend, smtp_host="127.0.0.1", smtp_port=smtp.port,
                         smtp_sender="complaints@northwind.example", staff_directory=json.dumps(DIRECTORY),
                         retry_attempts=1000)


@pytest.fixture(scope="module")
async def smtp() -> AsyncIterator[SmtpServer]:
    server = SmtpServer(free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
async def suite(backend: Backend, smtp: SmtpServer) -> AsyncIterator[Suite]:
    # One test, one notification: two running at once on the same topics (each its own group and log) would each
    # send the same mail, under the same Message-ID.
    settings = settings_for(backend, smtp)
    await start_after_history(settings)
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        with WebhookReceiver() as hooks:
            yield Suite(app, smtp, hooks, backend)


def to(smtp: SmtpServer, address: str, complaint: ComplaintReceived) -> list[EmailMessage]:
    """Every mail the sink holds for that address about that complaint, whatever its Message-ID."""
    return [m for m in list(smtp.sink.mails) if m["To"] == address and complaint.tracking_number in m["Subject"]]


def re_sent(event: Event) -> Event:
    """The same fact published again by its producer: a new event id, a later time."""
    return event.model_copy(update={"id": uuid4(), "time": event.time + timedelta(minutes=2)})


def fail_once_for(complaint: ComplaintReceived, target: object, method: str, monkeypatch: pytest.MonkeyPatch, *,
                  why: str) -> list[str]:
    """Make `target.method(finished)` fail the first time it is given deliveries of the complaint; returns the
    notification ids of that call (filled when it happens)."""
    call = getattr(target, method)
    failed: list[str] = []

    async def failing_once(finished):
        ours = [f.notification_id for f in finished if f.outcome.complaint_id == complaint.complaint_id]
        if ours and not failed:
            failed.extend(ours)
            raise ConnectionError(why)
        return await call(finished)

    monkeypatch.setattr(target, method, failing_once)
    return failed


async def handled_up_to(suite: Suite, complaint: ComplaintReceived) -> None:
    """Wait until the routing topic's events for the complaint so far are handled: an event published after them
    on the same topic and key is handled after them, so once its mail is out, they were too."""
    marker = PossibleDuplicateDetected(complaint_id=complaint.complaint_id, duplicate_of=f"c-{uuid4().hex[:12]}",
                                       similarity=0.9, reason="Same order")
    await suite.publish(marker)
    await suite.mail(marker, OWNER)


async def test_a_routing_re_sent_under_a_new_id_acknowledges_and_assigns_once(suite: Suite, smtp: SmtpServer):
    complaint = received()
    routing = routed(complaint)
    await suite.receive(complaint)
    await suite.publish(routing)
    acknowledgement = await suite.mail(routing)
    assignment = await suite.mail(routing, OWNER)

    await suite.publish(re_sent(routing))
    await handled_up_to(suite, complaint)

    assert [m["Message-ID"] for m in to(smtp, CUSTOMER, complaint)] == [acknowledgement["Message-ID"]]
    assert len(await suite.mails(routing, OWNER)) == 1 and assignment["To"] == "ivan@northwind.example"


async def test_a_repeating_message_is_sent_for_each_request_but_once_for_a_re_sent_one(suite: Suite,
                                                                                       smtp: SmtpServer):
    complaint = received()
    routing = routed(complaint)
    await suite.receive(complaint)
    await suite.publish(routing)
    acknowledgement = await suite.mail(routing)
    by = {"complaint_id": complaint.complaint_id, "by": ASSIGNEE}
    first = InformationRequested(request_id=f"rq-{uuid4().hex[:6]}", question="Which order was it?", **by)
    second = InformationRequested(request_id=f"rq-{uuid4().hex[:6]}", question="Which order was it?", **by)
    # Published after the others on the same topic and key: once its mail is out, they were all handled.
    note = PublicNoteAdded(note_id=f"n-{uuid4().hex[:6]}", text="We are on it.", **by)

    await suite.publish(first, re_sent(first), second, note)
    await suite.mail(note)

    expected = [acknowledgement, await suite.mail(first), await suite.mail(second), await suite.mail(note)]
    assert sorted(m["Message-ID"] for m in to(smtp, CUSTOMER, complaint)) == sorted(m["Message-ID"] for m in expected)


async def test_a_send_whose_recording_failed_once_is_recorded_not_sent_again(suite: Suite, smtp: SmtpServer,
                                                                            monkeypatch: pytest.MonkeyPatch):
    complaint = received()
    routing = routed(complaint)
    store = suite.deps.service.store
    failures = fail_once_for(complaint, store, "record_outcomes", monkeypatch,
                             why="store went away after the channel took the message")

    await suite.receive(complaint)
    await suite.publish(routing)

    acknowledgement = await suite.mail(routing)
    await suite.mail(routing, OWNER)
    await handled_up_to(suite, complaint)
    assert await suite.delivery_id(routing, CUSTOMER_KEY, "email") in failures, "the store did fail to take it"
    assert [m["Message-ID"] for m in to(smtp, CUSTOMER, complaint)] == [acknowledgement["Message-ID"]]
    logged = await suite.delivery(routing, CUSTOMER_KEY, "email")
    assert logged is not None and (logged.status, logged.resent) == (LogStatus.SENT, False)


async def test_after_dying_between_send_and_record_the_mail_goes_again_only_under_its_own_message_id(
        backend: Backend, smtp: SmtpServer):
    settings = settings_for(backend, smtp)
    await start_after_history(settings)
    complaint = received()
    routing = routed(complaint)

    first = create_app(settings)
    async with first.router.lifespan_context(first):
        store = first.state.deps.service.store
        record_outcomes = store.record_outcomes

        async def gone_for_the_complaint(finished):
            # Its outcome never reaches the log: as if the process died right there. (Anything else, e.g. what the
            # app replays if topics were not skipped to their end, is recorded as usual: nothing else gets stuck.)
            if any(f.outcome.complaint_id == complaint.complaint_id for f in finished):
                raise ConnectionError("store went away after the channel took the message")
            return await record_outcomes(finished)

        store.record_outcomes = gone_for_the_complaint
        with WebhookReceiver() as hooks:
            dying = Suite(first, smtp, hooks, backend)
            await dying.receive(complaint)
            await dying.publish(routing)
            sent = await dying.mail(routing)
    # The first process is gone with the outcome unrecorded and its batch uncommitted.

    restarted = create_app(settings)
    async with restarted.router.lifespan_context(restarted):
        with WebhookReceiver() as hooks:
            suite = Suite(restarted, smtp, hooks, backend)

            async def recorded() -> bool:  # sent again, then recorded
                found = await suite.delivery(routing, CUSTOMER_KEY, "email")
                return found is not None and found.status is LogStatus.SENT

            await eventually(recorded)
            logged = await suite.delivery(routing, CUSTOMER_KEY, "email")
            metrics = await suite.metrics()

    copies = to(smtp, CUSTOMER, complaint)
    assert len(copies) == 2, "the outcome was lost, so the mail went again"
    assert {(m["Message-ID"], m["Date"]) for m in copies} == {(sent["Message-ID"], sent["Date"])}
    assert logged is not None and (logged.status, logged.resent) == (LogStatus.SENT, True)
    # Reported as a possible duplicate (at least this one: other tests' complaints may have gone the same way).
    series = 'complaints_notification_resent_total{channel="email",template="acknowledgement"}'
    [reported] = [line for line in metrics.splitlines() if line.startswith(series)]
    assert float(reported.removeprefix(series)) >= 1


async def test_an_outcome_stored_but_not_published_goes_out_when_its_trigger_is_retried(
        suite: Suite, smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch):
    complaint = received()
    routing = routed(complaint)
    # The outcomes are stored; publishing them fails once (as if the process died right there): the batch is not
    # committed, so its trigger comes again.
    lost = fail_once_for(complaint, suite.deps.service.outcomes, "publish", monkeypatch,
                         why="broker went away after the outcomes were stored")

    await suite.receive(complaint)
    await suite.publish(routing)

    acknowledgement = await suite.mail(routing)
    notification_id = await suite.delivery_id(routing, CUSTOMER_KEY, "email")
    published = await read_until(suite.backend.kafka_bootstrap, topics.NOTIFICATION,
                                 lambda r: r.key == complaint.complaint_id.encode()
                                 and notification_id.encode() in r.value)
    event = from_kafka(published.topic, published.value, published.headers)
    assert notification_id in lost, "publishing did fail for it"
    assert (event.type, event.notification_id) == ("complaints.notification.NotificationSent", notification_id)
    await handled_up_to(suite, complaint)
    assert [m["Message-ID"] for m in to(smtp, CUSTOMER, complaint)] == [acknowledgement["Message-ID"]]
