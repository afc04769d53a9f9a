"""Erasing a complaint's working copy: every value the contract marks personal goes, the record stays, and staff
read that it was erased."""

from datetime import timedelta
from typing import Any

from complaint_contracts.intake import ComplaintReceived
from complaint_contracts.personal_data import ERASED_TEXT, personal_field_paths
from complaint_contracts.types import Channel, CustomerContact, Money, RemedyKind
from resolution.domain.complaint import Erasure, details_from
from resolution.domain.conversation import ConversationEntry, EntryKind
from resolution.domain.erasure import ERASED_SHOWN, personal_values, scrubbed, shown_entry, shown_erased
from resolution.domain.quotations import Quotable

from tests.unit.resolution.builders import MONDAY_9AM

MARK = "zq7marker"
PHONE = "+447700900123"
ERASURE = Erasure(erasure_id="er-6b1f0c2a", reason="request", erased_at=MONDAY_9AM + timedelta(days=40))


def marked_receipt() -> ComplaintReceived:
    """A receipt with the marker in every field the contract marks personal."""
    contact = CustomerContact(name=f"Alesia {MARK}", email=f"{MARK}@example.org", phone=PHONE,
                              postal_address=f"1 {MARK} Street", customer_ref=f"REF-{MARK}")
    return ComplaintReceived(
        complaint_id="c-late-refund-0001", tracking_number="CMP-7K3Q-9XWA-F", time=MONDAY_9AM,
        received_at=MONDAY_9AM, channel=Channel.WEB, customer=contact, title=f"Refund not received, {MARK}",
        description=f"My refund never came, {MARK}", order_reference=f"ORD-{MARK}", product="parcel-delivery",
        about_employee=f"emp-{MARK}", about_employee_name=f"Ivan {MARK}",
        amount_claimed=Money(amount="49.99", currency="GBP"), desired_remedy=RemedyKind.REFUND,
        desired_remedy_details=f"My money back, {MARK}")


def at_path(data: Any, path: str) -> Any:
    for part in path.split("."):
        data = data[part]
    return data


def test_the_marked_receipt_covers_every_personal_field_of_the_contract():
    data = marked_receipt().model_dump(mode="json")

    for path in personal_field_paths(ComplaintReceived):
        value = at_path(data, path)
        assert isinstance(value, str) and (MARK in value or value == PHONE), path


def test_scrubbed_details_keep_the_record_and_none_of_the_personal_data():
    details = details_from(marked_receipt())

    erased = scrubbed(details, ERASURE)

    stored = erased.model_dump_json()
    assert MARK not in stored and PHONE not in stored
    assert erased.description == erased.title == ERASED_TEXT and erased.desired_remedy_details is None
    assert erased.customer.email is None and erased.about.employee is None
    assert (erased.tracking_number, erased.received_at, erased.product) == (
        "CMP-7K3Q-9XWA-F", MONDAY_9AM, "parcel-delivery")
    assert (erased.amount_claimed, erased.desired_remedy, erased.erasure.erasure_id) == (
        details.amount_claimed, RemedyKind.REFUND, ERASURE.erasure_id)
    assert set(erased.erasure.fields or ()) == {"customer.name", "customer.email", "customer.phone",
                                                "customer.postal_address", "customer.customer_ref", "about.employee",
                                                "about.employee_name", "order_reference", "desired_remedy_details"}
    assert scrubbed(erased, ERASURE) == erased  # again (a redelivery): what held a value is still known


def test_the_values_staff_may_have_quoted_are_the_identifying_ones():
    values = personal_values(details_from(marked_receipt()))

    assert values == Quotable(
        names=(f"Alesia {MARK}",), addresses=(f"1 {MARK} Street",), emails=(f"{MARK}@example.org",), phones=(PHONE,),
        phrases=(f"REF-{MARK}", f"ORD-{MARK}", f"emp-{MARK}", f"Ivan {MARK}", f"Refund not received, {MARK}",
                 f"My money back, {MARK}"))
    assert personal_values(scrubbed(details_from(marked_receipt()), ERASURE)) == Quotable()
    assert personal_values(None) == Quotable()


def test_staff_read_that_each_personal_field_was_erased():
    shown = shown_erased(scrubbed(details_from(marked_receipt()), ERASURE))

    assert {shown.customer.name, shown.customer.email, shown.customer.phone, shown.customer.postal_address,
            shown.customer.customer_ref, shown.title, shown.description, shown.desired_remedy_details,
            shown.order_reference, shown.about.employee, shown.about.employee_name} == {ERASED_SHOWN}
    assert (shown.product, shown.desired_remedy) == ("parcel-delivery", RemedyKind.REFUND)


def test_a_field_never_given_is_not_shown_as_erased():
    receipt = marked_receipt().model_copy(update={"order_reference": None, "about_employee": None,
                                                  "about_employee_name": None, "desired_remedy_details": None})
    receipt = receipt.model_copy(update={"customer": receipt.customer.model_copy(update={"phone": None})})
    shown = shown_erased(scrubbed(details_from(receipt), ERASURE))

    assert (shown.customer.name, shown.customer.email, shown.description) == (ERASED_SHOWN,) * 3
    assert (shown.customer.phone, shown.order_reference, shown.about.employee, shown.about.employee_name,
            shown.desired_remedy_details) == (None, None, None, None, None)
    assert shown.title == ERASED_SHOWN


def test_an_erasure_that_did_not_record_its_fields_shows_every_field_erased():
    scrubbed_before = scrubbed(details_from(marked_receipt()), ERASURE)
    unrecorded = scrubbed_before.model_copy(update={"erasure": ERASURE})  # as kept before fields were recorded

    assert shown_erased(unrecorded).order_reference == ERASED_SHOWN


def test_an_erased_entry_says_so_and_others_are_shown_as_written():
    def entry(**fields: object) -> ConversationEntry:
        return ConversationEntry(entry_id="m-1", complaint_id="c-late-refund-0001", at=MONDAY_9AM,
                                 kind=EntryKind.CUSTOMER_MESSAGE, by="customer", public=True, **fields)

    assert shown_entry(entry(text=None, erased=True)).text == ERASED_SHOWN
    assert shown_entry(entry(text=ERASED_TEXT)).text == ERASED_SHOWN  # opened without its key
    assert shown_entry(entry(text="Is that all?")).text == "Is that all?"
    assert shown_entry(entry(text=None)).text is None
