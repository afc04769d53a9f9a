from complaint_contracts import Language
from notification.domain.addressing import address_message
from notification.domain.delivery import Delivery, DeliveryResult
from notification.domain.delivery_log import FinishedDelivery, LogStatus, intent_of
from notification.domain.outcomes import delivery_event
from notification.domain.planning import plan_messages
from notification.domain.recipients import StaffDirectory
from notification.domain.selection import DeliveryChannel

from tests.unit.notification.builders import CALENDARS, RECEIVED_AT


def the_delivery(event, facts, links) -> Delivery:
    """The one delivery the event calls for, planned and addressed as the service does."""
    [message] = plan_messages(event=event, facts=facts, links=links, calendars=CALENDARS)
    [delivery] = address_message(message=message, facts=facts, directory=StaffDirectory(),
                                 available_channels=frozenset(DeliveryChannel), template_languages=frozenset(Language),
                                 calendars=CALENDARS)
    assert isinstance(delivery, Delivery)
    return delivery


def test_the_log_keeps_what_happened_to_a_delivery_without_address_or_content(outgoing, trigger_events):
    message = outgoing()
    sent = delivery_event(message=message, result=DeliveryResult.success(provider_message_id="<m@x>", attempts=2),
                          trigger=trigger_events["information_requested"])
    failed = delivery_event(message=message, result=DeliveryResult.permanent("recipient refused (550)"),
                            trigger=trigger_events["information_requested"])

    kept, refused = FinishedDelivery(sent).record, FinishedDelivery(failed, resent=True).record

    assert (kept.notification_id, kept.status, kept.reason, kept.attempts) == (message.notification_id,
                                                                               LogStatus.SENT, None, 2)
    assert (kept.channel, kept.template, kept.recipient_kind, kept.recorded_at) == ("email", "information_requested",
                                                                                   "customer", sent.time)
    assert (refused.status, refused.reason, refused.resent) == (LogStatus.FAILED, "recipient refused (550)", True)
    assert kept.final and refused.final and not kept.possibly_sent
    assert "alesia@example.org" not in kept.model_dump_json()


def test_an_intent_is_logged_as_sending_with_the_message_date_and_no_address(trigger_events, facts, links):
    event = trigger_events["information_requested"]
    delivery = the_delivery(event, facts, links)

    intent = intent_of(delivery, trigger=event, message_date=RECEIVED_AT)

    assert (intent.notification_id, intent.status, intent.message_date) == (delivery.notification_id,
                                                                           LogStatus.SENDING, RECEIVED_AT)
    assert (intent.template, intent.trigger_event_id, intent.attempts) == ("information_requested", str(event.id), 0)
    assert intent.possibly_sent and not intent.final
    assert "alesia" not in intent.model_dump_json()


def test_a_deferred_delivery_is_neither_finished_nor_possibly_sent(trigger_events, facts, links):
    event = trigger_events["information_requested"]
    delivery = the_delivery(event, facts, links)

    deferred = intent_of(delivery, trigger=event, message_date=RECEIVED_AT).model_copy(
        update={"status": LogStatus.DEFERRED})

    assert not deferred.final and not deferred.possibly_sent
