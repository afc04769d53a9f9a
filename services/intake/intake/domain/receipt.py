"""What the customer gets back when filing: the only time the access code is ever shown."""

from datetime import datetime

from complaint_contracts import ComplaintReceived, Language
from complaint_contracts.types import Contract
from pydantic import Field

from .progress import Stage, Status
from .status_page import ProcessStep, published_process
from .wording import wording_for

STATUS_URL = "/v1/complaints/{tracking_number}"
"""Where the customer follows a complaint: the status page's path in the HTTP API."""


class FilingReceipt(Contract):
    """The answer to a filed complaint (ISO 10002 receipt and acknowledgement)."""

    complaint_id: str = Field(description="The complaint's id", examples=["c-5f0c2d3a9b8e4f61"])
    tracking_number: str = Field(description="Quote it in every contact with us", examples=["CMP-7K3Q-9XWA-F"])
    access_code: str | None = Field(
        description="With the tracking number, opens the status page. Shown only in the first answer: keep it "
                    "safe. Null when this answer replays an earlier request with the same Idempotency-Key (the "
                    "code is stored only as a hash and cannot be shown again)", examples=["7K3Q-9XWA-F2MB-HT4C"])
    status_url: str = Field(description="Where to follow the complaint",
                            examples=["/v1/complaints/CMP-7K3Q-9XWA-F"])
    received_at: datetime = Field(description="When we received it (UTC): deadlines run from here")
    language: Language = Field(description="Language of the texts")
    status_text: str = Field(description="Where the complaint stands, in plain words")
    what_happens_next: str = Field(description="What happens next, in plain words")
    process: list[ProcessStep] = Field(description="The published complaints process")


def filing_receipt(*, received: ComplaintReceived, access_code: str | None, status_url: str) -> FilingReceipt:
    """The receipt for a complaint just recorded, in the customer's language."""
    words = wording_for(received.language)
    return FilingReceipt(
        complaint_id=received.complaint_id, tracking_number=received.tracking_number, access_code=access_code,
        status_url=status_url, received_at=received.received_at, language=received.language,
        status_text=words.statuses[Status.RECEIVED], what_happens_next=words.next_steps[Status.RECEIVED],
        process=published_process(language=received.language, current=Stage.RECEIPT),
    )
