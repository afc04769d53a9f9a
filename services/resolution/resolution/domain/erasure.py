"""Erasing a complaint's personal data from what resolution keeps in plaintext (the working copies it opened), and
showing what was erased. What the contracts mark personal goes: the customer's contact details, the description,
the order reference, whom the complaint is about, and everything the customer wrote. The regulatory record stays:
dates, category, regime, outcome, redress, deadlines met or breached."""

from typing import NamedTuple

from complaint_contracts.intake import PersonalDataErased
from complaint_contracts.personal_data import ERASED_TEXT

from .complaint import ComplaintDetails, Erasure
from .conversation import ConversationEntry

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
    """The details without personal data: optional values gone, the (required) description ERASED_TEXT, as a
    reader without the customer's key sees them."""
    return details.model_copy(update={
        "customer": details.customer.model_copy(update=dict.fromkeys(CUSTOMER_FIELDS)),
        "about": details.about.model_copy(update=dict.fromkeys(ABOUT_FIELDS)),
        "description": ERASED_TEXT, "order_reference": None, "erasure": erasure})


def blanked(entry: ConversationEntry) -> ConversationEntry:
    """What the customer wrote, without their words."""
    return entry.model_copy(update={"text": None, "erased": True})


def personal_values(details: ComplaintDetails | None) -> list[str]:
    """The customer's identifying values (names, contact details, references), to find where staff quoted them."""
    if details is None:
        return []
    customer, about = details.customer, details.about
    values = [*(getattr(customer, name) for name in CUSTOMER_FIELDS), details.order_reference,
              *(getattr(about, name) for name in ABOUT_FIELDS)]
    return [v for v in values if v and v != ERASED_TEXT]


def shown_erased(details: ComplaintDetails) -> ComplaintDetails:
    """The details of an erased complaint as staff read them: every personal field says it was erased."""
    return details.model_copy(update={
        "customer": details.customer.model_copy(update=dict.fromkeys(CUSTOMER_FIELDS, ERASED_SHOWN)),
        "about": details.about.model_copy(update=dict.fromkeys(ABOUT_FIELDS, ERASED_SHOWN)),
        "description": ERASED_SHOWN, "order_reference": ERASED_SHOWN})


def shown_entry(entry: ConversationEntry) -> ConversationEntry:
    """What the customer wrote, or that it was erased."""
    if entry.erased or entry.text == ERASED_TEXT:
        return entry.model_copy(update={"text": ERASED_SHOWN})
    return entry
