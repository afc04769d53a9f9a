"""What the complaint says is kept as intake filed it, and shown without personal data to those who may not see it."""

from complaint_contracts.types import AttachmentRef, Money, RemedyKind
from resolution.domain.complaint import WITHHELD, details_from

from tests.unit.resolution.builders import make_received

RECEIPT = AttachmentRef(attachment_id="a-7f3e", name="receipt.pdf", media_type="application/pdf", size_bytes=2048)


def test_the_details_carry_everything_the_receipt_says():
    received = make_received(phone="+375291234567", about_team="courier-desk", about_employee="emp-0099",
                             about_employee_name="Ivan at the till", about_store="minsk-3", about_supplier="FastParcel",
                             attachments=[RECEIPT],
                             amount_claimed=Money(amount="49.99", currency="GBP"), desired_remedy=RemedyKind.REFUND,
                             desired_remedy_details="My money back", customer_tier="premium", language="ru")

    details = details_from(received)

    assert (details.tracking_number, details.title, details.product) == (
        "CMP-7K3Q-9XWA-F", "Refund not received", "parcel-delivery")
    assert details.description == "The refund for my parcel never arrived."
    assert (details.amount_claimed.amount, details.desired_remedy, details.desired_remedy_details) == (
        received.amount_claimed.amount, RemedyKind.REFUND, "My money back")
    assert (details.customer.name, details.customer.email, details.customer.phone, details.customer.segment) == (
        "Alesia Kuzmich", "alesia@example.org", "+375291234567", "premium")
    assert (details.about.team, details.about.employee, details.about.store, details.about.supplier) == (
        "courier-desk", "emp-0099", "minsk-3", "FastParcel")
    assert details.about.employee_name == "Ivan at the till"
    assert details.attachments == [RECEIPT] and details.language == "ru" and details.received_at == received.received_at


def test_without_personal_data_the_contact_details_and_the_employee_are_withheld():
    details = details_from(make_received(phone="+375291234567", about_employee="emp-0099",
                                         about_employee_name="Ivan at the till", order_reference="ORD-1"))

    shown = details.without_personal_data()

    assert shown.customer.name == WITHHELD
    assert (shown.customer.email, shown.customer.phone, shown.customer.postal_address) == (None, None, None)
    assert (shown.about.employee, shown.about.employee_name, shown.order_reference) == (WITHHELD, WITHHELD, WITHHELD)
    assert (shown.title, shown.description, shown.tracking_number) == (
        details.title, details.description, details.tracking_number)


def test_a_name_alone_is_shown_and_no_employee_id_is_made_up_from_it():
    details = details_from(make_received(about_employee_name="Ivan at the till"))

    assert (details.about.employee, details.about.employee_name) == (None, "Ivan at the till")
    assert details.without_personal_data().about.employee is None
