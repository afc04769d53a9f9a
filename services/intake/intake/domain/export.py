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
from pydantic import Field

from .erasure import Basis

__all__ = ["MAX_COMPLAINTS", "AccessExport", "ServiceExport", "SubjectExportRequest", "SubjectFound"]

ServiceExport = GenericServiceExport[dict[str, Any]]
"""Intake's own part, the same shape as every other service's."""


class SubjectFound(Contract):
    basis: Basis = Field(description="What the data subject was found by (the value is not repeated)")
    complaints: list[str] = Field(description="Ids of the data subject's complaints")


class AccessExport(Contract):
    """Everything the services keep about a data subject's complaints."""

    generated_at: datetime = Field(description="When the export was made (UTC)")
    subject: SubjectFound = Field(description="Whose complaints these are")
    services: dict[str, dict[str, Any]] = Field(
        description="Service → `{\"complaints\": {complaint id → records}}`, or `{\"error\": \"…\"}` when the "
                    "service could not be asked (the rest of the export stands)")
