"""Borderline filings: each refused with the field it is about (or accepted when it is only unusual)."""

import base64
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from intake.domain.filing import validate_filing
from intake.domain.limits import IntakeLimits
from intake.domain.problems import InvalidComplaint

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
LIMITS = IntakeLimits()
WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8" + bytes(60) + b"PE\x00\x00L\x01"
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad \u3000\u3164\u2800\u0301\ufe0f\n\t"


def filing(**changes: Any) -> dict[str, Any]:
    return {"customer": {"name": "Alesia Kuzmich", "email": "alesia@example.org"}, "title": "LATE-REFUND",
            "description": "Parcel returned on 3 March, refund still missing.", **changes}


def problems_of(payload: Any) -> list[dict[str, Any]]:
    with pytest.raises(InvalidComplaint) as caught:
        validate_filing(payload=payload, limits=LIMITS, now=NOW)
    return [p.model_dump(by_alias=True, exclude_none=True) for p in caught.value.problems]


def fields_and_codes(payload: Any) -> set[tuple[str, str]]:
    return {(p["field"], p["code"]) for p in problems_of(payload)}


def test_an_executable_declared_as_a_pdf_is_refused_naming_the_attachment_and_its_file() -> None:
    exe = base64.b64encode(WINDOWS_EXE).decode()
    [found] = problems_of(filing(attachments=[{"name": "чек.pdf", "media_type": "application/pdf",
                                               "content_base64": exe}]))
    assert (found["field"], found["code"], found["file_name"]) == ("attachments.0.content_base64",
                                                                    "content_mismatch", "чек.pdf")
    assert "чек" not in found["reason"]  # the reason goes to the detail and may be logged: no file name in it


def test_a_lone_surrogate_is_refused_naming_its_field() -> None:
    body = json.dumps(filing(customer={"name": "Al\ud800esia", "email": "alesia@example.org"})).encode()
    assert fields_and_codes(body) == {("customer.name", "bad_characters")}


def test_broken_text_and_the_other_problems_are_named_together() -> None:
    body = json.dumps(filing(title="Refund \udc00", language="xx", **{"\ud800extra": 1}))
    assert fields_and_codes(body) == {("title", "bad_characters"), ("language", "unknown_value"),
                                      ("\ufffdextra", "bad_characters")}


def test_a_repeated_member_is_refused_at_any_depth_with_the_other_problems() -> None:
    body = ('{"customer": {"name": "A", "email": "alesia@example.org", "email": "nope"}, "title": "T", '
            '"title": "T", "description": "D", "language": "xx"}')
    assert fields_and_codes(body) == {("customer.email", "duplicate_member"), ("title", "duplicate_member"),
                                      ("language", "unknown_value")}


@pytest.mark.parametrize("field", ["title", "description"])
def test_a_text_of_invisible_characters_is_missing(field: str) -> None:
    assert fields_and_codes(filing(**{field: INVISIBLE})) == {(field, "missing")}


def test_an_optional_text_of_invisible_characters_is_absent() -> None:
    accepted = validate_filing(payload=filing(product="\u200b\u2060", order_reference="\ufeff"), limits=LIMITS,
                               now=NOW)
    assert (accepted.product, accepted.order_reference) == (None, None)


def test_an_amount_without_its_currency_is_reported_against_the_currency() -> None:
    [found] = problems_of(filing(amount_claimed={"amount": "49.99"}))
    assert (found["field"], found["code"]) == ("amount_claimed.currency", "amount_without_currency")


@pytest.mark.parametrize("customer", [{"phone": "+375 29 123 45 67"}, {"name": None, "phone": "+375 29 123 45 67"},
                                      {"name": "\u200b ", "phone": "+375 29 123 45 67"}])
def test_a_filing_with_only_a_contact_route_is_accepted_without_a_name(customer) -> None:
    accepted = validate_filing(payload=filing(customer=customer), limits=LIMITS, now=NOW)
    assert accepted.customer.name is None and accepted.customer.phone == "+375291234567"
