"""Address a planned message: the deliveries that reach its recipient, or the reason it is skipped."""

from collections.abc import Collection

from complaint_contracts import Language, Regime
from complaints_calendar import CalendarBook

from .business_time import business_time
from .catalogue import Audience
from .delivery import NO_CHANNEL, Delivery, Skipped, delivery_ids
from .erasure import PERSONAL_DATA_ERASED
from .facts import ComplaintFacts
from .planning import PlannedMessage
from .recipients import StaffDirectory
from .selection import (
    NAMED_ROUTES,
    DeliveryChannel,
    babel_locale,
    choose_customer_channel,
    choose_language,
    consent_allows,
    customer_addresses,
    requires_durable_medium,
)


def address_message(*, message: PlannedMessage, facts: ComplaintFacts | None, directory: StaffDirectory,
                    available_channels: Collection[DeliveryChannel], template_languages: Collection[Language],
                    calendars: CalendarBook, erased: bool = False) -> list[Delivery | Skipped]:
    """Decide how the message reaches its recipient: deliveries, or the reason it is skipped.

    `calendars`: where the customer's time zone is found (the one their deadlines count in).
    `erased`: the customer's personal data is gone although the facts may not say so yet (the event was read after
    the keys were destroyed, or the erasure comes later in the same run).
    """
    if message.recipient.audience is Audience.CUSTOMER:
        if facts is None:
            raise ValueError("customer messages need the complaint's facts")
        if erased or facts.personal_data_erased:
            return [_not_sent_erased(message)]
        return [_to_customer(message=message, facts=facts, available_channels=available_channels,
                             template_languages=template_languages, calendars=calendars)]
    return _to_staff(message=message, directory=directory, available_channels=available_channels,
                     template_languages=template_languages)


def _skipped(message: PlannedMessage, *, reason: str, permanent_failure: bool) -> Skipped:
    delivery_id, legacy_id = delivery_ids(message, channel=NO_CHANNEL)
    return Skipped(notification_id=delivery_id, legacy_id=legacy_id, message=message, reason=reason,
                   permanent_failure=permanent_failure)


def _not_sent_erased(message: PlannedMessage) -> Skipped:
    """No address is left, and what the event says of the customer may read "[erased]": the message is not sent."""
    delivery_id, legacy_id = delivery_ids(message, channel=NO_CHANNEL)
    handled = tuple(i for channel in DeliveryChannel for i in delivery_ids(message, channel=channel.value))
    return Skipped(notification_id=delivery_id, legacy_id=legacy_id, message=message, reason=PERSONAL_DATA_ERASED,
                   permanent_failure=True, handled_as=handled)


def _delivery(message: PlannedMessage, *, channel: DeliveryChannel, address: str, language: Language,
              locale: str, time_zone: str) -> Delivery:
    delivery_id, legacy_id = delivery_ids(message, channel=channel.value)
    return Delivery(notification_id=delivery_id, legacy_id=legacy_id, message=message, channel=channel,
                    address=address, language=language, locale=locale, time_zone=time_zone)


def _customer_delivery(message: PlannedMessage, *, facts: ComplaintFacts, channel: DeliveryChannel, address: str,
                       template_languages: Collection[Language], calendars: CalendarBook) -> Delivery:
    """In the complaint's language (if templates exist for it), dated as in the customer's country, every moment in
    the time zone their deadlines count in."""
    language = choose_language(wanted=facts.language, available=template_languages)
    return _delivery(message, channel=channel, address=address, language=language,
                     locale=babel_locale(language=language, jurisdiction=facts.jurisdiction),
                     time_zone=business_time(facts=facts, calendars=calendars).time_zone)


def _to_customer(*, message: PlannedMessage, facts: ComplaintFacts, available_channels: Collection[DeliveryChannel],
                 template_languages: Collection[Language], calendars: CalendarBook) -> Delivery | Skipped:
    if not consent_allows(spec=message.spec, consent_marketing=facts.customer.consent_marketing):
        return _skipped(message, reason="customer accepts mandatory messages only", permanent_failure=False)
    addresses = customer_addresses(facts=facts)
    if message.send_to is not None:
        return _to_named_route(message=message, facts=facts, addresses=addresses,
                               available_channels=available_channels, template_languages=template_languages,
                               calendars=calendars)
    durable_only = requires_durable_medium(spec=message.spec, regulated=facts.regime is not Regime.NONE)
    channel = choose_customer_channel(preferred=facts.customer.preferred_channel, addresses=addresses,
                                      available=available_channels, durable_only=durable_only)
    if channel is None:
        reason = "no durable channel reaches the customer" if durable_only else "no channel reaches the customer"
        return _skipped(message, reason=reason, permanent_failure=True)
    return _customer_delivery(message, facts=facts, channel=channel, address=addresses[channel],
                              template_languages=template_languages, calendars=calendars)


def _to_named_route(*, message: PlannedMessage, facts: ComplaintFacts, addresses: dict[DeliveryChannel, str],
                    available_channels: Collection[DeliveryChannel], template_languages: Collection[Language],
                    calendars: CalendarBook) -> Delivery | Skipped:
    """The message goes over the route it names, to the address on file there, or not at all (no fallback)."""
    channel = NAMED_ROUTES[message.send_to] if message.send_to else None
    if channel is None or channel not in addresses:
        return _skipped(message, reason=f"no {message.send_to} on file", permanent_failure=True)
    if channel not in available_channels:
        return _skipped(message, reason=f"the {channel.value} channel is not configured", permanent_failure=True)
    return _customer_delivery(message, facts=facts, channel=channel, address=addresses[channel],
                              template_languages=template_languages, calendars=calendars)


def _to_staff(*, message: PlannedMessage, directory: StaffDirectory, available_channels: Collection[DeliveryChannel],
              template_languages: Collection[Language]) -> list[Delivery | Skipped]:
    found = directory.lookup(message.recipient)
    if found is None:
        return [_skipped(message, reason="recipient not in the staff directory", permanent_failure=True)]
    key, route = found
    language = choose_language(wanted=route.language, available=template_languages)
    targets = [(DeliveryChannel.EMAIL, route.email), (DeliveryChannel.CHAT, route.chat and key)]
    deliveries: list[Delivery | Skipped] = [
        _delivery(message, channel=channel, address=address, language=language,
                  locale=babel_locale(language=language, jurisdiction=None), time_zone=route.time_zone)
        for channel, address in targets if address and channel in available_channels
    ]
    return deliveries or [_skipped(message, reason="no configured channel reaches the recipient",
                                   permanent_failure=True)]
