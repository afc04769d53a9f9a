"""The HTTP API's shapes: its bodies, header and query parameters, and the problem answers it documents.

The request bodies carry the domain's value rules and the response bodies are what the domain builds, so they
are defined in `domain/` and listed here; what only HTTP needs is defined here.
"""

import re
from typing import Annotated, Any

from complaint_contracts import Language
from complaints_chassis.problems import MEDIA_TYPE
from fastapi import Form, Header, Query
from pydantic import BaseModel, Field

from ..domain.access_requests import ANSWER, AccessCodeRequest, AccessCodeRequested
from ..domain.filing import ComplaintFiling, StaffComplaintFiling
from ..domain.receipt import FilingReceipt
from ..domain.requests import (
    ActionRequest,
    DecisionRequest,
    EscalationRequest,
    FeedbackRequest,
    MessageRequest,
    ReopeningRequest,
    WithdrawalRequest,
)
from ..domain.status_page import AttachmentView, ProcessStep, StatusPage

__all__ = ["ComplaintFiling", "StaffComplaintFiling", "FilingReceipt", "ActionRequest", "MessageRequest",
           "DecisionRequest", "FeedbackRequest", "WithdrawalRequest", "EscalationRequest", "ReopeningRequest",
           "AccessCodeRequest", "AccessCodeRequested", "ACCESS_CODE_ANSWER", "FILE_RESPONSE", "StatusPage",
           "ProcessStep", "AttachmentView",
           "AccessHeader", "LookupForm", "LookupFormBody", "IdempotencyKey", "StatusLanguage", "ProcessLanguage",
           "IDEMPOTENCY_KEY", "PROBLEM", "AUTH_RESPONSES", "ERASED", "FILE_ERASED", "TOO_LARGE", "inline_schema"]

IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")
"""What an Idempotency-Key may be: 1 to 255 visible ASCII characters."""

IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=255,
                                              description="Client-chosen key that makes retries safe")]
AccessHeader = Annotated[str | None, Header(alias="X-Access-Code", max_length=64,
                                            description="The access code given when the complaint was filed")]
StatusLanguage = Annotated[Language | None, Query(description="Language of the texts; by default the complaint's")]
ProcessLanguage = Annotated[Language, Query(description="Language of the texts")]



class LookupForm(BaseModel):
    """A status look-up as a plain HTML form sends it (form fields, so the code stays out of the URL)."""

    access_code: str = Field(max_length=64, description="The access code given when the complaint was filed")
    language: Language | None = Field(default=None, description="Language of the texts; by default the complaint's")


LookupFormBody = Annotated[LookupForm, Form()]

PROBLEM = {"content": {MEDIA_TYPE: {}}}
"""An answer documented as an RFC 9457 problem document."""
AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"description": "The access code was sent in the URL (send it in the X-Access-Code header)", **PROBLEM},
    404: {"description": "No complaint with this tracking number and access code", **PROBLEM},
    429: {"description": "Too many requests or failed look-ups from this client", **PROBLEM},
}
"""The answers of every route that opens a complaint with its tracking number and access code."""
ERASED: dict[int | str, dict[str, Any]] = {
    410: {"description": "The complaint's personal data was erased: it takes no more messages or requests (to raise "
                         "the matter again, the customer files a new complaint)", **PROBLEM}}
"""The answer of a customer action once the complaint's personal data was erased."""
FILE_ERASED: dict[int | str, dict[str, Any]] = {
    410: {"description": "The file was deleted when the complaint's personal data was erased", **PROBLEM}}
"""The answer of a download of a file an erasure deleted."""
TOO_LARGE: dict[int | str, dict[str, Any]] = {
    413: {"description": "The request body is larger than the limits allow", **PROBLEM}}
"""The answer of a route whose body is read within the request limit."""
FILE_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"description": "The file, with its stored media type, as an attachment",
          "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
}
"""The answer of a download route."""
ACCESS_CODE_ANSWER = AccessCodeRequested(detail=ANSWER)
"""The one answer to every request for a new access code."""


def inline_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's validation schema, self-contained (no `$ref`), for a request body the route parses itself."""
    schema = model.model_json_schema(mode="validation")
    definitions = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            own = {key: resolve(value) for key, value in node.items() if key != "$ref"}
            if "$ref" in node:  # keep what the field says beside the reference (its description, say)
                return resolve(definitions[node["$ref"].rsplit("/", 1)[-1]]) | own
            return own
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    return resolve(schema)
