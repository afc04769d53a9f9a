"""Sending under the delivery log: the intent is logged before the channel gets the message, a send whose outcome
was lost goes again as the same message (and is reported), an outcome the store failed to take is recorded on retry
without sending again."""

import pytest
from notification.adapters.channels import FakeNotifier
from notification.domain.delivery_log import LogStatus
from notification.domain.selection import DeliveryChannel


async def test_an_intent_is_logged_before_the_channel_gets_the_message(make_service, store, received_event,
                                                                       trigger_events):
    seen: list[LogStatus | None] = []

    class Watching(FakeNotifier):
        async def send(self, message):
            seen.append(store.log[message.notification_id].status)
            return await super().send(message)

    service = make_service({DeliveryChannel.EMAIL: Watching()})
    await service.deliver(events=[received_event()])

    [sent] = await service.deliver(events=[trigger_events["case_note"]])

    assert seen == [LogStatus.SENDING]
    assert store.log[sent.notification_id].status is LogStatus.SENT


async def test_a_send_whose_outcome_was_lost_goes_again_as_the_same_message_and_is_reported(
        run, store, email, counter, received_event, trigger_events):
    note = trigger_events["case_note"]
    await run(received_event())
    await run(note)
    [first] = email.sent
    # As after a crash between the channel taking the message and the outcome being stored:
    store.log[first.notification_id] = store.log[first.notification_id].model_copy(
        update={"status": LogStatus.SENDING, "message_date": first.created_at})
    del store.outcomes[first.notification_id]

    [outcome] = await run(note)

    again = email.sent[-1]
    assert (again.notification_id, again.created_at, again.text) == (first.notification_id, first.created_at,
                                                                     first.text)
    assert counter.resends == [("email", "case_note")]
    assert store.log[first.notification_id].resent and outcome.notification_id == first.notification_id


async def test_an_outcome_the_store_failed_to_take_is_recorded_on_retry_without_sending_again(
        service, store, email, counter, received_event, trigger_events):
    note = trigger_events["case_note"]
    await service.deliver(events=[received_event()])
    store.fail_next_records = 1

    with pytest.raises(ConnectionError):
        await service.deliver(events=[note])
    [outcome] = await service.deliver(events=[note])

    assert len(email.sent) == 1 and outcome.notification_id == email.sent[0].notification_id
    assert store.log[outcome.notification_id].status is LogStatus.SENT and counter.resends == []


async def test_after_a_restart_an_outcome_lost_to_the_store_is_sent_again_with_the_same_message_id(
        run, store, email, counter, received_event, trigger_events):
    note = trigger_events["case_note"]
    await run(received_event())
    store.fail_next_records = 1

    with pytest.raises(ConnectionError):
        await run(note)
    [outcome] = await run(note)  # a new service: what the first one kept in memory died with it

    assert [m.notification_id for m in email.sent] == [outcome.notification_id] * 2
    assert counter.resends == [("email", "case_note")]


async def test_intents_are_logged_in_batches_not_per_delivery(service, store, received_event, routed_event):
    receipts = [received_event().model_copy(update={"complaint_id": f"c-{i}"}) for i in range(5)]
    routings = [routed_event().model_copy(update={"complaint_id": f"c-{i}"}) for i in range(5)]

    await service.deliver(events=receipts + routings)

    assert sum(store.intent_batches) == 10 and len(store.intent_batches) < 10
