"""The complaint as a customer files it over HTTP (`POST /v1/complaints`), its validation, and the received
event it becomes.

Limits that are settings reach the validators through pydantic's validation context
(`{"limits": IntakeLimits, "now": datetime}`); without a context the defaults apply and nothing is checked
against the clock. `validate_filing` is the one entry point: every offending field in one `InvalidComplaint`.
"""

import hashlib
from collections.abc import Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Annotated, Any

from complaint_contracts import AttachmentRef, Channel, ComplaintReceived, Language, Money, RemedyKind
from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from . import rules
from .attachments import FilingAttachment
from .contact import FilingContact
from .fields import CustomerText, OptionalText, blank_to_none, limits_of, personal_field, refuse
from .json_body import read_json
from .limits import IntakeLimits
from .problems import FieldProblem, InvalidComplaint, problems_from_validation_error


class FilingMoney(BaseModel):
    """An amount and its currency."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    amount: Decimal = Field(ge=0, max_digits=14, decimal_places=2, description="Amount", examples=["49.99"])
    currency: Annotated[str | None, BeforeValidator(blank_to_none)] = Field(
        default=None, validate_default=True, pattern=r"^[A-Z]{3}$",
        description="ISO 4217 currency code (required with an amount)", examples=["GBP", "BYN", "EUR"])

    @field_validator("currency")
    @classmethod
    def _currency_given(cls, value: str | None) -> str | None:
        # Reported against the currency, the field to fill in (validated also when absent: validate_default).
        if value is None:
            raise PydanticCustomError("amount_without_currency",
                                      "an amount needs its currency (ISO 4217 code such as GBP, BYN or EUR)")
        return value

    def to_money(self) -> Money:
        """The contract's value object."""
        return Money(amount=self.amount, currency=self.currency or "")


class ComplaintFiling(BaseModel):
    """A complaint as a customer, the web form or a partner files it over HTTP."""

    model_config = ConfigDict(frozen=True, extra="forbid", json_schema_extra={"examples": [{
        "language": "ru",
        "customer": {"name": "Алеся Кузьміч", "email": "alesia@example.org", "phone": "+375 29 123 45 67"},
        "title": "Не вернули деньги за заказ",
        "description": "Заказ №123 отменён 3 марта, деньги так и не пришли. <b>Прошу вернуть</b> 🙏",
        "order_reference": "ORD-123",
        "desired_remedy": "refund",
        "amount_claimed": {"amount": "49.99", "currency": "BYN"},
    }]})

    channel: Channel = Field(default=Channel.WEB, description="Channel the complaint came in through")
    language: Language = Field(default=Language.EN, description="Language to answer in: en, ru or be")
    customer: FilingContact = Field(description="Who complains and how to reach them")
    title: CustomerText = personal_field(min_length=1, max_length=200,
                                         description="Short title in the customer's words",
                                         examples=["Refund not received"])
    description: CustomerText = personal_field(
        min_length=1, description="What happened, in the customer's words; any script, markup is kept as plain text",
        examples=["I returned the parcel…"])
    product: OptionalText = Field(default=None, max_length=120, description="Product or service concerned",
                                  examples=["current-account"])
    order_reference: OptionalText = personal_field(default=None, max_length=64,
                                                   description="Order, contract or account reference",
                                                   examples=["ORD-123"])
    occurred_at: AwareDatetime | None = Field(default=None, description="When the problem happened (with zone)")
    desired_remedy: RemedyKind | None = Field(default=None, description="The remedy the customer seeks")
    desired_remedy_details: OptionalText = personal_field(default=None, max_length=2000,
                                                          description="The remedy in the customer's words")
    amount_claimed: FilingMoney | None = Field(default=None, description="Amount the customer claims")
    jurisdiction: str = Field(default="GB", pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$",
                              description="ISO 3166-1 country, or ISO 3166-2 subdivision (GB-SCT), whose rules apply",
                              examples=["GB", "BY"])
    attachments: list[FilingAttachment] = Field(default_factory=list,
                                                description="Evidence: receipts, photos (base64, within limits)")
    about_team: OptionalText = Field(default=None, max_length=64, description="Team the complaint is about",
                                     examples=["support-be-1"])
    about_store: OptionalText = Field(default=None, max_length=64,
                                      description="Store or branch the complaint is about", examples=["minsk-07"])
    about_supplier: OptionalText = Field(default=None, max_length=120,
                                         description="Supplier or partner the complaint is about",
                                         examples=["FastParcel"])
    about_employee_name: OptionalText = personal_field(
        default=None, max_length=120, description="The employee's name as the customer knows it (not an employee "
                                                  "id)", examples=["Ivan at the Minsk-07 till"])

    @field_validator("title", "description")
    @classmethod
    def _within_limit(cls, value: str, info: ValidationInfo) -> str:
        limits = limits_of(info)
        limit = limits.max_title_chars if info.field_name == "title" else limits.max_description_chars
        return refuse(rules.length_rejection(value=value, limit=limit), value)

    @field_validator("jurisdiction")
    @classmethod
    def _known_jurisdiction(cls, value: str) -> str:
        return refuse(rules.jurisdiction_rejection(value), value)

    @field_validator("attachments")
    @classmethod
    def _not_too_many(cls, value: list[FilingAttachment], info: ValidationInfo) -> list[FilingAttachment]:
        return refuse(rules.attachment_count_rejection(count=len(value), limits=limits_of(info)), value)

    @field_validator("occurred_at")
    @classmethod
    def _not_in_future(cls, value: datetime | None, info: ValidationInfo) -> datetime | None:
        now = (info.context or {}).get("now")
        if value is not None and now is not None:
            if value > now + timedelta(seconds=limits_of(info).future_tolerance_seconds):
                raise PydanticCustomError("in_future", "lies in the future")
        return value


class StaffComplaintFiling(ComplaintFiling):
    """A complaint a member of staff logs for a customer (on the phone, at a branch, from a letter)."""

    channel: Channel = Field(description="Channel the customer complained through", examples=["phone"])


def validate_filing(*, payload: Mapping[str, Any] | str | bytes, limits: IntakeLimits, now: datetime,
                    model: type[ComplaintFiling] = ComplaintFiling) -> ComplaintFiling:
    """Parse a filing (JSON text or decoded mapping) and check it; raise InvalidComplaint naming every problem."""
    found: list[FieldProblem] = []
    document: Any = payload
    if isinstance(payload, str | bytes):
        body = read_json(payload)
        if not body.readable:
            raise InvalidComplaint(body.problems)
        found, document = list(body.problems), body.scrubbed()
    try:
        filing = model.model_validate(document, context={"limits": limits, "now": now})
    except ValidationError as error:
        named = {p.field for p in found}  # a field already named for its JSON is not named twice
        raise InvalidComplaint(found + [p for p in problems_from_validation_error(error)
                                        if p.field not in named]) from None
    if found:
        raise InvalidComplaint(found)
    return filing


def request_fingerprint(body: bytes) -> str:
    """What identifies a request body for idempotency (the bytes as sent)."""
    return hashlib.sha256(body).hexdigest()


def received_from_filing(*, filing: ComplaintFiling, complaint_id: str, tracking_number: str,
                         received_at: datetime, attachments: list[AttachmentRef],
                         taken_by: str | None = None) -> ComplaintReceived:
    """The received event of a complaint filed over HTTP (attachments already stored); `taken_by` names the member
    of staff who logged it for the customer."""
    details = filing.model_dump(exclude={"customer", "amount_claimed", "attachments"})
    return ComplaintReceived(
        **details,
        customer=filing.customer.to_contact(),
        amount_claimed=filing.amount_claimed.to_money() if filing.amount_claimed else None,
        complaint_id=complaint_id, tracking_number=tracking_number, received_at=received_at,
        attachments=attachments, time=received_at, correlation_id=complaint_id, taken_by=taken_by,
    )
