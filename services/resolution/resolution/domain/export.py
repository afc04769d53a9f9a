"""Exporting a list of cases as CSV: the case columns for everyone allowed to export, the customer's contact details
only in rows the employee may see personal data of; every export leaves an audit record (without the data)."""

import csv
import io
import re
from collections.abc import Iterable, Mapping
from datetime import datetime

from pydantic import BaseModel, Field

from .complaint import ComplaintDetails
from .search import CaseLine

CASE_COLUMNS = ("complaint_id", "tracking_number", "title", "state", "kind", "category", "priority", "regime",
                "department", "team", "assignee", "tier", "opened_at", "next_due_at", "product", "channel",
                "language")
PERSONAL_COLUMNS = ("customer_name", "customer_email", "customer_phone", "customer_ref")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting so is a formula to a spreadsheet (CSV injection): such cells are quoted with an apostrophe..."""
PLAIN_NUMBER = re.compile(r"[+-][\d\s().-]*")
"""...unless it is only a signed number (a phone number in E.164 form, a negative amount): nothing to run."""
MAX_ROWS = 10_000


class ExportRecord(BaseModel):
    """What the audit keeps of an export: who, when, what was asked (keys named, never their values), how much."""

    at: datetime
    by: str
    roles: list[str]
    filters: dict[str, list[str]] = Field(description="The filters applied, by name")
    keys_used: list[str] = Field(description="Which search keys narrowed it (e.g. `email`), without their values")
    rows: int
    personal_rows: int = Field(description="Rows that carried the customer's contact details")
    truncated: bool


def export_row(line: CaseLine, details: ComplaintDetails | None, *, personal: bool) -> dict[str, str]:
    """One row: the case, what the complaint is about, and (when allowed) who made it."""
    values: dict[str, object] = {name: getattr(line, name, None) for name in CASE_COLUMNS}
    if details is not None:
        values.update(product=details.product, channel=details.channel, language=details.language)
        if personal:
            customer = details.customer
            values.update(customer_name=customer.name, customer_email=customer.email,
                          customer_phone=customer.phone, customer_ref=customer.customer_ref)
    return {name: _cell(value) for name, value in values.items()}


def _cell(value: object) -> str:
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, datetime) else str(value)
    formula = text.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text)
    return "'" + text if formula else text


def to_csv(rows: Iterable[Mapping[str, str]], *, personal: bool) -> str:
    """The rows as CSV text with a header line (the personal columns only when any row may carry them)."""
    columns = CASE_COLUMNS + (PERSONAL_COLUMNS if personal else ())
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
