import asyncio
from datetime import timedelta
from uuid import uuid4

import pytest
from complaint_contracts import ComplaintClosed, CustomerContact, NotificationFailed, NotificationSent
from complaints_chassis.parking import Deferred
from notification.adapters.channels import FakeNotifier
from notification.domain.delivery import DeliveryResult, delivery_ids
from notification.domain.delivery_log import DeliveryRecord, LogStatus
from notification.domain.planning import FactsNotYetKnown, plan_messages
from notification.domain.selection import DeliveryChannel
from notification.service import DeliveryDeferred

from tests.unit.notification.builders import ACCESS_CODE, CALENDARS, COMPLAINT_ID, NOW


async def test_receipt_then_routing_acknowledges_the_customer_and_tells_the_assignee(run, email, received_event,
                                                                                      routed_event):
    assert await run(received_event()) == []

    outcomes = await run(routed_event())

    assert [(m.template, m.address) for m in email.sent] == [("acknowledgement", "alesia@example.org"),
                                                            ("new_assignment", "ivan@northwind.example")]
    assert all(isinstance(o, NotificationSent) for o in outcomes) and len(outcomes) == 2


class HoldsOneTemplate(FakeNotifier):
    """Holds the sends of one template until released; sends the others at once."""

    def __init__(self, template: str) -> None:
        super().__init__()
        self.template, self.entered, self.release = template, asyncio.Event(), asyncio.Event()

    async def send(self, message):
        if message.template == self.template:
            self.entered.set()
            await self.release.wait()
        return await super().send(message)


async def test_each_outcome_is_published_once_stored_not_when_the_run_ends(make_service, publisher, received_event,
                                                                          routed_event):
    email = HoldsOneTemplate("new_assignment")
    service = make_service({DeliveryChannel.EMAIL: email})
    await service.deliver(events=[received_event()])
    run = asyncio.create_task(service.deliver(events=[routed_event()]))
    await email.entered.wait()

    for _ in range(100):  # the customer's acknowledgement does not wait for the team's notice
        if publisher.published:
            break
        await asyncio.sleep(0.001)
    assert [o.template for o in publisher.published] == ["acknowledgement"], "published before the run ended"
    assert not run.done()

    email.release.set()
    outcomes = await asyncio.wait_for(run, 30)
    assert [o.template for o in outcomes] == [o.template for o in publisher.published] == ["acknowledgement",
                                                                                          "new_assignment"]


async def test_a_redelivered_event_sends_nothing_new(run, email, received_event, routed_event):
    routed = routed_event()
    await run(received_event())
    await run(routed)

    again = await run(routed)

    assert again == [] and len(email.sent) == 2


async def test_a_transient_failure_defers_the_event_and_the_retry_sends_only_what_is_missing(
        run, store, counter, received_event, routed_event):
    email = FakeNotifier(DeliveryResult.transient("smtp unavailable: ConnectionRefusedError"))
    routed = routed_event()
    await run(received_event(), {DeliveryChannel.EMAIL: email})

    with pytest.raises(DeliveryDeferred, match="email: smtp unavailable"):
        await run(routed, {DeliveryChannel.EMAIL: email})
    await run(routed, {DeliveryChannel.EMAIL: email})

    assert [m.template for m in email.sent] == ["acknowledgement", "new_assignment", "acknowledgement"]
    assert len(store.outcomes) == 2
    assert counter.resends == [], "a transient failure sent nothing: its retry is no possible duplicate"


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
    early = trigger_events["information_requested"]
    with pytest.raises(Deferred, match="no facts yet for complaint") as raised:
        await run(early)

    assert isinstance(raised.value.__cause__, FactsNotYetKnown)
    assert raised.value.waiting == {str(early.id)}  # named: the chassis parks it and applies the rest together


async def test_a_progress_note_reaches_a_customer_who_refused_marketing(run, email, received_event, trigger_events):
    await run(received_event(consent_marketing=False))

    [sent] = await run(trigger_events["case_note"])

    assert isinstance(sent, NotificationSent) and [m.template for m in email.sent] == ["case_note"]


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


async def test_a_receipt_and_its_routing_in_one_run_acknowledge_while_the_store_is_still_writing_the_receipt(
        service, store, email, received_event, routed_event):
    # The run reads the facts it knows while it stores the receipts: the read may not see them yet.
    remember = store.remember_received

    async def slow_remember(facts):
        await asyncio.sleep(0.01)
        await remember(facts)

    store.remember_received = slow_remember

    await service.deliver(events=[received_event(), routed_event()])

    assert [m.template for m in email.sent] == ["acknowledgement", "new_assignment"]
    assert store.facts[COMPLAINT_ID].team == "support-en-1"


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


async def test_outcome_events_are_published_once_stored_and_again_when_their_trigger_comes_again(
        run, email, publisher, store, received_event, routed_event):
    routed = routed_event()
    await run(received_event())
    assert publisher.published == []

    outcomes = await run(routed)
    assert publisher.published == outcomes and len(outcomes) == 2
    assert all(store.outcomes[o.notification_id] == o for o in outcomes), "stored before they were published"

    # Redelivered (the offset was not committed: the process may have stopped before publishing): nothing is sent
    # again, what the stored outcomes caused is published again, under the same event ids.
    assert await run(routed) == []
    assert len(email.sent) == 2
    assert sorted(str(o.id) for o in publisher.republished) == sorted(str(o.id) for o in outcomes)


async def test_outcomes_whose_publishing_failed_go_out_when_the_trigger_is_retried(run, email, publisher,
                                                                                  received_event, routed_event):
    routed = routed_event()
    await run(received_event())
    publisher.fail_next = 1

    with pytest.raises(ConnectionError):
        await run(routed)
    # Outcomes are published as they are stored: the run stops at the first outcome it could not publish.
    stored_unpublished = [m.notification_id for m in email.sent]
    assert publisher.published == [] and stored_unpublished

    await run(routed)

    sent = [m.notification_id for m in email.sent]
    assert len(sent) == len(set(sent)) == 2, "no message was sent again"
    assert {o.notification_id for o in publisher.republished} == set(stored_unpublished)
    assert {o.notification_id for o in [*publisher.published, *publisher.republished]} == set(sent)


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


async def test_a_trigger_re_sent_under_a_new_id_sends_nothing_new(run, email, publisher, received_event,
                                                                   routed_event):
    routed = routed_event()
    await run(received_event())
    await run(routed)

    again = await run(routed.model_copy(update={"id": uuid4(), "time": routed.time + timedelta(minutes=5)}))

    assert again == [] and [m.template for m in email.sent] == ["acknowledgement", "new_assignment"]
    # The first copy's batch was committed only after its outcomes were published: nothing to publish again.
    assert publisher.republished == []


async def test_a_trigger_and_its_re_sent_copy_in_one_run_send_once(service, email, received_event, trigger_events):
    question = trigger_events["information_requested"]
    again = question.model_copy(update={"id": str(uuid4())})

    outcomes = await service.deliver(events=[received_event(), question, again])

    assert len(outcomes) == 1 and [m.template for m in email.sent] == ["information_requested"]


async def test_a_delivery_logged_before_effect_keys_is_not_made_again(run, store, email, links, received_event,
                                                                      trigger_events):
    note = trigger_events["case_note"]
    await run(received_event())
    [customer] = [message for message in plan_messages(event=note, facts=store.facts[COMPLAINT_ID],
                                                       links=links, calendars=CALENDARS)]
    _, legacy_id = delivery_ids(customer, channel="email")
    store.log[legacy_id] = DeliveryRecord(notification_id=legacy_id, complaint_id=COMPLAINT_ID, template="case_note",
                                          channel="email", recipient_kind="customer",
                                          trigger_event_id=str(note.id), status=LogStatus.SENT)

    assert await run(note) == [] and email.sent == []


async def test_a_customer_who_gave_no_name_is_greeted_politely(run, email, received_event, routed_event):
    # Until the contract lets intake omit the name, a contact built without validation stands for one.
    named = received_event()
    nameless = named.model_copy(update={"customer": CustomerContact.model_construct(
        **{**named.customer.model_dump(), "name": None})})
    await run(nameless)

    await run(routed_event())

    acknowledgement = email.sent[0]
    assert acknowledgement.text.startswith("Dear customer,\n") and "None" not in acknowledgement.text


async def test_an_access_code_is_mailed_and_nothing_kept_holds_it(run, email, store, received_event, trigger_events):
    await run(received_event())

    [sent] = await run(trigger_events["access_code"])

    [mail] = email.sent
    assert isinstance(sent, NotificationSent) and mail.template.value == "access_code"
    assert ACCESS_CODE in mail.text and mail.address == "alesia@example.org"
    kept = [f.model_dump_json() for f in store.facts.values()] + [r.model_dump_json() for r in store.log.values()]
    assert kept and not any(ACCESS_CODE in document for document in kept)
    assert ACCESS_CODE not in sent.model_dump_json()


async def test_an_access_code_redelivered_is_not_sent_again(run, email, received_event, trigger_events):
    await run(received_event())
    await run(trigger_events["access_code"])

    assert await run(trigger_events["access_code"]) == []
    assert len(email.sent) == 1


@pytest.mark.parametrize("order", ["closed first", "merged first"])
async def test_a_merged_complaint_gets_one_letter_saying_where_it_went_however_often_either_event_comes(
        order, make_service, email, received_event, trigger_events):
    merged = trigger_events["complaint_merged"]
    closed = ComplaintClosed(complaint_id=COMPLAINT_ID, reason="duplicate", by="emp-0042", time=merged.time)
    events = [closed, merged] if order == "closed first" else [merged, closed]
    service = make_service({DeliveryChannel.EMAIL: email})
    await service.deliver(events=[received_event()])

    first = await service.deliver(events=events)
    for event in [*events, *events]:  # redelivered, together and one by one
        await service.deliver(events=[event])
    await service.deliver(events=events)

    assert [m.template for m in email.sent] == ["complaint_merged"]
    assert [(o.template, o.recipient_kind) for o in first] == [("complaint_merged", "customer")]
    assert "CMP-2B7D-4HXR-K" in email.sent[0].text


async def test_a_complaint_closed_for_another_reason_still_gets_its_closing_letter(run, email, received_event):
    await run(received_event())

    [sent] = await run(ComplaintClosed(complaint_id=COMPLAINT_ID, reason="no_response", by="system"))

    assert isinstance(sent, NotificationSent) and [m.template for m in email.sent] == ["complaint_closed"]
