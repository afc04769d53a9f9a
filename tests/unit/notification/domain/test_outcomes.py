from complaint_contracts import Channel, Language, NotificationFailed, NotificationSent
from notification.domain.addressing import address_message
from notification.domain.delivery import DeliveryResult
from notification.domain.outcomes import delivery_event, skipped_event
from notification.domain.planning import plan_messages
from notification.domain.recipients import StaffDirectory
from notification.domain.selection import DeliveryChannel

from tests.unit.notification.builders import CALENDARS


def test_a_delivered_message_is_announced_as_sent_and_traced_to_its_trigger(outgoing, trigger_events):
    message = outgoing()
    trigger = trigger_events["information_requested"]

    event = delivery_event(message=message, result=DeliveryResult.success(provider_message_id="<m@x>", attempts=2),
                           trigger=trigger)

    assert isinstance(event, NotificationSent)
    assert (event.notification_id, event.template, event.channel) == (message.notification_id,
                                                                     "information_requested", Channel.EMAIL)
    assert (event.provider_message_id, event.attempts, event.recipient_kind) == ("<m@x>", 2, "customer")
    assert event.causation_id == str(trigger.id) and event.trigger_event_id == str(trigger.id)
    assert event.complaint_id == trigger.complaint_id


def test_a_refused_message_is_announced_as_a_permanent_failure(outgoing, trigger_events):
    event = delivery_event(message=outgoing(), result=DeliveryResult.permanent("recipient refused (550)"),
                           trigger=trigger_events["information_requested"])

    assert isinstance(event, NotificationFailed)
    assert (event.permanent, event.reason) == (True, "recipient refused (550)")


def test_outcome_events_carry_no_address(outgoing, trigger_events):
    event = delivery_event(message=outgoing(), result=DeliveryResult.success(provider_message_id=None),
                           trigger=trigger_events["information_requested"])

    assert "alesia@example.org" not in event.model_dump_json()


def test_a_customer_no_channel_reaches_is_reported_failed_but_a_message_not_meant_to_go_is_not(trigger_events,
                                                                                               facts_for, links):
    facts = facts_for(email=None, phone=None)
    note = trigger_events["case_note"]
    [message] = plan_messages(event=note, facts=facts, links=links, calendars=CALENDARS)
    [unreachable] = address_message(message=message, facts=facts, directory=StaffDirectory(),
                                    available_channels=frozenset(DeliveryChannel), template_languages={Language.EN},
                                    calendars=CALENDARS)

    failed = skipped_event(skipped=unreachable, trigger=note)

    assert isinstance(failed, NotificationFailed) and failed.permanent and failed.channel == "none"
    assert skipped_event(skipped=unreachable.model_copy(update={"permanent_failure": False}), trigger=note) is None
