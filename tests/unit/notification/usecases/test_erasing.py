"""Erasure through the service: keys forgotten, facts scrubbed in the run's one write, nothing more to the customer
(recorded as not sent, once), staff still told; idempotent."""

from datetime import UTC, datetime

import pytest
from complaint_contracts import AccessCodeIssued, NotificationFailed, PersonalDataErased
from complaint_contracts.personal_data import ERASED_TEXT
from notification.adapters.channels import FakeNotifier
from notification.domain.delivery import DeliveryResult
from notification.domain.delivery_log import LogStatus
from notification.domain.erasure import PERSONAL_DATA_ERASED
from notification.domain.selection import DeliveryChannel
from notification.service import DeliveryDeferred

from tests.unit.notification.builders import COMPLAINT_ID

CONTACT = ("Alesia", "alesia@example.org", "+375291234567")


def erasure(complaint_id: str = COMPLAINT_ID, *key_ids: str) -> PersonalDataErased:
    return PersonalDataErased(complaint_id=complaint_id, erasure_id="er-0001", reason="request",
                              key_ids=list(key_ids or ("k-subject-0001",)),
                              erased_at=datetime(2026, 3, 20, tzinfo=UTC))


@pytest.fixture
async def acknowledged(run, received_event, routed_event):
    await run(received_event())
    await run(routed_event())


def not_sent(outcomes) -> list[tuple[str, str]]:
    return [(o.template, o.channel) for o in outcomes
            if isinstance(o, NotificationFailed) and o.reason == PERSONAL_DATA_ERASED]


async def test_the_erasure_forgets_the_keys_and_leaves_no_personal_value_in_the_facts(acknowledged, run, store,
                                                                                        keys):
    assert await run(erasure(COMPLAINT_ID, "k-subject-0001", "k-subject-0002")) == []

    assert keys.forgotten == ["k-subject-0001", "k-subject-0002"]
    stored = store.facts[COMPLAINT_ID].model_dump_json()
    assert store.facts[COMPLAINT_ID].personal_data_erased
    assert not any(value in stored for value in CONTACT)
    assert store.facts[COMPLAINT_ID].tracking_number == "CMP-7K3Q-9XWA-F"


async def test_earlier_versions_of_the_facts_are_scrubbed_on_every_reading_of_the_erasure(acknowledged, run, store):
    await run(erasure())
    await run(erasure())  # redelivered: the facts are erased already, the earlier versions are scrubbed again

    assert store.scrubbed == [COMPLAINT_ID, COMPLAINT_ID]


async def test_after_the_erasure_the_customer_gets_nothing_and_staff_still_do(acknowledged, run, email,
                                                                             trigger_events):
    await run(erasure())
    sent_before = len(email.sent)

    outcomes = await run(trigger_events["information_requested"])
    warned = await run(trigger_events["deadline_warning"])

    assert not_sent(outcomes) == [("information_requested", "none")] and outcomes[0].permanent
    assert [m.template for m in email.sent[sent_before:]] == ["deadline_warning"] and len(warned) == 1


async def test_the_erasure_and_its_replay_are_recorded_once(acknowledged, run, store, trigger_events):
    await run(erasure())
    facts = store.facts[COMPLAINT_ID]
    first = await run(trigger_events["case_note"])

    assert await run(erasure()) == []
    assert await run(trigger_events["case_note"]) == []
    assert store.facts[COMPLAINT_ID] == facts and len(first) == 1


async def test_a_message_sent_before_the_erasure_is_not_recorded_again_as_not_sent(acknowledged, run, store,
                                                                                   routed_event):
    await run(erasure())
    logged = dict(store.log)

    assert await run(routed_event()) == []  # the acknowledgement went out before: a replay changes nothing
    assert store.log == logged


async def test_a_deferred_mail_is_not_sent_after_the_erasure_but_recorded_as_not_sent(
        run, store, received_event, routed_event):
    email = FakeNotifier(DeliveryResult.transient("smtp unavailable: ConnectionRefusedError"))
    routed = routed_event()
    await run(received_event(), {DeliveryChannel.EMAIL: email})
    with pytest.raises(DeliveryDeferred):
        await run(routed, {DeliveryChannel.EMAIL: email})
    [deferred] = [r for r in store.log.values() if r.template == "acknowledgement"]
    assert deferred.status is LogStatus.DEFERRED

    outcomes = await run(erasure(), {DeliveryChannel.EMAIL: email})
    again = await run(routed, {DeliveryChannel.EMAIL: email})

    assert not_sent(outcomes) == [("acknowledgement", "email")]
    finished = store.log[deferred.notification_id]
    assert (finished.status, finished.reason) == (LogStatus.FAILED, PERSONAL_DATA_ERASED)
    assert store.outcomes[deferred.notification_id] == outcomes[0]
    assert again == [] and [m.template for m in email.sent].count("acknowledgement") == 1


async def test_an_access_code_read_after_the_erasure_is_not_mailed_as_erased(acknowledged, run, email, store):
    code = AccessCodeIssued(complaint_id=COMPLAINT_ID, tracking_number="CMP-7K3Q-9XWA-F", access_code=ERASED_TEXT,
                            send_to="email", reason="requested")
    sent_before = len(email.sent)

    outcomes = await run(code)

    assert len(email.sent) == sent_before
    assert not_sent(outcomes) == [("access_code", "none")]
    assert store.facts[COMPLAINT_ID].customer.email == "alesia@example.org", "the announcement is what erases"


async def test_events_ahead_of_the_erasure_in_its_run_send_the_customer_nothing(acknowledged, service, email,
                                                                               trigger_events):
    sent_before = len(email.sent)

    outcomes = await service.deliver(events=[trigger_events["case_note"], trigger_events["deadline_breached"],
                                             erasure()])

    assert [m.template for m in email.sent[sent_before:]] == ["deadline_breached", "deadline_breached"]
    assert not_sent(outcomes) == [("case_note", "none")]


async def test_erasures_of_many_complaints_take_one_write_of_the_facts(run, store, service, received_event,
                                                                     routed_event):
    for n in range(3):
        received, routed = received_event(), routed_event()
        ids = {"complaint_id": f"c-erase-many-{n:04d}"}
        await run(received.model_copy(update=ids))
        await run(routed.model_copy(update=ids))
    writes = len(store.fact_batches)

    await service.deliver(events=[erasure(f"c-erase-many-{n:04d}") for n in range(3)])

    assert store.fact_batches[writes:] == [3]
    assert all(store.facts[f"c-erase-many-{n:04d}"].personal_data_erased for n in range(3))
