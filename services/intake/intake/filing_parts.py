"""Parts of the HTTP filing request: the customer's contact details and an attachment."""

from typing import Annotated, Any, TypeVar

from complaint_contracts import Channel, CustomerContact
from complaint_contracts.types import PERSONAL_DATA_KEY
from pydantic import (
    AfterValidator,
    Base64Bytes,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from . import rules
from .limits import IntakeLimits

T = TypeVar("T")


def refuse(rejection: rules.Rejection | None, value: T) -> T:
    """Raise the rejection as a pydantic error, or pass the value through."""
    if rejection is not None:
        raise PydanticCustomError(rejection.code, rejection.reason)
    return value


def personal_field(**kwargs: Any) -> Any:
    """A pydantic Field marked as personal data in the JSON schema, as the contracts mark theirs."""
    return Field(json_schema_extra={PERSONAL_DATA_KEY: True}, **kwargs)


def blank_to_none(value: Any) -> Any:
    """Read an empty form field as absent."""
    return None if isinstance(value, str) and not value.strip() else value


def _phone(value: str | None) -> str | None:
    return None if value is None else rules.normalise_phone(refuse(rules.phone_rejection(value), value))


CustomerText = Annotated[str, AfterValidator(lambda v: refuse(rules.required_text_rejection(v), v))]
OptionalText = Annotated[str | None, BeforeValidator(blank_to_none),
                         AfterValidator(lambda v: v if v is None else refuse(rules.text_rejection(v), v))]
Email = Annotated[str | None, BeforeValidator(blank_to_none),
                  AfterValidator(lambda v: v if v is None else refuse(rules.email_rejection(v), v))]
Phone = Annotated[str | None, BeforeValidator(blank_to_none), AfterValidator(_phone)]

_NEEDS = {Channel.EMAIL: "email", Channel.PHONE: "phone", Channel.LETTER: "postal_address"}


class FilingContact(BaseModel):
    """Who complains and how to reach them: at least one of e-mail, phone or postal address."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: CustomerText = personal_field(min_length=1, max_length=200, description="Name as the customer gives it",
                                        examples=["Alesia Kuzmich"])
    email: Email = personal_field(default=None, max_length=254, description="E-mail address",
                                  examples=["alesia@example.org"])
    phone: Phone = personal_field(default=None, max_length=32,
                                  description="Phone number with country code; spaces allowed",
                                  examples=["+375 29 123 45 67"])
    postal_address: OptionalText = personal_field(default=None, max_length=500,
                                                  description="Postal address for letters")
    customer_ref: OptionalText = personal_field(default=None, max_length=64,
                                                description="Customer or account number, if known")
    preferred_channel: Channel | None = Field(
        default=None, description="How to reply; by default e-mail, else phone, else letter")
    vulnerable: bool = Field(default=False, description="The customer would like extra care or support")
    consent_marketing: bool = Field(default=False, description="The customer accepts non-mandatory messages")

    @model_validator(mode="after")
    def _reachable(self) -> "FilingContact":
        if self.email is None and self.phone is None and self.postal_address is None:
            raise PydanticCustomError("no_contact_route",
                                      "give an e-mail address, a phone number or a postal address for our reply")
        needed = _NEEDS.get(self.preferred_channel) if self.preferred_channel else None
        if needed and getattr(self, needed) is None:
            raise PydanticCustomError("preferred_channel_unreachable",
                                      "the preferred channel needs its contact detail ({field})", {"field": needed})
        return self

    def reply_channel(self) -> Channel:
        """The channel to reply on: the customer's choice, else the first contact route they gave."""
        if self.preferred_channel is not None:
            return self.preferred_channel
        return Channel.EMAIL if self.email else Channel.PHONE if self.phone else Channel.LETTER

    def to_contact(self) -> CustomerContact:
        """The contract's contact value object."""
        return CustomerContact(name=self.name, email=self.email, phone=self.phone,
                               postal_address=self.postal_address, customer_ref=self.customer_ref,
                               preferred_channel=self.reply_channel(), vulnerable=self.vulnerable,
                               consent_marketing=self.consent_marketing)


class FilingAttachment(BaseModel):
    """A file the customer sends as evidence, inline as base64."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: CustomerText = Field(min_length=1, max_length=255, description="File name", examples=["receipt.pdf"])
    media_type: str = Field(max_length=127, pattern=r"^[\w.+-]+/[\w.+-]+$", description="IANA media type",
                            examples=["application/pdf"])
    content_base64: Base64Bytes = Field(description="The file, base64-encoded")

    @field_validator("media_type")
    @classmethod
    def _accepted_type(cls, value: str, info: ValidationInfo) -> str:
        return refuse(rules.media_type_rejection(media_type=value, limits=limits_of(info)), value.lower())

    @field_validator("content_base64")
    @classmethod
    def _small_enough(cls, value: bytes, info: ValidationInfo) -> bytes:
        return refuse(rules.size_rejection(size_bytes=len(value), limits=limits_of(info)), value)


def limits_of(info: ValidationInfo) -> IntakeLimits:
    """The limits passed in the validation context, or the defaults."""
    return (info.context or {}).get("limits") or IntakeLimits()
