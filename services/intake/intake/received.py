"""One complaint, whichever way it came in: the filing and the submission both become `ComplaintReceived`."""

import secrets
import uuid
from datetime import datetime
from typing import Any

from complaint_contracts import AttachmentRef, Channel, ComplaintReceived, ComplaintSubmission, CustomerContact
from complaint_contracts.submissions import ComplaintDetails

from .schemas import ComplaintFiling

_DETAIL_FIELDS = tuple(name for name in ComplaintDetails.model_fields if name != "customer")

_SUBMISSION_NAMESPACE = uuid.UUID("0b0e4f2e-5d0a-4c51-9a53-3f2b7c1d9e10")
"""Fixed namespace for complaint ids derived from a submitting system's reference (never change it)."""


def new_complaint_id() -> str:
    """Draw a fresh random complaint id."""
    return f"c-{secrets.token_hex(8)}"


def complaint_id_for_submission(*, source_system: str, external_reference: str) -> str:
    """The complaint id a submission always maps to, so a redelivered submission finds its complaint."""
    return f"c-{uuid.uuid5(_SUBMISSION_NAMESPACE, f'{source_system}/{external_reference}').hex[:16]}"


def received_from_filing(*, filing: ComplaintFiling, complaint_id: str, tracking_number: str,
                         received_at: datetime, attachments: list[AttachmentRef]) -> ComplaintReceived:
    """The received event of a complaint filed over HTTP (attachments already stored)."""
    details = filing.model_dump(exclude={"customer", "amount_claimed", "attachments"})
    return ComplaintReceived(
        **details,
        customer=filing.customer.to_contact(),
        amount_claimed=filing.amount_claimed.to_money() if filing.amount_claimed else None,
        complaint_id=complaint_id, tracking_number=tracking_number, received_at=received_at,
        attachments=attachments, time=received_at, correlation_id=complaint_id,
    )


def received_from_submission(*, submission: ComplaintSubmission, complaint_id: str, tracking_number: str,
                             now: datetime, attachments: list[AttachmentRef]) -> ComplaintReceived:
    """The received event of a complaint another system submitted (checked, attachments already stored)."""
    details: dict[str, Any] = {name: getattr(submission, name) for name in _DETAIL_FIELDS}
    return ComplaintReceived(
        **details,
        customer=_reachable(submission.customer),
        complaint_id=complaint_id, tracking_number=tracking_number,
        received_at=submission.received_at or now, time=now,
        source_system=submission.source_system, external_reference=submission.external_reference,
        attachments=attachments,
        correlation_id=submission.correlation_id or complaint_id, causation_id=str(submission.id),
    )


def _reachable(customer: CustomerContact) -> CustomerContact:
    # The contract defaults the preferred channel to e-mail; a customer without e-mail is answered on the
    # route they did give.
    routes = {Channel.EMAIL: customer.email, Channel.PHONE: customer.phone, Channel.LETTER: customer.postal_address}
    if customer.preferred_channel not in routes or routes[customer.preferred_channel]:
        return customer
    reachable = next((channel for channel, route in routes.items() if route), customer.preferred_channel)
    return customer.model_copy(update={"preferred_channel": reachable})

