"""What other internal systems publish on `complaints.submissions.v1`."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, model_validator

from .base import Event
from .types import AwareDatetime, Channel, Contract, CustomerContact, Language, Money, RemedyKind, personal

INLINE_ATTACHMENT_MAX_BYTES = 256 * 1024
"""Inline (base64) attachments above this go by URI instead: Kafka messages must stay small."""


class SubmittedAttachment(Contract):
    name: str = Field(min_length=1, max_length=255, description="File name", examples=["photo-of-damage.jpg"])
    media_type: str = Field(max_length=127, pattern=r"^[\w.+-]+/[\w.+-]+$", description="IANA media type",
                            examples=["image/jpeg"])
    size_bytes: int = Field(ge=0, description="Size in bytes")
    uri: str | None = Field(default=None, max_length=2048, description="Where the file can be fetched")
    content_base64: str | None = Field(default=None, max_length=(INLINE_ATTACHMENT_MAX_BYTES * 4) // 3 + 4,
                                       description="The file itself, base64, when small")

    @model_validator(mode="after")
    def _one_location(self) -> "SubmittedAttachment":
        if (self.uri is None) == (self.content_base64 is None):
            raise ValueError("give exactly one of uri or content_base64")
        return self


class ComplaintDetails(Contract):
    """What a complaint says, as filed: shared by the submission and the received event."""

    channel: Channel = Field(description="Channel the complaint came in through")
    customer: CustomerContact = Field(description="Who complains (personal data)")
    title: str = personal("Short title in the customer's words", min_length=1, max_length=200,
                          examples=["Refund not received"])
    description: str = personal("What happened, in the customer's words", min_length=1, max_length=20000)
    product: str | None = Field(default=None, max_length=120, description="Product or service concerned",
                                examples=["current-account"])
    order_reference: str | None = personal("Order, contract or account reference", default=None, max_length=64)
    occurred_at: AwareDatetime | None = Field(default=None, description="When the problem happened")
    desired_remedy: RemedyKind | None = Field(default=None, description="The remedy the customer seeks")
    desired_remedy_details: str | None = personal("The remedy in the customer's words", default=None,
                                                  max_length=2000)
    amount_claimed: Money | None = Field(default=None, description="Amount the customer claims")
    jurisdiction: str = Field(default="GB", pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$",
                              description="ISO 3166-1 country, or ISO 3166-2 subdivision (GB-SCT), whose rules apply",
                              examples=["GB", "BY", "US"])
    language: Language = Field(default=Language.EN, description="Language to answer in")
    customer_tier: str | None = Field(default=None, max_length=32, description="Customer segment, e.g. premium")
    about_team: str | None = Field(default=None, max_length=64, description="Team the complaint is about")
    about_employee: str | None = personal("Employee id the complaint is about", default=None, max_length=64)
    about_employee_name: str | None = personal("The employee's name as the customer knows it", default=None,
                                               max_length=120, examples=["Ivan at the Minsk-07 till"])
    about_store: str | None = Field(default=None, max_length=64,
                                    description="Store or branch the complaint is about, when it names one")
    about_supplier: str | None = Field(default=None, max_length=120,
                                       description="Supplier or partner the complaint is about, when it names one")


class ComplaintSubmission(ComplaintDetails, Event):
    """A complaint handed over by another internal system (call centre, shop, partner gateway).

    Its personal fields may come sealed (`pd1.<key id>.…`) with the customer's key from intake's
    `POST /v1/data-keys/sealing-keys`, so that the topic holds no plaintext; plaintext is accepted too."""

    type: Literal["complaints.submissions.ComplaintSubmission"] = "complaints.submissions.ComplaintSubmission"
    source: str = Field(description="CloudEvents source: the submitting system", examples=["/crm/callcentre"])
    source_system: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$",
                               description="Submitting system's name; with external_reference, the idempotency key",
                               examples=["crm"])
    external_reference: str = Field(min_length=1, max_length=128,
                                    description="The submitting system's own id for this complaint",
                                    examples=["CRM-2026-000123"])
    attachments: list[SubmittedAttachment] = Field(default_factory=list, max_length=10,
                                                   description="Evidence the customer supplied")
    received_at: datetime | None = Field(
        default=None, description="When the submitting system received it (the regulatory clock starts here)")
    issue_access_code: bool = Field(
        default=False, description="Send the customer an access code for the status page right after the "
                                   "acknowledgement (to the e-mail on file, else the phone)")

    @property
    def subject(self) -> str:
        return f"{self.source_system}:{self.external_reference}"


SubmissionEvent = Annotated[ComplaintSubmission, Field(discriminator="type")]
