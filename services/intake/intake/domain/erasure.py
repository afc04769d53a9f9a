"""Erasing a data subject's personal data (GDPR Art. 17, and the retention period's end) by destroying their keys,
and finding a data subject for an erasure or an access request.

The complaint record stays (dates, category, outcome, redress, deadlines): only what was sealed with the subject's
keys becomes unreadable, everywhere at once. The audit record of an erasure holds no personal data: who asked, when,
on which basis (not the address given), which complaints, how many keys.
"""

import secrets
import uuid
from datetime import datetime
from typing import Literal

from complaint_contracts import PersonalDataErased
from complaint_contracts.types import Contract
from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from .fields import Email, Phone, personal_field
from .subjects import IdentifierKind

Basis = Literal["email", "phone", "tracking_number", "retention"]
Reason = Literal["request", "retention"]

_EVENT_NAMESPACE = uuid.UUID("0d3c1f6e-8a4b-4f0e-9a51-2b7c6d1e9f40")
"""Fixed namespace of the events' ids: one event per erasure and complaint, however often its write is retried."""


NOBODY_FOUND: dict[Basis, str] = {
    "email": "no complaint on file gives this e-mail address",
    "phone": "no complaint on file gives this phone number",
    "tracking_number": "no complaint on file has this tracking number",
}
"""Why a request that matches no complaint names nobody, by what it named (an officer's typo must not look like an
erasure)."""


FOLLOW_LINKS_DESCRIPTION = (
    "Whether the other identifiers on file lead further (default): a complaint that gave the e-mail address and a "
    "phone number leads to the complaints filed with that number alone, and so on. Set false when an identifier on "
    "file is someone else's too (a household's phone): then only the complaints that give the identifier named (or "
    "the tracking number's complaint), and every complaint of their data subjects, are taken")


def new_erasure_id() -> str:
    return f"er-{secrets.token_hex(8)}"


class SubjectQuery(BaseModel):
    """Who the request is about: exactly one of their e-mail address, their phone number, or a tracking number of
    one of their complaints (then every complaint of that complaint's data subject)."""

    model_config = ConfigDict(frozen=True, extra="forbid", json_schema_extra={"examples": [
        {"email": "alesia@example.org"}]})

    email: Email = personal_field(default=None, max_length=254, description="The customer's e-mail address (case "
                                                                            "does not matter)",
                                  examples=["alesia@example.org"])
    phone: Phone = personal_field(default=None, max_length=32, description="The customer's phone number, with "
                                                                           "country code", examples=["+375291234567"])
    tracking_number: str | None = Field(default=None, min_length=1, max_length=32,
                                        description="A tracking number of one of the customer's complaints",
                                        examples=["CMP-7K3Q-9XWA-F"])
    follow_links: bool = Field(default=True, description=FOLLOW_LINKS_DESCRIPTION)

    @model_validator(mode="after")
    def _exactly_one(self) -> "SubjectQuery":
        if sum(value is not None for value in (self.email, self.phone, self.tracking_number)) != 1:
            raise PydanticCustomError("one_basis", "give exactly one of email, phone or tracking_number")
        return self

    @property
    def basis(self) -> Basis:
        return "email" if self.email is not None else "phone" if self.phone is not None else "tracking_number"


class ErasureRequest(SubjectQuery):
    """Erase everything personal about a customer: every complaint of theirs keeps its record, loses their data."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"email": "alesia@example.org",
                                                               "reference": "DSR-2026-0042"}]})

    reference: str | None = Field(default=None, pattern=r"^[A-Za-z0-9._/-]{1,64}$",
                                  description="The privacy office's own case number for the request (kept in the "
                                              "audit record: not personal data)", examples=["DSR-2026-0042"])


class ErasureRecord(Contract):
    """The audit record of one erasure: no personal data."""

    erasure_id: str = Field(description="Id of the erasure", examples=["er-6b1f0c2a9d3e4f51"])
    reason: Reason = Field(description="`request`: the data subject asked; `retention`: the retention period ended")
    basis: Basis = Field(description="What the data subject was found by (never the value given)")
    reference: str | None = Field(default=None, description="The privacy office's case number")
    requested_by: str | None = Field(default=None, description="Staff id of who asked (none for retention)")
    requested_at: datetime = Field(description="When it was asked for (UTC)")
    complaint_ids: list[str] = Field(default_factory=list, description="The complaints whose personal data it "
                                                                       "erased")
    already_erased: int = Field(default=0, ge=0, description="Of those, complaints whose personal data an earlier "
                                                             "erasure had erased already (announced again)")
    identifiers_followed: list[IdentifierKind] = Field(
        default_factory=list, description="Kinds of identifiers on file that linked the complaints to the data "
                                          "subject named (never their values): `phone` when a complaint with the "
                                          "e-mail address also gave a phone number, which leads to that number's "
                                          "complaints, and so on")
    keys_destroyed: int = Field(default=0, ge=0, description="Keys destroyed (0 when already erased before)")
    follow_links: bool = Field(default=True, description="Whether the request let other identifiers on file lead "
                                                         "to further complaints")
    status: Literal["in_progress", "completed"] = Field(description="`completed` once every complaint is marked "
                                                                    "and announced")
    completed_at: datetime | None = Field(default=None, description="When it completed (UTC)")


class ErasureAnswer(Contract):
    erasure_id: str = Field(description="Id of the erasure, to read its audit record", examples=["er-6b1f0c2a9d3e4f51"])
    complaints: int = Field(ge=0, description="Complaints whose personal data was erased")
    already_erased: int = Field(ge=0, description="Of those, complaints an earlier erasure had erased already: equal "
                                                  "to `complaints` when the data subject was erased before")
    identifiers_followed: list[IdentifierKind] = Field(
        description="Kinds of identifiers on file that linked the complaints to the data subject named (never "
                    "their values)", examples=[["email", "phone"]])
    keys_destroyed: int = Field(ge=0, description="Keys destroyed by this erasure (0 when nothing was left)")
    status: Literal["completed"] = Field(description="Erasures complete before the answer")
    completed_at: datetime = Field(description="When it completed (UTC)")

    @classmethod
    def of(cls, record: ErasureRecord) -> "ErasureAnswer":
        assert record.completed_at is not None, "answered once completed"
        return cls(erasure_id=record.erasure_id, complaints=len(record.complaint_ids),
                   already_erased=record.already_erased, identifiers_followed=record.identifiers_followed,
                   keys_destroyed=record.keys_destroyed, status="completed", completed_at=record.completed_at)


def erasure_announced(*, complaint_id: str, erasure_id: str, reason: Reason, key_ids: list[str],
                      at: datetime) -> PersonalDataErased:
    """The event that tells every service to drop what it keeps of the complaint's personal data."""
    return PersonalDataErased(
        id=uuid.uuid5(_EVENT_NAMESPACE, f"{erasure_id}/{complaint_id}"), complaint_id=complaint_id,
        erasure_id=erasure_id, reason=reason, key_ids=sorted(key_ids), erased_at=at, time=at,
        correlation_id=erasure_id)
