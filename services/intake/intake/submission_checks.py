"""Checks on a `ComplaintSubmission` beyond its contract: the same rules the HTTP filing obeys."""

import base64
import binascii
from datetime import datetime, timedelta

from complaint_contracts import ComplaintSubmission, SubmittedAttachment

from . import rules
from .limits import IntakeLimits
from .problems import FieldProblem, problem


def submission_problems(*, submission: ComplaintSubmission, limits: IntakeLimits, now: datetime) -> list[FieldProblem]:
    """Every reason the submission cannot become a complaint; empty when it can."""
    found: list[tuple[str, rules.Rejection | None]] = [
        ("title", rules.required_text_rejection(submission.title)),
        ("title", rules.length_rejection(value=submission.title, limit=limits.max_title_chars)),
        ("description", rules.required_text_rejection(submission.description)),
        ("description", rules.length_rejection(value=submission.description, limit=limits.max_description_chars)),
        ("customer.name", rules.required_text_rejection(submission.customer.name)),
        ("attachments", rules.attachment_count_rejection(count=len(submission.attachments), limits=limits)),
    ]
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
    found = [
        ("name", rules.required_text_rejection(attachment.name)),
        ("media_type", rules.media_type_rejection(media_type=attachment.media_type, limits=limits)),
        ("size_bytes", rules.size_rejection(size_bytes=attachment.size_bytes, limits=limits)),
    ]
    if attachment.content_base64 is not None:
        try:
            content = base64.b64decode(attachment.content_base64, validate=True)
        except binascii.Error:
            found.append(("content_base64", rules.Rejection("bad_base64", "is not valid base64")))
        else:
            if len(content) != attachment.size_bytes:
                found.append(("size_bytes", rules.Rejection("size_mismatch", "does not match the content's size")))
    return found
