"""What notification keeps about a complaint, as a data subject's access request (GDPR Art. 15) shows it.

Notification keeps the facts it addresses messages with and the delivery log. It keeps no subject or body: a
message is written from its event when it is sent (and again from the redelivered event for a resend), so the
export lists which messages went when, over which channel, to whom, and whether they arrived.
"""

from collections.abc import Sequence
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field

from .catalogue import Audience
from .delivery_log import DeliveryRecord
from .facts import ComplaintFacts
from .selection import customer_addresses


class MessageRecord(BaseModel):
    """One message about the complaint, as the delivery log keeps it."""

    model_config = ConfigDict(frozen=True)

    kind: str = Field(description="The message (its template)", examples=["acknowledgement"])
    audience: str = Field(description="Who it was for: customer, staff or partner")
    channel: str = Field(description="How it went: email, sms, letter, partner, chat; `none` when nothing could")
    status: str = Field(description="sent, failed, or deferred / sending while unfinished")
    reason: str | None = Field(default=None, description="Why it was not sent")
    sent_at: datetime | None = Field(default=None, description="The date the message carries (when first sent)")
    recorded_at: datetime | None = Field(default=None, description="When its outcome was recorded")
    attempts: int = Field(description="Tries made")
    resent: bool = Field(description="Sent again after an attempt whose outcome was lost")
    recipient: str | None = Field(
        default=None, description="The customer's address on that channel, while notification keeps it (staff "
                                  "addresses are not the customer's data and are not logged)")


class ComplaintRecord(BaseModel):
    """Everything notification keeps about one complaint."""

    model_config = ConfigDict(frozen=True)

    facts: ComplaintFacts | None = Field(description="The facts messages are addressed and written with "
                                                     "(contact details null once erased)")
    messages: list[MessageRecord] = Field(description="Every message about the complaint, oldest first")


UNDATED = datetime.max.replace(tzinfo=UTC)
"""Where a delivery without a date sorts (none should exist: an intent carries its date, an outcome its time)."""


def complaint_record(*, facts: ComplaintFacts | None, deliveries: Sequence[DeliveryRecord]) -> ComplaintRecord:
    """The complaint's facts and its messages, each customer message with the address on file for its channel."""
    on_file = customer_addresses(facts=facts) if facts is not None else {}
    addresses = {channel.value: address for channel, address in on_file.items()}
    ordered = sorted(deliveries, key=lambda d: (d.message_date or d.recorded_at or UNDATED, d.notification_id))
    return ComplaintRecord(facts=facts, messages=[MessageRecord(
        kind=d.template, audience=d.recipient_kind, channel=d.channel, status=d.status.value, reason=d.reason,
        sent_at=d.message_date, recorded_at=d.recorded_at, attempts=d.attempts, resent=d.resent,
        recipient=addresses.get(d.channel) if d.recipient_kind == Audience.CUSTOMER.value else None)
        for d in ordered])
