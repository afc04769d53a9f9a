"""A complaint another system submits over Kafka: the checks beyond its contract (the same rules the HTTP filing
obeys), the complaint id it always maps to, and the received event it becomes.
"""

import base64
import binascii
import uuid
from datetime import datetime, timedelta
from typing import Any

from complaint_contracts import AttachmentRef, ComplaintReceived, ComplaintSubmission, SubmittedAttachment
from complaint_contracts.submissions import ComplaintDetails

from . import rules
from .contact import reachable
from .file_content import content_rejection
from .limits import IntakeLimits
from .problems import FieldProblem, problem

_DETAIL_FIELDS = tuple(name for name in ComplaintDetails.model_fields if name != "customer")

_SUBMISSION_NAMESPACE = uuid.UUID("0b0e4f2e-5d0a-4c51-9a53-3f2b7c1d9e10")
"""Fixed namespace for complaint ids derived from a submitting system's reference (never change it)."""


def complaint_id_for_submission(*, source_system: str, external_reference: str) -> str:
    """The complaint id a submission always maps to, so a redelivered submission finds its complaint."""
    return f"c-{uuid.uuid5(_SUBMISSION_NAMESPACE, f'{source_system}/{external_reference}').hex[:16]}"


def received_from_submission(*, submission: ComplaintSubmission, complaint_id: str, tracking_number: str,
                             now: datetime, attachments: list[AttachmentRef]) -> ComplaintReceived:
    """The received event of a complaint another system submitted (checked, attachments already stored)."""
    details: dict[str, Any] = {name: getattr(submission, name) for name in _DETAIL_FIELDS}
    return ComplaintReceived(
        **details,
        customer=reachable(submission.customer),
        complaint_id=complaint_id, tracking_number=tracking_number,
        received_at=submission.received_at or now, time=now,
        source_system=submission.source_system, external_reference=submission.external_reference,
        attachments=attachments,
        correlation_id=submission.correlation_id or complaint_id, causation_id=str(submission.id),
    )


def submission_problems(*, submission: ComplaintSubmission, limits: IntakeLimits, now: datetime) -> list[FieldProblem]:
    """Every reason the submission cannot become a complaint; empty when it can."""
    found: list[tuple[str, rules.Rejection | None]] = [
        ("title", rules.required_text_rejection(submission.title)),
        ("title", rules.length_rejection(value=submission.title, limit=limits.max_title_chars)),
        ("description", rules.required_text_rejection(submission.description)),
        ("description", rules.length_rejection(value=submission.description, limit=limits.max_description_chars)),
        ("attachments", rules.attachment_count_rejection(count=len(submission.attachments), limits=limits)),
        ("jurisdiction", rules.jurisdiction_rejection(submission.jurisdiction)),
    ]
    if submission.customer.name is not None:  # whether a name is required is the contract's to say
        found.append(("customer.name", rules.required_text_rejection(submission.customer.name)))
    optional_texts = {
        "customer.postal_address": submission.customer.postal_address,
        "product": submission.product,
        "order_reference": submission.order_reference,
        "desired_remedy_details": submission.desired_remedy_details,
    }
    found += [(field, rules.text_rejection(value)) for field, value in optional_texts.items() if value]
    customer = submission.customer
    if customer.email is not None:
        found.append(("customer.email", rules.email_rejection(customer.email)))
    if customer.phone is not None:
        found.append(("customer.phone", rules.phone_rejection(customer.phone)))
    if customer.email is None and customer.phone is None and customer.postal_address is None:
        found.append(("customer", rules.Rejection(
            "no_contact_route", "an e-mail address, a phone number or a postal address is needed for the reply")))
    found += _time_rejections(submission=submission, limits=limits, now=now)
    for index, attachment in enumerate(submission.attachments):
        found += [(f"attachments.{index}.{field}", r) for field, r in _attachment_rejections(attachment, limits)]
    return [problem(field, r.code, r.reason) for field, r in found if r is not None]


def _time_rejections(*, submission: ComplaintSubmission, limits: IntakeLimits,
                     now: datetime) -> list[tuple[str, rules.Rejection | None]]:
    latest = now + timedelta(seconds=limits.future_tolerance_seconds)
    found: list[tuple[str, rules.Rejection | None]] = []
    received_at = submission.received_at
    if received_at is not None and received_at.tzinfo is None:
        found.append(("received_at", rules.Rejection("no_time_zone", "must carry a time zone")))
    elif received_at is not None and received_at > latest:
        found.append(("received_at", rules.Rejection("in_future", "lies in the future")))
    if submission.occurred_at is not None and submission.occurred_at > latest:
        found.append(("occurred_at", rules.Rejection("in_future", "lies in the future")))
    return found


def _attachment_rejections(attachment: SubmittedAttachment,
                           limits: IntakeLimits) -> list[tuple[str, rules.Rejection | None]]:
    type_rejection = rules.media_type_rejection(media_type=attachment.media_type, limits=limits)
    size_rejection = rules.size_rejection(size_bytes=attachment.size_bytes, limits=limits)
    checkable = type_rejection is None and size_rejection is None  # an accepted type, a size within limits
    found = [
        ("name", rules.required_text_rejection(attachment.name)),
        ("media_type", type_rejection),
        ("size_bytes", size_rejection),
    ]
    if attachment.content_base64 is not None:
        try:
            content = base64.b64decode(attachment.content_base64, validate=True)
        except binascii.Error:
            found.append(("content_base64", rules.Rejection("bad_base64", "is not valid base64")))
        else:
            if len(content) != attachment.size_bytes:
                found.append(("size_bytes", rules.Rejection("size_mismatch", "does not match the content's size")))
            elif checkable:
                found.append(("content_base64", content_rejection(content=content, media_type=attachment.media_type)))
    # A file given by URI is not fetched by intake, so its content cannot be checked here.
    return found
