"""Field types of what customers send (the filing and the action requests): texts in the customer's words,
e-mail and phone, each checked by the value rules; and the limits a validation runs under.
"""

from typing import Annotated, Any, TypeVar

from complaint_contracts.types import PERSONAL_DATA_KEY
from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo
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
    """Read an empty form field (nothing visible in it) as absent."""
    return None if isinstance(value, str) and rules.is_blank(value) else value


def limits_of(info: ValidationInfo) -> IntakeLimits:
    """The limits passed in the validation context, or the defaults."""
    return (info.context or {}).get("limits") or IntakeLimits()


def _phone(value: str | None) -> str | None:
    return None if value is None else rules.normalise_phone(refuse(rules.phone_rejection(value), value))


CustomerText = Annotated[str, AfterValidator(lambda v: refuse(rules.required_text_rejection(v), v))]
OptionalText = Annotated[str | None, BeforeValidator(blank_to_none),
                         AfterValidator(lambda v: v if v is None else refuse(rules.text_rejection(v), v))]
Email = Annotated[str | None, BeforeValidator(blank_to_none),
                  AfterValidator(lambda v: v if v is None else refuse(rules.email_rejection(v), v))]
Phone = Annotated[str | None, BeforeValidator(blank_to_none), AfterValidator(_phone)]
