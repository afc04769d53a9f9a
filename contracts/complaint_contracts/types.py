"""Vocabulary shared by every event: enumerations, value objects and the personal-data marker."""

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

PERSONAL_DATA_KEY = "x-personal-data"
"""JSON-schema key set on every field that holds personal data (logs, analytics and erasure look for it)."""


def personal(description: str, **kwargs: Any) -> Any:
    """A pydantic Field marked as personal data in the JSON schema."""
    return Field(description=description, json_schema_extra={PERSONAL_DATA_KEY: True}, **kwargs)


def _utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("timestamp must carry a time zone")
    return value


AwareDatetime = Annotated[datetime, AfterValidator(_utc)]

ComplaintId = Annotated[
    str,
    Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{7,63}$", description="Complaint id, unique across the suite",
          examples=["c-5f0c2d3a9b8e4f61"]),
]


class Contract(BaseModel):
    """Base of every value object: immutable, unknown fields ignored so contracts can grow."""

    model_config = ConfigDict(frozen=True, extra="ignore", use_enum_values=False)


class Channel(StrEnum):
    WEB = "web"
    EMAIL = "email"
    PHONE = "phone"
    LETTER = "letter"
    CHAT = "chat"
    SOCIAL = "social"
    BRANCH = "branch"
    PARTNER = "partner"


class Language(StrEnum):
    EN = "en"
    RU = "ru"
    BE = "be"


class RemedyKind(StrEnum):
    REFUND = "refund"
    REPLACEMENT = "replacement"
    REPAIR = "repair"
    FREE_SERVICE = "free_service"
    APOLOGY = "apology"
    DISCOUNT = "discount"
    GOODWILL = "goodwill"
    EXPLANATION = "explanation"


class ComplaintKind(StrEnum):
    COMPLAINT = "complaint"
    ENQUIRY = "enquiry"


class Category(StrEnum):
    PRODUCT_QUALITY = "product_quality"
    SERVICE_QUALITY = "service_quality"
    DELIVERY = "delivery"
    BILLING = "billing"
    STAFF_CONDUCT = "staff_conduct"
    PRIVACY = "privacy"
    SAFETY = "safety"
    OTHER = "other"


class Priority(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class Regime(StrEnum):
    """Regulatory regime whose clocks and content rules apply."""

    NONE = "none"
    UK_FCA_DISP = "uk_fca_disp"
    UK_PSD = "uk_psd"
    EU_PSD2 = "eu_psd2"
    US_CFPB = "us_cfpb"
    US_FDA_MDR = "us_fda_mdr"


class Outcome(StrEnum):
    UPHELD = "upheld"
    PARTIALLY_UPHELD = "partially_upheld"
    NOT_UPHELD = "not_upheld"


class Decision(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Clock(StrEnum):
    SERVICE = "service"
    """Service SLA: business hours, paused while waiting for the customer."""
    REGULATORY = "regulatory"
    """Regulatory clock: runs from receipt and never pauses."""


class Money(Contract):
    amount: Decimal = Field(ge=0, max_digits=14, decimal_places=2, description="Amount", examples=["49.99"])
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 currency code", examples=["GBP"])


class CustomerContact(Contract):
    name: str | None = personal("Customer's name as given; absent when the customer gave none (messages then use "
                                "a neutral salutation)", default=None, min_length=1, max_length=200,
                                examples=["Alesia Kuzmich"])
    email: str | None = personal("E-mail address", default=None, max_length=254, examples=["alesia@example.org"])
    phone: str | None = personal("Phone number in E.164 form", default=None, pattern=r"^\+[1-9]\d{6,14}$",
                                 examples=["+375291234567"])
    postal_address: str | None = personal("Postal address for letters", default=None, max_length=500)
    customer_ref: str | None = personal("Customer or account number in the enterprise's systems", default=None,
                                        max_length=64)
    preferred_channel: Channel = Field(default=Channel.EMAIL, description="Channel the customer wants replies on")
    vulnerable: bool = Field(default=False, description="Customer declared or was flagged as vulnerable")
    consent_marketing: bool = Field(default=False, description="Customer accepts non-mandatory messages")


class AttachmentRef(Contract):
    attachment_id: str = Field(description="Id of the stored attachment", examples=["a-7f3e"])
    name: str = Field(max_length=255, description="File name as uploaded", examples=["receipt.pdf"])
    media_type: str = Field(max_length=127, description="IANA media type", examples=["application/pdf"])
    size_bytes: int = Field(ge=0, description="Size in bytes")
    uri: str | None = Field(default=None, description="Where the attachment can be fetched, when stored outside")


class DeadlineUnit(StrEnum):
    """What a deadline's span is counted in; each unit has one counting convention (docs/business-time.md)."""

    BUSINESS_HOURS = "business_hours"
    """Working time only: received out of hours, the clock starts at the next opening."""
    BUSINESS_DAYS = "business_days"
    """Close of business on the last day, counted from the day after the local date of receipt, whatever the hour."""
    CALENDAR_DAYS = "calendar_days"
    """The same local time that many days after receipt."""
    CALENDAR_WEEKS = "calendar_weeks"
    """The same local time that many weeks after receipt."""


class DeadlineTerms(Contract):
    """The rule behind a deadline as data, so that every reader can say it in its own language."""

    amount: float = Field(gt=0, description="How many units the span has", examples=[8])
    unit: DeadlineUnit = Field(description="What the span is counted in, and so how it is counted")
    calendar: str = Field(description="Business calendar the span is counted on (ISO 3166 code, with subdivision "
                                      "where holidays differ)", examples=["GB-ENG"])
    time_zone: str = Field(description="IANA time zone of the calendar's local time", examples=["Europe/London"])
    priority: Priority | None = Field(default=None, description="Priority whose service level sets it (service clock)")
    source: str | None = Field(default=None, description="The regulation that sets it (regulatory clock)",
                               examples=["FCA DISP 1.6.2"])
    rules_version: str | None = Field(default=None, description="Version of the routing rules that set it")
    counted_from: AwareDatetime | None = Field(
        default=None, description="When the span was counted from, when not from receipt: the reopening that ran the "
                                  "deadline again")


class Deadline(Contract):
    name: str = Field(description="What must happen by then", examples=["final_response"])
    clock: Clock = Field(description="Which clock the deadline runs on")
    due_at: AwareDatetime = Field(description="When it is due (UTC)")
    basis: str = Field(description="The rule, in words, that sets it", examples=["8 weeks from receipt (FCA DISP 1.6)"])
    terms: DeadlineTerms | None = Field(default=None, description="The same rule as data (absent from events "
                                                                   "published before it was added)")


ACKNOWLEDGEMENT_DEADLINES = frozenset({"acknowledge", "acknowledgement"})
"""Names of the deadlines that the acknowledgement of receipt meets (a service target and the regulators' written
acknowledgement): notification's mail meets them, not the work on the case."""


class Remedy(Contract):
    kind: RemedyKind = Field(description="Kind of redress")
    amount: Money | None = Field(default=None, description="Monetary value, where the remedy has one")
    description: str = Field(default="", max_length=2000, description="What exactly is offered")
