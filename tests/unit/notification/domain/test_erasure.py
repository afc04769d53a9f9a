"""Erasure in notification's rules: facts lose every personal value and keep the record; an event read after its
keys were destroyed is recognised; a customer message about an erased complaint is not sent, staff's are."""

from datetime import UTC, datetime

from complaint_contracts import EVENT_TOPIC, Event, Language, PersonalDataErased, from_kafka, to_kafka
from complaint_contracts.personal_data import ERASED_TEXT
from complaints_chassis.personal_data import DataKey, new_data_key, opening, sealing
from notification.domain.addressing import address_message
from notification.domain.delivery import Delivery, Skipped, delivery_ids
from notification.domain.erasure import PERSONAL_DATA_ERASED, shows_erased
from notification.domain.facts import erased_facts, facts_from_received, record_facts
from notification.domain.links import SiteLinks
from notification.domain.planning import plan_messages
from notification.domain.recipients import CUSTOMER_KEY, StaffDirectory, StaffRoute
from notification.domain.selection import DeliveryChannel

from tests.unit.notification.builders import CALENDARS, COMPLAINT_ID, make_facts, make_received, make_trigger_events

ERASED_AT = datetime(2026, 4, 1, 12, tzinfo=UTC)
LINKS = SiteLinks.under("https://complaints.example.org/", organisation="Northwind Retail")
DIRECTORY = StaffDirectory(routes={"employee:emp-0042": StaffRoute(email="ivan@northwind.example")})


def read(event: Event, *, key: DataKey, with_key: bool) -> Event:
    """The event as a consumer reads it off the topic: sealed with `key`, opened with it or without it."""
    record = to_kafka(event, personal=sealing(key))
    return from_kafka(EVENT_TOPIC[type(event)], record.value, record.headers,
                      personal=opening({key.id: key} if with_key else {}))


def erasure(*key_ids: str) -> PersonalDataErased:
    return PersonalDataErased(complaint_id=COMPLAINT_ID, erasure_id="er-0001", reason="request",
                              key_ids=list(key_ids), erased_at=ERASED_AT)


def test_an_event_read_after_its_keys_were_destroyed_shows_erased_and_one_read_with_them_does_not():
    key = new_data_key()
    code = make_trigger_events()["access_code"]

    assert shows_erased(read(code, key=key, with_key=False))
    assert shows_erased(read(make_received(), key=key, with_key=False))
    assert not shows_erased(read(code, key=key, with_key=True))
    assert not shows_erased(read(make_received(), key=key, with_key=True))
    assert not shows_erased(make_trigger_events()["information_requested"])  # nothing personal to erase


def test_erased_facts_keep_the_record_and_no_personal_value():
    facts = make_facts(postal_address="1 Mill Lane, Leeds", customer_ref="CUST-0042")

    erased = erased_facts(facts)

    contact = erased.customer
    assert (contact.name, contact.email, contact.phone, contact.postal_address, contact.customer_ref) == (
        None, None, None, None, None)
    assert erased.personal_data_erased and erased.title == ERASED_TEXT
    kept = {"customer", "title", "personal_data_erased"}
    assert erased.model_dump(exclude=kept) == facts.model_dump(exclude=kept)
    assert (contact.preferred_channel, contact.consent_marketing) == (facts.customer.preferred_channel,
                                                                     facts.customer.consent_marketing)
    for value in ("Alesia", "alesia@example.org", "+375291234567", "Mill Lane", "CUST-0042"):
        assert value not in erased.model_dump_json()


def test_the_announcement_erases_the_facts_once_and_again_changes_nothing():
    once = record_facts(facts=make_facts(), event=erasure("k-0001-aaaa"))
    twice = record_facts(facts=once, event=erasure("k-0001-aaaa"))

    assert once is not None and once.personal_data_erased and once.customer.email is None
    assert twice == once


def test_a_receipt_read_after_the_erasure_starts_erased_facts():
    key = new_data_key()

    facts = facts_from_received(event=read(make_received(), key=key, with_key=False))

    assert facts.personal_data_erased and facts.customer.name is None and facts.customer.email is None
    assert not facts_from_received(event=read(make_received(), key=key, with_key=True)).personal_data_erased


def addressed(template: str, facts, *, erased: bool = False, recipient: str = CUSTOMER_KEY) -> list:
    [message] = [m for m in plan_messages(event=make_trigger_events()[template], facts=facts, links=LINKS,
                                          calendars=CALENDARS)
                 if m.recipient.key == recipient]
    return address_message(message=message, facts=facts, directory=DIRECTORY, erased=erased,
                           available_channels=frozenset(DeliveryChannel), template_languages=frozenset(Language),
                           calendars=CALENDARS)


def test_a_customer_message_about_an_erased_complaint_is_not_sent_and_says_why():
    facts = erased_facts(make_facts())

    [skipped] = addressed("information_requested", facts)

    assert isinstance(skipped, Skipped)
    assert (skipped.reason, skipped.permanent_failure) == (PERSONAL_DATA_ERASED, True)
    [message] = plan_messages(event=make_trigger_events()["information_requested"], facts=facts, links=LINKS,
                              calendars=CALENDARS)
    assert delivery_ids(message, channel="email")[0] in skipped.handled_as  # sent before: not recorded again


def test_an_event_that_shows_erased_is_not_sent_even_while_the_facts_still_hold_the_address():
    [skipped] = addressed("access_code", make_facts(), erased=True)

    assert isinstance(skipped, Skipped) and skipped.reason == PERSONAL_DATA_ERASED


def test_staff_still_hear_of_an_erased_complaint():
    routes = addressed("deadline_warning", erased_facts(make_facts()), erased=True, recipient="employee:emp-0042")

    assert routes and all(isinstance(route, Delivery) for route in routes)

