from datetime import UTC, datetime

import pytest
from complaint_contracts import NotificationFailed, NotificationSent
from complaints_chassis.parking import Deferred
from notification.adapters.channels import FakeNotifier
from notification.adapters.rendering import TemplateRenderer
from notification.domain.delivery import DeliveryResult
from notification.domain.planning import FactsNotYetKnown
from notification.domain.selection import DeliveryChannel
from notification.service import DeliveryDeferred, NotificationService

from tests.unit.notification.builders import COMPLAINT_ID
from tests.unit.notification.fakes import FakeNotificationStore, RecordingCounter

NOW = datetime(2026, 3, 9, 10, 0, tzinfo=UTC)


@pytest.fixture
def store() -> FakeNotificationStore:
    return FakeNotificationStore()


@pytest.fixture
def counter() -> RecordingCounter:
    return RecordingCounter()


@pytest.fixture
def email() -> FakeNotifier:
    return FakeNotifier()


@pytest.fixture
def make_service(store, links, directory, counter):
    renderer = TemplateRenderer()

    def build(notifiers) -> NotificationService:
        return NotificationService(store=store, notifiers=notifiers, renderer=renderer, links=links,
                                   directory=directory, clock=lambda: NOW, metrics=counter, notify=counter.wake)

    return build


@pytest.fixture
def run(make_service, email):
    async def run_notify(event, notifiers=None):
        return await make_service(notifiers or {DeliveryChannel.EMAIL: email}).deliver(events=[event])

    return run_notify


async def test_receipt_then_routing_acknowledges_the_customer_and_tells_the_assignee(run, email, received_event,
                                                                                      routed_event):
    assert await run(received_event()) == []

    outcomes = await run(routed_event())

    assert [(m.template, m.address) for m in email.sent] == [("acknowledgement", "alesia@example.org"),
                                                            ("new_assignment", "ivan@northwind.example")]
    assert all(isinstance(o, NotificationSent) for o in outcomes) and len(outcomes) == 2


async def test_a_redelivered_event_sends_nothing_new(run, email, received_event, routed_event):
    routed = routed_event()
    await run(received_event())
    await run(routed)

    again = await run(routed)

    assert again == [] and len(email.sent) == 2


async def test_a_transient_failure_defers_the_event_and_the_retry_sends_only_what_is_missing(
        run, store, received_event, routed_event):
    email = FakeNotifier(DeliveryResult.transient("smtp unavailable: ConnectionRefusedError"))
    routed = routed_event()
    await run(received_event(), {DeliveryChannel.EMAIL: email})

    with pytest.raises(DeliveryDeferred, match="email: smtp unavailable"):
        await run(routed, {DeliveryChannel.EMAIL: email})
    await run(routed, {DeliveryChannel.EMAIL: email})

    assert [m.template for m in email.sent] == ["acknowledgement", "new_assignment", "acknowledgement"]
    assert len(store.outcomes) == 2


async def test_a_permanently_refused_address_is_recorded_as_failed_and_not_retried(run, received_event,
                                                                                  routed_event):
    email = FakeNotifier(DeliveryResult.permanent("recipient refused (550)"))
    routed = routed_event()
    await run(received_event(), {DeliveryChannel.EMAIL: email})

    [failed, sent] = await run(routed, {DeliveryChannel.EMAIL: email})
    await run(routed, {DeliveryChannel.EMAIL: email})

    assert isinstance(failed, NotificationFailed) and failed.permanent and failed.template == "acknowledgement"
    assert isinstance(sent, NotificationSent)
    assert len(email.sent) == 2


async def test_an_event_ahead_of_its_complaint_waits_for_the_facts(run, trigger_events):
    with pytest.raises(Deferred, match="no facts yet for complaint") as raised:
        await run(trigger_events["information_requested"])

    assert isinstance(raised.value.__cause__, FactsNotYetKnown)


async def test_an_opt_out_records_nothing_and_sends_nothing(run, email, received_event, trigger_events):
    await run(received_event(consent_marketing=False))

    assert await run(trigger_events["case_note"]) == []
    assert email.sent == []


@pytest.fixture
def recorded(counter) -> list:
    """The outcomes the service reported as recorded."""
    return counter.outcomes


@pytest.fixture
def service(make_service, email):
    return make_service({DeliveryChannel.EMAIL: email})


async def test_a_run_with_routing_ahead_of_the_receipt_still_acknowledges(service, email, received_event,
                                                                          routed_event):
    await service.deliver(events=[routed_event(), received_event()])

    assert [m.template for m in email.sent] == ["acknowledgement", "new_assignment"]


async def test_recorded_outcomes_are_reported_once_even_when_the_event_comes_again(service, recorded,
                                                                                  received_event, routed_event):
    routed = routed_event()

    await service.deliver(events=[received_event(), routed])
    await service.deliver(events=[routed])

    assert [o.template for o in recorded] == ["acknowledgement", "new_assignment"]


async def test_outcomes_recorded_before_a_deferral_are_reported(make_service, recorded, received_event,
                                                                routed_event):
    email = FakeNotifier(DeliveryResult.success(provider_message_id="m-1"),
                         DeliveryResult.transient("smtp unavailable: TimeoutError"))
    service = make_service({DeliveryChannel.EMAIL: email})

    with pytest.raises(DeliveryDeferred):
        await service.deliver(events=[received_event(), routed_event()])

    assert [o.template for o in recorded] == ["acknowledgement"]


async def test_a_run_reads_and_records_in_batches_not_per_event(service, store, email, received_event, routed_event):
    receipts = [received_event().model_copy(update={"complaint_id": f"c-{i}"}) for i in range(5)]
    routings = [routed_event().model_copy(update={"complaint_id": f"c-{i}"}) for i in range(5)]

    outcomes = await service.deliver(events=receipts + routings)

    assert len(outcomes) == 10 and len(email.sent) == 10
    # Ten deliveries, sent concurrently, reach the store in fewer writes than deliveries.
    assert sum(store.batches) == 10 and len(store.batches) < 10


async def test_a_complaint_not_known_yet_does_not_hold_back_the_others_of_its_run(service, email, received_event,
                                                                                routed_event):
    with pytest.raises(Deferred, match="c-unknown"):
        await service.deliver(events=[received_event(), routed_event(),
                                      routed_event().model_copy(update={"complaint_id": "c-unknown"})])

    assert [m.template for m in email.sent] == ["acknowledgement", "new_assignment"]


async def test_the_facts_a_run_reaches_are_kept_for_later_events(service, store, received_event, routed_event):
    await service.deliver(events=[received_event(), routed_event()])

    facts = store.facts[COMPLAINT_ID]
    assert (facts.department, facts.team, facts.assignee) == ("customer_support", "support-en-1", "emp-0042")


async def test_messages_are_dated_by_the_service_clock(run, email, received_event, routed_event):
    await run(received_event())
    await run(routed_event())

    assert {m.created_at for m in email.sent} == {NOW}


async def test_the_outbox_relay_is_woken_only_when_something_was_recorded(run, counter, received_event,
                                                                        routed_event):
    routed = routed_event()
    await run(received_event())
    assert counter.wakes == 0

    await run(routed)
    await run(routed)

    assert counter.wakes == 1


async def test_a_customer_no_channel_reaches_is_reported_as_a_permanent_failure(run, email, received_event,
                                                                               routed_event):
    await run(received_event(email=None, preferred_channel="phone"))

    [failed, sent] = await run(routed_event())

    assert isinstance(failed, NotificationFailed) and failed.permanent
    assert (failed.template, failed.channel, failed.reason) == ("acknowledgement", "none",
                                                                 "no durable channel reaches the customer")
    assert isinstance(sent, NotificationSent) and [m.template for m in email.sent] == ["new_assignment"]


async def test_a_systemic_issue_needs_no_complaint_facts(run, email, store, trigger_events):
    [sent] = await run(trigger_events["systemic_issue"])

    assert (sent.template, sent.complaint_id) == ("systemic_issue", None)
    assert [m.address for m in email.sent] == ["quality@northwind.example"] and store.facts == {}
