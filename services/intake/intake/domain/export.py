"""Access requests (GDPR Art. 15): every record the services keep about a data subject's complaints, in one document.

Each service answers for its own records (`POST /v1/data-subject-exports` with the complaint ids); intake finds the
complaints from the address or tracking number it is given, adds its own records and merges the answers. A service
that fails is named in the document with its error: the export still answers.
"""

from datetime import datetime
from typing import Any

from complaint_contracts.types import Contract
from complaints_chassis.subject_exports import MAX_COMPLAINTS, SubjectExportRequest
from complaints_chassis.subject_exports import ServiceExport as GenericServiceExport
from pydantic import BaseModel, ConfigDict, Field

from .erasure import FOLLOW_LINKS_DESCRIPTION, Basis, SubjectQuery
from .fields import Email, personal_field
from .subjects import IdentifierKind

__all__ = ["MAX_COMPLAINTS", "AccessExport", "ExportQuery", "ServiceExport", "SubjectExportRequest", "SubjectFound"]

ServiceExport = GenericServiceExport[dict[str, Any]]
"""Intake's own part, the same shape as every other service's."""


class ExportQuery(BaseModel):
    """The query string of `GET /v1/data-subjects/export`: the customer's e-mail address (the form an access request
    is commonly made in) or a tracking number of one of their complaints. Personal data stays out of URLs but for
    that address: a phone number is named in the body of `POST /v1/data-subject-exports/lookups` only."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    email: Email = personal_field(default=None, max_length=254, description="The customer's e-mail address (case "
                                                                            "does not matter)",
                                  examples=["alesia@example.org"])
    tracking_number: str | None = Field(default=None, min_length=1, max_length=32,
                                        description="A tracking number of one of the customer's complaints",
                                        examples=["CMP-7K3Q-9XWA-F"])
    follow_links: bool = Field(default=True, description=FOLLOW_LINKS_DESCRIPTION)

    def subject(self) -> SubjectQuery | None:
        """Whom the query names; None unless it gives exactly one of the two."""
        if (self.email is None) == (self.tracking_number is None):
            return None
        return SubjectQuery(email=self.email, tracking_number=self.tracking_number, follow_links=self.follow_links)


class SubjectFound(Contract):
    basis: Basis = Field(description="What the data subject was found by (the value is not repeated)")
    complaints: list[str] = Field(description="Ids of the data subject's complaints")
    identifiers_followed: list[IdentifierKind] = Field(
        default_factory=list, description="Kinds of identifiers on file that linked the complaints to the data "
                                          "subject named (never their values); empty when nobody was found",
        examples=[["email", "phone"]])


class AccessExport(Contract):
    """Everything the services keep about a data subject's complaints."""

    generated_at: datetime = Field(description="When the export was made (UTC)")
    subject: SubjectFound = Field(description="Whose complaints these are")
    services: dict[str, dict[str, Any]] = Field(
        description="Service → `{\"complaints\": {complaint id → records}}`, or `{\"error\": \"…\"}` when the "
                    "service could not be asked (the rest of the export stands)")
