"""Stopping cuts deliveries short: no retry pause outlives it, no new send starts, a send under way may finish.

No test measures time: each bounds the work done (attempts, sends) against what the retry schedule would have
done, and the only timeout is a guard against hanging, far beyond what a working stop needs but far below the
hour-long retry pauses the channels are given.
"""

import asyncio

import pytest
from notification.adapters.channels import FakeNotifier
from notification.adapters.channels.retry import Attempt, RetryPolicy, with_retries
from notification.domain.delivery import DeliveryResult, OutgoingMessage
from notification.domain.delivery_log import LogStatus
from notification.domain.ports import Notifier
from notification.domain.selection import DeliveryChannel
from notification.service import DeliveryDeferred, NotificationService
from notification.usecases.stopping import DeliveryStop

HANG_GUARD_SECONDS = 30
HOUR = 3600.0
PATIENT = RetryPolicy(retries=1000, backoff_seconds=HOUR, backoff_max_seconds=HOUR, jitter_seconds=0)
"""A channel that would retry for a thousand hours."""


class AlwaysDown(Notifier):
    """A channel whose server never answers, retried through the service's pause like the real channels."""

    def __init__(self, stopping: DeliveryStop) -> None:
        self.stopping = stopping
        self.attempts = 0
        self.tried = asyncio.Event()

    async def send(self, message: OutgoingMessage) -> DeliveryResult:
        async def attempt(n: int) -> Attempt:
            self.attempts += 1
            self.tried.set()
            return Attempt(DeliveryResult.transient("smtp unavailable: ConnectionRefusedError", attempts=n))

        return await with_retries(attempt, policy=PATIENT, sleep=self.stopping.pause)


class Held(FakeNotifier):
    """A channel whose sends wait until the test lets them through."""

    def __init__(self) -> None:
        super().__init__()
        self.entered = asyncio.Event()
        self.release = asyncio.Event()

    async def send(self, message: OutgoingMessage) -> DeliveryResult:
        self.entered.set()
        await self.release.wait()
        return await super().send(message)


@pytest.fixture
def stopping() -> DeliveryStop:
    return DeliveryStop()


@pytest.fixture
def service_with(make_service, stopping):
    def build(channel: Notifier) -> NotificationService:
        return make_service({DeliveryChannel.EMAIL: channel}, stopping=stopping)

    return build


async def held_routing(service_with, received_event, routed_event) -> tuple[NotificationService, Held, asyncio.Task]:
    """A service whose channel holds its sends, with a routing run started and its first send under way."""
    held = Held()
    service = service_with(held)
    await service.deliver(events=[received_event()])
    run = asyncio.create_task(service.deliver(events=[routed_event()]))
    await held.entered.wait()
    return service, held, run


async def ended_by_stop(task: asyncio.Task) -> bool:
    """Whether the run ended cancelled (its batch is not committed) rather than finishing or failing."""
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(task, HANG_GUARD_SECONDS)
    return task.cancelled()


async def test_a_channel_pausing_between_retries_is_cut_short_at_its_first_pause(service_with, store, stopping,
                                                                                  received_event, routed_event):
    down = AlwaysDown(stopping)
    service = service_with(down)
    await service.deliver(events=[received_event()])
    run = asyncio.create_task(service.deliver(events=[routed_event()]))
    await down.tried.wait()

    service.stop(drain_seconds=HOUR)

    assert await ended_by_stop(run)
    assert down.attempts == 1, "the schedule had 1000 more tries in it"
    assert store.outcomes == {}
    [intent] = store.log.values()
    assert intent.status is LogStatus.SENDING


async def test_a_send_under_way_finishes_and_is_recorded_but_no_new_send_starts(service_with, store, counter,
                                                                                publisher, received_event,
                                                                                routed_event):
    service, held, run = await held_routing(service_with, received_event, routed_event)

    service.stop(drain_seconds=HOUR)
    held.release.set()

    assert await ended_by_stop(run)
    assert [m.template for m in held.sent] == ["acknowledgement"], "the assignment notice waits for the restart"
    assert [o.template for o in store.outcomes.values()] == ["acknowledgement"]
    assert [o.template for o in counter.outcomes] == ["acknowledgement"]
    assert [o.template for o in publisher.published] == ["acknowledgement"], "published before the run ended"


async def test_a_send_that_outlasts_the_drain_is_cancelled_and_stays_possibly_sent(service_with, store,
                                                                                   received_event, routed_event):
    service, held, run = await held_routing(service_with, received_event, routed_event)

    service.stop(drain_seconds=0)

    assert await ended_by_stop(run)
    assert held.sent == [] and store.outcomes == {}
    assert [entry.possibly_sent for entry in store.log.values()] == [True]


async def test_a_run_handed_back_after_a_failure_is_cancelled_before_it_sends(service_with, received_event,
                                                                             routed_event):
    email = FakeNotifier(DeliveryResult.transient("smtp unavailable: TimeoutError"))
    service = service_with(email)
    await service.deliver(events=[received_event()])
    routed = routed_event()
    failed, pause = asyncio.Event(), asyncio.Event()

    async def consumer() -> None:
        # As the chassis does: a failed run is handed back after a pause, until it succeeds.
        while True:
            try:
                await service.deliver(events=[routed])
                return
            except DeliveryDeferred:
                failed.set()
                await pause.wait()
                pause.clear()

    task = asyncio.create_task(consumer())
    await failed.wait()
    sent_before_stop = len(email.sent)

    service.stop(drain_seconds=HOUR)
    pause.set()

    assert await ended_by_stop(task)
    assert len(email.sent) == sent_before_stop


async def test_once_stopped_a_new_run_sends_nothing(service_with, store, received_event, trigger_events):
    email = FakeNotifier()
    service = service_with(email)
    await service.deliver(events=[received_event()])

    service.stop(drain_seconds=0)
    run = asyncio.create_task(service.deliver(events=[trigger_events["case_note"]]))

    assert await ended_by_stop(run)
    assert email.sent == [] and store.outcomes == {}


async def test_a_consumer_whose_last_run_succeeded_is_left_to_the_chassis(service_with, received_event,
                                                                           trigger_events):
    service = service_with(FakeNotifier())
    await service.deliver(events=[received_event()])
    delivered, next_batch = asyncio.Event(), asyncio.Event()

    async def consumer() -> None:
        await service.deliver(events=[trigger_events["case_note"]])
        delivered.set()
        await next_batch.wait()  # as the chassis waits for the next batch

    task = asyncio.create_task(consumer())
    await delivered.wait()

    service.stop(drain_seconds=0)
    for _ in range(3):  # the drain's deadline passes on the next turns of the loop
        await asyncio.sleep(0)

    assert not task.done()
    next_batch.set()
    await task
