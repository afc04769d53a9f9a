"""Access requests (GDPR Art. 15): every record the services keep about a data subject's complaints, in one document.

Each service answers for its own records (`POST /v1/data-subject-exports` with the complaint ids); intake finds the
complaints from the address or tracking number it is given, adds its own records and merges the answers. A service
that fails is named in the document with its error: the export still answers.
"""

from datetime import datetime
from typing import Annotated, Any

from complaint_contracts.types import Contract
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .erasure import Basis

MAX_COMPLAINTS = 1000
"""Complaint ids one export request to a service may name (a data subject with more is asked for in parts)."""

ComplaintId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._:-]{1,64}$")]


class ExportRequest(BaseModel):
    """Which complaints' records a service is asked for."""

    model_config = ConfigDict(frozen=True, extra="forbid", json_schema_extra={"examples": [
        {"complaint_ids": ["c-5f0c2d3a9b8e4f61"]}]})

    complaint_ids: list[ComplaintId] = Field(min_length=1, max_length=MAX_COMPLAINTS,
                                             description="The data subject's complaints")


class ServiceExport(Contract):
    """One service's records about the complaints it was asked for, personal values readable where their key lives."""

    service: str = Field(description="The service that keeps these records", examples=["intake"])
    complaints: dict[str, dict[str, Any]] = Field(description="Complaint id → every record the service keeps about "
                                                              "it (a complaint it holds nothing of is left out)")


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
