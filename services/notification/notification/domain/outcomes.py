"""What becomes of each delivery: the event notification publishes about it."""

from complaint_contracts import Event, NotificationFailed, NotificationSent

from .delivery import NO_CHANNEL, DeliveryResult, DeliveryStatus, OutgoingMessage, Skipped

Outcome = NotificationSent | NotificationFailed


def delivery_event(*, message: OutgoingMessage, result: DeliveryResult, trigger: Event) -> Outcome:
    """NotificationSent for a delivered message, NotificationFailed otherwise."""
    common = trigger.caused(
        complaint_id=message.complaint_id, notification_id=message.notification_id, template=message.template.value,
        channel=message.channel.value, recipient_kind=message.audience.value, language=message.language,
        trigger_event_id=str(trigger.id), attempts=result.attempts,
    )
    if result.delivered:
        return NotificationSent(provider_message_id=result.provider_message_id, **common)
    return NotificationFailed(reason=result.reason or result.status.value,
                              permanent=result.status is DeliveryStatus.PERMANENT_FAILURE, **common)


def skipped_event(*, skipped: Skipped, trigger: Event) -> NotificationFailed | None:
    """NotificationFailed for a message no channel can carry; None for one deliberately not sent."""
    if not skipped.permanent_failure:
        return None
    message = skipped.message
    return NotificationFailed(**trigger.caused(
        complaint_id=message.complaint_id, notification_id=skipped.notification_id, template=message.template.value,
        channel=NO_CHANNEL, recipient_kind=message.recipient.audience.value, trigger_event_id=str(trigger.id),
        reason=skipped.reason, permanent=True, attempts=1,
    ))

