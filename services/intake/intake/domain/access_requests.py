"""New access codes: the customer asks for one with the tracking number and a contact route on file, or the system
that submitted a complaint asks for a first one. The code goes to a route on file and nowhere else (notification
sends it); intake keeps only its hash, so the code before it stops working.
"""

import uuid
from datetime import datetime
from typing import Literal

from complaint_contracts import AccessCodeIssued, CustomerContact
from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from .complaint import ContactOnFile
from .fields import Email, Phone, personal_field
from .subjects import SubjectIndex

Route = Literal["email", "phone"]

_FIRST_CODE_NAMESPACE = uuid.UUID("6f1d9a52-3c7e-4b8a-9d21-5e0f4c8b7a13")
"""Fixed namespace of the first code's event id (never change it: a redelivered submission must map to it)."""

ANSWER = ("If this tracking number and contact match what we have on file, a new access code is on its way there. "
          "From then on only the new code opens the complaint.")
"""The one answer to every request, matching or not, so that it tells nobody what is on file."""


class AccessCodeRequest(BaseModel):
    """A request for a new access code: the tracking number and exactly one contact route on file."""

    model_config = ConfigDict(frozen=True, extra="forbid", json_schema_extra={"examples": [
        {"tracking_number": "CMP-7K3Q-9XWA-F", "email": "alesia@example.org"}]})

    tracking_number: str = Field(min_length=1, max_length=32, description="The complaint's tracking number",
                                 examples=["CMP-7K3Q-9XWA-F"])
    email: Email = personal_field(default=None, max_length=254,
                                  description="The e-mail address on file (case does not matter)",
                                  examples=["alesia@example.org"])
    phone: Phone = personal_field(default=None, max_length=32,
                                  description="The phone number on file, with country code", examples=["+375291234567"])

    @model_validator(mode="after")
    def _one_route(self) -> "AccessCodeRequest":
        if (self.email is None) == (self.phone is None):
            raise PydanticCustomError("one_contact_route",
                                      "give either the e-mail address or the phone number we have on file")
        return self

    @property
    def send_to(self) -> Route:
        """The route the customer named: the code goes there and nowhere else."""
        return "email" if self.email is not None else "phone"


class AccessCodeRequested(BaseModel):
    """The answer to every request for a new access code."""

    detail: str = Field(description="What happens now, whether or not the request matched", examples=[ANSWER])


def contact_matches(request: AccessCodeRequest, on_file: ContactOnFile, subjects: SubjectIndex) -> bool:
    """Whether the route the customer named is one on file (e-mail without regard to case; phone in E.164), told
    by its blind index: the stored addresses stay sealed."""
    if request.email is not None:
        return subjects.email_ref(request.email) in on_file.refs
    return request.phone is not None and subjects.phone_ref(request.phone) in on_file.refs


def first_code_route(customer: CustomerContact) -> Route | None:
    """Where a submitted complaint's first code goes: the e-mail on file, else the phone, else nowhere."""
    return "email" if customer.email else "phone" if customer.phone else None


def code_issued(*, complaint_id: str, tracking_number: str, access_code: str, send_to: Route,
                reason: Literal["requested", "submitted"], now: datetime,
                causation_id: str | None = None) -> AccessCodeIssued:
    """The event that hands a new code to notification. A submission's first code has an id derived from the
    complaint, so however often the submission is delivered there is one such event."""
    first = {"id": uuid.uuid5(_FIRST_CODE_NAMESPACE, complaint_id)} if reason == "submitted" else {}
    return AccessCodeIssued(complaint_id=complaint_id, tracking_number=tracking_number, access_code=access_code,
                            send_to=send_to, reason=reason, time=now, correlation_id=complaint_id,
                            causation_id=causation_id, **first)
