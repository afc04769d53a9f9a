"""Field-level problems: what is wrong with a filing or a submission, per field, for RFC 9457 answers.

A problem never repeats the offending value: the same list goes into DLQ headers, which must stay free of
personal data. The one exception is an attachment's file name, named in the HTTP answer so that the customer
knows which file to fix: it travels in its own member (`file_name`), never in the reason, the DLQ header or logs.
"""

import re
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

# Pydantic's error types, renamed to the reasons our API documents.
_CODES = {
    "missing": "missing",
    "string_too_short": "missing",
    "string_too_long": "too_long",
    "string_unicode": "bad_characters",
    "enum": "unknown_value",
    "literal_error": "unknown_value",
    "string_pattern_mismatch": "bad_format",
    "extra_forbidden": "unknown_field",
    "json_invalid": "malformed",
}


class FieldProblem(BaseModel):
    """One thing wrong with one field (the `errors` member of a problem document)."""

    model_config = ConfigDict(frozen=True)

    field: str = Field(description="Dotted path of the field, `(body)` for the whole document",
                       examples=["customer.email"])
    reason: str = Field(description="What is wrong, in plain words", examples=["not an e-mail address"])
    code: str = Field(description="Machine-readable reason", examples=["bad_email"])
    in_: str = Field(default="body", alias="in", description="Where the field is: body, header, query…")
    file_name: str | None = Field(default=None, description="The attachment's file name, when the field is a file's")

    def header_value(self) -> str:
        """`field: code`, safe for logs and DLQ headers."""
        return f"{self.field}: {self.code}"


class InvalidComplaint(ValueError):
    """The complaint cannot be accepted as sent; `problems` names every offending field."""

    def __init__(self, problems: Sequence[FieldProblem]) -> None:
        super().__init__("; ".join(p.header_value() for p in problems))
        self.problems = list(problems)


UNPAIRED_SURROGATE = re.compile("[\ud800-\udfff]")
"""A parsed string holds a surrogate only when an escape was unpaired: a proper pair decodes to one character."""


def problem(field: str, code: str, reason: str, *, file_name: str | None = None) -> FieldProblem:
    """Build a body-field problem."""
    # A member name the sender wrote with an unpaired surrogate would make the answer invalid UTF-8.
    printable = UNPAIRED_SURROGATE.sub("\ufffd", field)
    return FieldProblem.model_validate({"field": printable, "code": code, "reason": reason, "in": "body",
                                        "file_name": file_name})


def problems_from_errors(errors: Iterable[Any]) -> list[FieldProblem]:
    """Turn pydantic (or FastAPI request-validation) errors into field problems, dropping the input values."""
    found = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        if loc and loc[0] == "body":
            loc = loc[1:]
        kind = error.get("type", "invalid")
        file_name = (error.get("ctx") or {}).get("file_name")
        found.append(problem(".".join(loc) or "(body)", _CODES.get(kind, kind), error.get("msg", "invalid"),
                             file_name=file_name))
    return found


def problems_from_validation_error(error: ValidationError) -> list[FieldProblem]:
    """Field problems of a pydantic validation error."""
    return problems_from_errors(error.errors(include_input=False, include_url=False))


def answer_errors(problems: Iterable[FieldProblem]) -> list[dict[str, Any]]:
    """The `errors` member of a problem document (members without a value left out)."""
    return [p.model_dump(by_alias=True, exclude_none=True) for p in problems]


def dlq_reason(problems: Iterable[FieldProblem]) -> str:
    """One line naming every problem (`field: code; …`) for the dead-letter header."""
    return "; ".join(p.header_value() for p in problems)
