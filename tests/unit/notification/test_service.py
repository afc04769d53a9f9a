from datetime import UTC, datetime

import pytest
from complaint_contracts import NotificationFailed, NotificationSent
from notification.channels import FakeNotifier
from notification.facts import ComplaintFacts
from notification.messages import DeliveryResult
from notification.plan import FactsNotYetKnown
from notification.rendering import TemplateRenderer
from notification.selection import DeliveryChannel
from notification.service import DeliveryDeferred, NotificationService

NOW = datetime(2026, 3, 9, 10, 0, tzinfo=UTC)


class FakeStore:
    def __init__(self) -> None:
        self.facts: dict[str, ComplaintFacts] = {}
        self.outcomes: dict[str, NotificationSent | NotificationFailed] = {}
        self.batches: list[int] = []

    async def facts_of(self, complaint_ids: list[str]) -> dict[str, ComplaintFacts]:
        return {cid: self.facts[cid] for cid in complaint_ids if cid in self.facts}

    async def save_facts(self, facts: list[ComplaintFacts]) -> None:
        self.facts.update((f.complaint_id, f) for f in facts)

    async def recorded_among(self, notification_ids: list[str]) -> set[str]:
        return set(notification_ids) & set(self.outcomes)

    async def remember_received(self, facts: list[ComplaintFacts]) -> None:
        for f in facts:
            self.facts.setdefault(f.complaint_id, f)

    async def record_outcomes(self, outcomes: list[NotificationSent | NotificationFailed]) -> list[bool]:
        self.batches.append(len(outcomes))
        fresh = []
        for outcome in outcomes:
            fresh.append(outcome.notification_id not in self.outcomes)
            self.outcomes.setdefault(outcome.notification_id, outcome)
        return fresh


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def email() -> FakeNotifier:
    return FakeNotifier()


@pytest.fixture
def run(store, email, links, directory):
    renderer = TemplateRenderer()

    async def run_notify(event, notifiers=None):
        service = NotificationService(store=store, notifiers=notifiers or {DeliveryChannel.EMAIL: email},
                                      renderer=renderer, links=links, directory=directory, clock=lambda: NOW)
        return await service.handle([event])

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
    with pytest.raises(FactsNotYetKnown):
        await run(trigger_events["information_requested"])


async def test_an_opt_out_records_nothing_and_sends_nothing(run, email, received_event, trigger_events):
    await run(received_event(consent_marketing=False))

    assert await run(trigger_events["case_note"]) == []
    assert email.sent == []


@pytest.fixture
def recorded() -> list:
    return []


@pytest.fixture
def service(store, email, links, directory, recorded):
    return NotificationService(store=store, notifiers={DeliveryChannel.EMAIL: email}, renderer=TemplateRenderer(),
                               links=links, directory=directory, clock=lambda: NOW, on_recorded=recorded.extend)


async def test_a_run_with_routing_ahead_of_the_receipt_still_acknowledges(service, email, received_event,
                                                                          routed_event):
    await service.handle([routed_event(), received_event()])

    assert [m.template for m in email.sent] == ["acknowledgement", "new_assignment"]


async def test_recorded_outcomes_are_reported_once_even_when_the_event_comes_again(service, recorded,
                                                                                  received_event, routed_event):
    routed = routed_event()

    await service.handle([received_event(), routed])
    await service.handle([routed])

    assert [o.template for o in recorded] == ["acknowledgement", "new_assignment"]


async def test_outcomes_recorded_before_a_deferral_are_reported(store, links, directory, received_event,
                                                                routed_event):
    email = FakeNotifier(DeliveryResult.success(provider_message_id="m-1"),
                         DeliveryResult.transient("smtp unavailable: TimeoutError"))
    recorded: list = []
    service = NotificationService(store=store, notifiers={DeliveryChannel.EMAIL: email}, renderer=TemplateRenderer(),
                                  links=links, directory=directory, clock=lambda: NOW, on_recorded=recorded.extend)

    with pytest.raises(DeliveryDeferred):
        await service.handle([received_event(), routed_event()])

    assert [o.template for o in recorded] == ["acknowledgement"]


async def test_a_run_reads_and_records_in_batches_not_per_event(service, store, email, received_event, routed_event):
    receipts = [received_event().model_copy(update={"complaint_id": f"c-{i}"}) for i in range(5)]
    routings = [routed_event().model_copy(update={"complaint_id": f"c-{i}"}) for i in range(5)]

    outcomes = await service.handle(receipts + routings)

    assert len(outcomes) == 10 and len(email.sent) == 10
    # Ten deliveries, sent concurrently, reach the store in fewer writes than deliveries.
    assert sum(store.batches) == 10 and len(store.batches) < 10


async def test_a_complaint_not_known_yet_does_not_hold_back_the_others_of_its_run(service, email, received_event,
                                                                                routed_event):
    with pytest.raises(FactsNotYetKnown):
        await service.handle([received_event(), routed_event(),
                              routed_event().model_copy(update={"complaint_id": "c-unknown"})])

    assert [m.template for m in email.sent] == ["acknowledgement", "new_assignment"]
