"""Erasing a complaint's personal data from what resolution keeps in plaintext (the working copies it opened), and
showing what was erased. What the contracts mark personal goes: the customer's contact details, the title, the
description, the remedy in the customer's words, the order reference, whom the complaint is about, and everything
the customer wrote. The regulatory record stays: dates, category, regime, outcome, redress, deadlines met or
breached."""

from typing import NamedTuple

from complaint_contracts.intake import PersonalDataErased
from complaint_contracts.personal_data import ERASED_TEXT

from .complaint import ComplaintDetails, Erasure
from .conversation import ConversationEntry
from .quotations import Quotable

ERASED_SHOWN = "not available: erased"
"""What staff read in place of a personal value that was erased."""
CUSTOMER_FIELDS = ("name", "email", "phone", "postal_address", "customer_ref")
ABOUT_FIELDS = ("employee", "employee_name")


class ErasedComplaint(NamedTuple):
    """What the complaint records keep of an erased complaint."""

    complaint_id: str
    erasure: Erasure
    details: ComplaintDetails | None
    """The details without personal data (None when intake's receipt never reached resolution)."""


def erasure_of(event: PersonalDataErased) -> Erasure:
    return Erasure(erasure_id=event.erasure_id, reason=event.reason, erased_at=event.erased_at)


def scrubbed(details: ComplaintDetails, erasure: Erasure) -> ComplaintDetails:
    """The details without personal data: optional values gone, the (required) title and description ERASED_TEXT,
    as a reader without the customer's key sees them. The erasure records which fields held a value."""
    # Scrubbing again (a redelivery, a second erasure) finds nothing left: what the first one recorded stays.
    before = details.erasure.fields if details.erasure is not None and details.erasure.fields else ()
    held = tuple(name for name, value in _personal_fields(details) if value or name in before)
    return details.model_copy(update={
        "customer": details.customer.model_copy(update=dict.fromkeys(CUSTOMER_FIELDS)),
        "about": details.about.model_copy(update=dict.fromkeys(ABOUT_FIELDS)),
        "title": ERASED_TEXT, "description": ERASED_TEXT, "order_reference": None, "desired_remedy_details": None,
        "erasure": erasure.model_copy(update={"fields": held})})


def _personal_fields(details: ComplaintDetails) -> list[tuple[str, str | None]]:
    return [*((f"customer.{name}", getattr(details.customer, name)) for name in CUSTOMER_FIELDS),
            *((f"about.{name}", getattr(details.about, name)) for name in ABOUT_FIELDS),
            ("order_reference", details.order_reference), ("desired_remedy_details", details.desired_remedy_details)]


def blanked(entry: ConversationEntry) -> ConversationEntry:
    """What the customer wrote, without their words."""
    return entry.model_copy(update={"text": None, "erased": True})


def personal_values(details: ComplaintDetails | None) -> Quotable:
    """The customer's values staff may have quoted (name, contact details, references, whom the complaint is about,
    the title and the remedy in the customer's words), by kind, to find where staff quoted them."""
    if details is None:
        return Quotable()
    customer, about = details.customer, details.about

    def given(*values: str | None) -> tuple[str, ...]:
        return tuple(v for v in values if v and v != ERASED_TEXT)

    return Quotable(names=given(customer.name), addresses=given(customer.postal_address),
                    emails=given(customer.email), phones=given(customer.phone),
                    phrases=given(customer.customer_ref, details.order_reference, about.employee, about.employee_name,
                                  details.title, details.desired_remedy_details))


def shown_erased(details: ComplaintDetails) -> ComplaintDetails:
    """The details of an erased complaint as staff read them: each personal field that held a value says it was
    erased, one that was never given stays empty (all say erased when the erasure did not record which held one)."""
    held = details.erasure.fields if details.erasure is not None else None

    def shown(name: str) -> str | None:
        return ERASED_SHOWN if held is None or name in held else None

    return details.model_copy(update={
        "customer": details.customer.model_copy(update={n: shown(f"customer.{n}") for n in CUSTOMER_FIELDS}),
        "about": details.about.model_copy(update={n: shown(f"about.{n}") for n in ABOUT_FIELDS}),
        "title": ERASED_SHOWN, "description": ERASED_SHOWN, "order_reference": shown("order_reference"),
        "desired_remedy_details": shown("desired_remedy_details")})


def shown_title(details: ComplaintDetails) -> str:
    """The complaint's title as a queue or search line shows it: that it was erased, once it was."""
    return ERASED_SHOWN if details.erasure is not None or details.title == ERASED_TEXT else details.title


def shown_entry(entry: ConversationEntry) -> ConversationEntry:
    """What the customer wrote, or that it was erased."""
    if entry.erased or entry.text == ERASED_TEXT:
        return entry.model_copy(update={"text": ERASED_SHOWN})
    return entry
