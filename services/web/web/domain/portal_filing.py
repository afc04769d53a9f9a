"""The complaint form: its fields, the choices it offers, and the JSON filing intake receives from it."""

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from .portal_problems import N_

TEXT_FIELDS = ("title", "description", "desired_remedy", "desired_remedy_details", "amount", "currency", "product",
               "occurred_on", "country", "about_team", "about_store", "about_employee_name", "name", "email", "phone",
               "language")
"""What the form sends besides its files (kept and shown again when intake asks for corrections)."""

REMEDIES = {
    "refund": N_("A refund"),
    "replacement": N_("A replacement"),
    "repair": N_("A repair"),
    "free_service": N_("A service free of charge"),
    "apology": N_("An apology"),
    "discount": N_("A discount"),
    "goodwill": N_("A goodwill gesture"),
    "explanation": N_("An explanation"),
}
"""Remedies a customer can ask for (and a proposal can offer), in plain words."""
CURRENCIES = ("BYN", "EUR", "USD", "RUB", "PLN", "GBP")

API_FIELDS = {
    "title": "title", "description": "description", "desired_remedy": "desired_remedy",
    "desired_remedy_details": "desired_remedy_details", "amount_claimed": "amount",
    "amount_claimed.amount": "amount", "amount_claimed.currency": "currency", "product": "product",
    "occurred_at": "occurred_on", "about_team": "about_team", "about_store": "about_store",
    "about_employee_name": "about_employee_name", "customer": "email", "customer.name": "name",
    "customer.email": "email",
    "customer.phone": "phone", "language": "language", "attachments": "attachments", "jurisdiction": "country",
}
"""Which form field shows intake's complaint about which field of the filing."""


@dataclass(frozen=True)
class UploadedFile:
    name: str
    media_type: str
    content: bytes

    def as_json(self) -> dict[str, str]:
        return {"name": self.name, "media_type": self.media_type,
                "content_base64": base64.b64encode(self.content).decode("ascii")}


def filing(values: Mapping[str, str], files: Sequence[UploadedFile], *, zone: ZoneInfo) -> dict[str, Any]:
    """The filing intake receives: blank fields left out (intake names what is missing), files base64-encoded."""
    given = {name: values.get(name, "").strip() for name in TEXT_FIELDS}
    body: dict[str, Any] = {"channel": "web", "title": given["title"], "description": given["description"]}
    customer = {key: given[key] for key in ("name", "email", "phone") if given[key]}
    body["customer"] = customer
    if given["language"]:
        body["language"] = given["language"]
    if given["country"]:  # the rules that apply; left out, intake assumes its default
        body["jurisdiction"] = given["country"]
    for key in ("desired_remedy", "desired_remedy_details", "product", "about_team", "about_store",
                "about_employee_name"):
        if given[key]:
            body[key] = given[key]
    if given["amount"]:
        body["amount_claimed"] = {"amount": given["amount"].replace(",", ".").replace(" ", ""),
                                  "currency": given["currency"] or None}
    if given["occurred_on"]:
        body["occurred_at"] = _start_of(given["occurred_on"], zone)
    if files:
        body["attachments"] = [f.as_json() for f in files]
    return body


def _start_of(day: str, zone: ZoneInfo) -> str:
    """The day's first moment where the customer is (a date alone has no zone; intake needs one). A text that is
    no date is passed on as typed, for intake to name it."""
    try:
        parsed = date.fromisoformat(day)
    except ValueError:
        return day
    return datetime.combine(parsed, time.min, tzinfo=zone).isoformat()
