"""Events intake publishes on `complaints.intake.v1`: the complaint as filed and the customer's actions."""

from typing import Annotated, Literal

from pydantic import Field

from .base import ComplaintEvent
from .submissions import ComplaintDetails
from .types import AttachmentRef, AwareDatetime, Decision, personal

SOURCE = "/complaints/intake"


class _IntakeEvent(ComplaintEvent):
    source: str = Field(default=SOURCE, description="CloudEvents source")


class ComplaintReceived(ComplaintDetails, _IntakeEvent):
    """A complaint was recorded with a unique tracking number (ISO 10002 receipt)."""

    type: Literal["complaints.intake.ComplaintReceived"] = "complaints.intake.ComplaintReceived"
    tracking_number: str = Field(description="Human-friendly tracking number shown to the customer",
                                 examples=["CMP-7K3Q-9XWA-F"])
    received_at: AwareDatetime = Field(description="Receipt time: the regulatory clock starts here")
    source_system: str | None = Field(default=None, description="Submitting system, when not filed directly")
    external_reference: str | None = Field(default=None, description="Submitting system's reference")
    attachments: list[AttachmentRef] = Field(default_factory=list, description="Stored evidence")
    taken_by: str | None = Field(
        default=None, max_length=128,
        description="The member of staff who logged it for the customer; no blame attached (staff id; absent when "
                    "the customer filed it or another system submitted it)")
    personal_data_key: str | None = Field(
        default=None, description="Id of the data subject's key the personal fields are sealed with; absent on "
                                  "complaints filed before sealing")


class CustomerMessageReceived(_IntakeEvent):
    """The customer wrote: a reply, or information that was asked for."""

    type: Literal["complaints.intake.CustomerMessageReceived"] = "complaints.intake.CustomerMessageReceived"
    message_id: str = Field(description="Id of the message")
    text: str = personal("The message", min_length=1, max_length=20000)
    attachments: list[AttachmentRef] = Field(default_factory=list, description="Evidence sent with it")
    in_reply_to: str | None = Field(default=None, description="Id of the information request it answers")


class ResolutionDecisionReceived(_IntakeEvent):
    """The customer accepted or rejected a proposed resolution."""

    type: Literal["complaints.intake.ResolutionDecisionReceived"] = "complaints.intake.ResolutionDecisionReceived"
    proposal_id: str = Field(description="The proposal decided on")
    decision: Decision = Field(description="Accepted or rejected")
    reason: str | None = personal("Why, in the customer's words", default=None, max_length=4000)


class FeedbackReceived(_IntakeEvent):
    """Satisfaction with the complaint process, after resolution."""

    type: Literal["complaints.intake.FeedbackReceived"] = "complaints.intake.FeedbackReceived"
    satisfaction: int = Field(ge=1, le=5, description="1 = very dissatisfied … 5 = very satisfied")
    comment: str | None = personal("Free comment", default=None, max_length=4000)


class ComplaintWithdrawn(_IntakeEvent):
    """The customer withdrew the complaint."""

    type: Literal["complaints.intake.ComplaintWithdrawn"] = "complaints.intake.ComplaintWithdrawn"
    reason: str | None = personal("Why, in the customer's words", default=None, max_length=4000)


class EscalationRequested(_IntakeEvent):
    """The customer asked for the complaint to be escalated."""

    type: Literal["complaints.intake.EscalationRequested"] = "complaints.intake.EscalationRequested"
    reason: str = personal("Why, in the customer's words", min_length=1, max_length=4000)


class ReopeningRequested(_IntakeEvent):
    """The customer asked to reopen their complaint after it was resolved or closed."""

    type: Literal["complaints.intake.ReopeningRequested"] = "complaints.intake.ReopeningRequested"
    reason: str = personal("Why, in the customer's words", min_length=1, max_length=4000)


class AccessCodeIssued(_IntakeEvent):
    """A new access code was made for a complaint; the one before it no longer works.

    Made when the customer asks for one with the tracking number and a contact address on file, or at receipt when
    the system that submitted the complaint asked for it. Only notification reads the code, to send it to that
    contact address and nowhere else; intake keeps only its hash.
    """

    type: Literal["complaints.intake.AccessCodeIssued"] = "complaints.intake.AccessCodeIssued"
    tracking_number: str = Field(description="The complaint's tracking number, to show with the code",
                                 examples=["CMP-7K3Q-9XWA-F"])
    access_code: str = personal("The new access code, in the form the customer types it", min_length=4,
                                max_length=64)
    send_to: Literal["email", "phone"] = Field(
        description="Which contact on file receives the code: the one the customer named, or for a submitted "
                    "complaint its e-mail when there is one, else its phone")
    reason: Literal["requested", "submitted"] = Field(
        description="`requested`: the customer asked for a new code; `submitted`: first code of a complaint "
                    "another system filed")


class PersonalDataErased(_IntakeEvent):
    """The complaint's personal data was erased: its data subject's keys are destroyed (crypto-shredding).

    Every sealed personal value of the complaint, on any topic and in any store, can no longer be opened. Each
    service drops what it kept in plaintext for the complaint (rendered mails, search entries, working copies) and
    keeps the regulatory record: dates, category, regime, outcome, redress, deadlines met or breached.
    """

    type: Literal["complaints.intake.PersonalDataErased"] = "complaints.intake.PersonalDataErased"
    erasure_id: str = Field(description="The erasure this is part of (one erasure covers every complaint of the "
                                        "data subject)", examples=["er-6b1f0c2a"])
    reason: Literal["request", "retention"] = Field(
        description="`request`: the data subject asked (GDPR Art. 17); `retention`: the retention period after "
                    "closure ran out")
    key_ids: list[str] = Field(default_factory=list,
                               description="Ids of the destroyed keys, so readers drop any copy they cached")
    erased_at: AwareDatetime = Field(description="When the keys were destroyed")


class ComplaintRecordExpired(_IntakeEvent):
    """The complaint's record reached the end of its retention period: it was closed (and not reopened) longer ago
    than the record retention (e.g. FCA DISP 1.9 asks for at least three years), so every service deletes what it
    keeps about the complaint, the regulatory record included. Returns for periods that old can no longer be
    produced; the personal data was erased earlier, at the end of its own, shorter, retention.
    """

    type: Literal["complaints.intake.ComplaintRecordExpired"] = "complaints.intake.ComplaintRecordExpired"
    closed_at: AwareDatetime = Field(description="When the complaint was last closed")
    retention_days: int = Field(ge=1, description="The record retention period applied, in days after closure")
    expired_at: AwareDatetime = Field(description="When intake found the record expired and deleted its own copy")


IntakeEvent = Annotated[
    ComplaintReceived | CustomerMessageReceived | ResolutionDecisionReceived | FeedbackReceived
    | ComplaintWithdrawn | EscalationRequested | ReopeningRequested | AccessCodeIssued | PersonalDataErased
    | ComplaintRecordExpired,
    Field(discriminator="type"),
]
