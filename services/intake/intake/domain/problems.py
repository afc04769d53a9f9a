"""Field-level problems: what is wrong with a filing or a submission, per field, for RFC 9457 answers.

A problem never repeats the offending value: the same list goes into DLQ headers, which must stay free of
personal data.
"""

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

    def header_value(self) -> str:
        """`field: code`, safe for logs and DLQ headers."""
        return f"{self.field}: {self.code}"


class InvalidComplaint(ValueError):
    """The complaint cannot be accepted as sent; `problems` names every offending field."""

    def __init__(self, problems: Sequence[FieldProblem]) -> None:
        super().__init__("; ".join(p.header_value() for p in problems))
        self.problems = list(problems)


def problem(field: str, code: str, reason: str) -> FieldProblem:
    """Build a body-field problem."""
    return FieldProblem.model_validate({"field": field, "code": code, "reason": reason, "in": "body"})


def problems_from_errors(errors: Iterable[Any]) -> list[FieldProblem]:
    """Turn pydantic (or FastAPI request-validation) errors into field problems, dropping the input values."""
    found = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        if loc and loc[0] == "body":
            loc = loc[1:]
        kind = error.get("type", "invalid")
        found.append(problem(".".join(loc) or "(body)", _CODES.get(kind, kind), error.get("msg", "invalid")))
    return found


def problems_from_validation_error(error: ValidationError) -> list[FieldProblem]:
    """Field problems of a pydantic validation error."""
    return problems_from_errors(error.errors(include_input=False, include_url=False))


def dlq_reason(problems: Iterable[FieldProblem]) -> str:
    """One line naming every problem (`field: code; …`) for the dead-letter header."""
    return "; ".join(p.header_value() for p in problems)
