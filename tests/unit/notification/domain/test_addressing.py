from uuid import UUID

import pytest
from complaint_contracts import Channel, Language, Regime
from notification.domain.addressing import address_message
from notification.domain.catalogue import Audience
from notification.domain.delivery import Delivery, Skipped
from notification.domain.planning import plan_messages
from notification.domain.recipients import StaffDirectory
from notification.domain.selection import DeliveryChannel

from tests.unit.notification.builders import CALENDARS

ALL_CHANNELS = frozenset(DeliveryChannel)
ALL_LANGUAGES = frozenset(Language)


def _customer_message(event, facts, links):
    return next(m for m in plan_messages(event=event, facts=facts, links=links, calendars=CALENDARS)
                if m.recipient.audience is Audience.CUSTOMER)


def _address(message, facts, directory, *, channels=ALL_CHANNELS, languages=ALL_LANGUAGES):
    return address_message(message=message, facts=facts, directory=directory, available_channels=channels,
                           template_languages=languages, calendars=CALENDARS)


def test_customer_gets_the_message_in_their_language_and_locale(trigger_events, facts_for, links, directory):
    facts = facts_for(language=Language.BE, jurisdiction="BY")
    message = _customer_message(trigger_events["information_requested"], facts, links)

    [delivery] = _address(message, facts, directory)

    assert isinstance(delivery, Delivery)
    assert (delivery.channel, delivery.address) == (DeliveryChannel.EMAIL, "alesia@example.org")
    assert (delivery.language, delivery.locale, delivery.time_zone) == (Language.BE, "be_BY", "Europe/Minsk")


@pytest.mark.parametrize(("jurisdiction", "locale", "zone"), [
    ("GB-ENG", "en_GB", "Europe/London"), ("DE-BY", "en_DE", "Europe/Berlin"),
    ("US-CA", "en_US", "America/Los_Angeles"), ("ES-CN", "en_ES", "Atlantic/Canary"),
])
def test_a_customer_reads_dates_as_written_in_their_country_and_times_in_their_jurisdictions_zone(
        jurisdiction, locale, zone, trigger_events, facts_for, links, directory):
    facts = facts_for(jurisdiction=jurisdiction)
    message = _customer_message(trigger_events["information_requested"], facts, links)

    [delivery] = _address(message, facts, directory)

    assert (delivery.locale, delivery.time_zone) == (locale, zone)


def test_a_language_without_templates_falls_back_to_english(trigger_events, facts_for, links, directory):
    facts = facts_for(language=Language.BE)
    message = _customer_message(trigger_events["case_note"], facts, links)

    [delivery] = _address(message, facts, directory, languages={Language.EN, Language.RU})

    assert (delivery.language, delivery.locale) == (Language.EN, "en_GB")


@pytest.mark.parametrize("name", ["case_note", "complaint_closed", "access_code", "proposal_accepted"])
def test_service_messages_reach_a_customer_who_refused_marketing(name, trigger_events, facts_for, links, directory):
    facts = facts_for(consent_marketing=False)
    message = _customer_message(trigger_events[name], facts, links)

    [delivery] = _address(message, facts, directory)

    assert isinstance(delivery, Delivery)


def test_an_opted_out_customer_still_gets_the_final_response(trigger_events, facts_for, links, directory):
    facts = facts_for(consent_marketing=False)
    message = _customer_message(trigger_events["final_response"], facts, links)

    [delivery] = _address(message, facts, directory)

    assert isinstance(delivery, Delivery)


def test_a_regulated_final_response_is_not_sent_by_sms_to_a_phone_only_customer(trigger_events, facts_for, links,
                                                                                directory):
    facts = facts_for(email=None, preferred_channel=Channel.PHONE)
    final = _customer_message(trigger_events["final_response"], facts, links)
    note = _customer_message(trigger_events["case_note"], facts, links)

    [undeliverable] = _address(final, facts, directory)
    [by_sms] = _address(note, facts, directory)

    assert isinstance(undeliverable, Skipped) and undeliverable.permanent_failure
    assert by_sms.channel is DeliveryChannel.SMS and by_sms.address == "+375291234567"


def test_an_unregulated_final_response_may_go_by_sms(trigger_events, facts_for, links, directory):
    facts = facts_for(email=None, preferred_channel=Channel.PHONE).model_copy(update={"regime": Regime.NONE})
    final = _customer_message(trigger_events["final_response"], facts, links)

    [delivery] = _address(final, facts, directory)

    assert delivery.channel is DeliveryChannel.SMS


def test_staff_get_their_own_language_and_time_zone(trigger_events, facts, links, directory):
    [_, assignment] = plan_messages(event=trigger_events["acknowledgement"], facts=facts, links=links,
                                    calendars=CALENDARS)

    [delivery] = _address(assignment, facts, directory)

    assert (delivery.address, delivery.language, delivery.time_zone) == ("ivan@northwind.example", Language.RU,
                                                                         "Europe/Minsk")


def test_an_employee_missing_from_the_directory_is_reached_through_their_team(trigger_events, facts, links, directory):
    [_, assignment] = plan_messages(event=trigger_events["acknowledgement"], facts=facts, links=links,
                                    calendars=CALENDARS)
    without_employee = StaffDirectory(routes={k: v for k, v in directory.routes.items() if k != "employee:emp-0042"})

    deliveries = _address(assignment, facts, without_employee)

    assert [(d.channel, d.address) for d in deliveries] == [
        (DeliveryChannel.EMAIL, "support-en-1@northwind.example"), (DeliveryChannel.CHAT, "team:support-en-1")]


def test_staff_nobody_can_reach_is_a_permanent_failure(trigger_events, links):
    [message] = plan_messages(event=trigger_events["systemic_issue"], facts=None, links=links, calendars=CALENDARS)

    [skipped] = _address(message, None, StaffDirectory())

    assert isinstance(skipped, Skipped) and skipped.permanent_failure


def test_delivery_ids_are_stable_across_redelivery_and_distinct_per_recipient_and_channel(trigger_events, facts,
                                                                                          links, directory):
    event = trigger_events["deadline_breached"]

    def delivery_ids():
        return [d.notification_id for m in plan_messages(event=event, facts=facts, links=links, calendars=CALENDARS)
                for d in _address(m, facts, directory)]

    first, redelivered = delivery_ids(), delivery_ids()

    assert first == redelivered
    assert len(set(first)) == len(first) == 2
    assert all(UUID(i).version == 5 for i in first)


def test_skipped_messages_have_a_delivery_id_too(trigger_events, facts_for, links, directory):
    facts = facts_for(consent_marketing=False)
    message = _customer_message(trigger_events["case_note"], facts, links)

    [first], [again] = _address(message, facts, directory), _address(message, facts, directory)

    assert first.notification_id == again.notification_id


@pytest.mark.parametrize(("send_to", "channel", "address"), [
    ("email", DeliveryChannel.EMAIL, "alesia@example.org"),
    ("phone", DeliveryChannel.SMS, "+375291234567"),
])
def test_an_access_code_goes_to_the_contact_route_named_whatever_the_preferred_channel(send_to, channel, address,
                                                                                     trigger_events, facts_for,
                                                                                     links, directory):
    facts = facts_for(preferred_channel=Channel.LETTER, postal_address="1 High Street, Leeds")
    issued = trigger_events["access_code"].model_copy(update={"send_to": send_to})

    [delivery] = _address(_customer_message(issued, facts, links), facts, directory)

    assert (delivery.channel, delivery.address) == (channel, address)


def test_an_access_code_for_a_route_not_on_file_goes_nowhere_else(trigger_events, facts_for, links, directory):
    facts = facts_for(phone=None)
    issued = trigger_events["access_code"].model_copy(update={"send_to": "phone"})

    [skipped] = _address(_customer_message(issued, facts, links), facts, directory)

    assert isinstance(skipped, Skipped) and skipped.permanent_failure and skipped.reason == "no phone on file"


def test_an_access_code_by_phone_without_an_sms_channel_is_a_failure_not_an_email(trigger_events, facts_for, links,
                                                                                  directory):
    facts = facts_for()
    issued = trigger_events["access_code"].model_copy(update={"send_to": "phone"})

    [skipped] = _address(_customer_message(issued, facts, links), facts, directory,
                         channels={DeliveryChannel.EMAIL})

    assert isinstance(skipped, Skipped) and skipped.reason == "the sms channel is not configured"


def test_a_phone_only_customer_without_sms_is_not_acknowledged_and_that_is_reported(trigger_events, facts_for, links,
                                                                                    directory):
    facts = facts_for(email=None, preferred_channel=Channel.PHONE).model_copy(update={"regime": Regime.NONE})

    [skipped] = _address(_customer_message(trigger_events["acknowledgement"], facts, links), facts, directory,
                         channels={DeliveryChannel.EMAIL})

    assert isinstance(skipped, Skipped) and skipped.permanent_failure
    assert skipped.reason == "no channel reaches the customer"
