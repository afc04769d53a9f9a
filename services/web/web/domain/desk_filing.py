"""A complaint a member of staff logs for a customer: the form's fields as intake's staff filing."""

from collections.abc import Mapping
from typing import Any

from .desk_labels import CHANNELS, LANGUAGES, REMEDIES

FIELDS = ("channel", "language", "name", "email", "phone", "postal_address", "vulnerable", "title", "description",
          "product", "order_reference", "desired_remedy")
FIELD_OF_API = {"customer.name": "name", "customer.email": "email", "customer.phone": "phone",
                "customer.postal_address": "postal_address", "customer": "name"}
"""Intake names customer fields by their path in the filing; the form's field for each."""


def filing_of(form: Mapping[str, str]) -> dict[str, Any]:
    """Intake's filing; blank optional fields are left out (intake judges the rest and names what is wrong)."""

    def text(name: str) -> str | None:
        return form.get(name, "").strip() or None

    customer = {"name": text("name") or "", "email": text("email"), "phone": text("phone"),
                "postal_address": text("postal_address"), "vulnerable": form.get("vulnerable") == "yes"}
    filing: dict[str, Any] = {
        "channel": form.get("channel") if form.get("channel") in CHANNELS else "phone",
        "language": form.get("language") if form.get("language") in LANGUAGES else "en",
        "customer": {k: v for k, v in customer.items() if v is not None},
        "title": text("title") or "", "description": text("description") or "",
        "product": text("product"), "order_reference": text("order_reference"),
        "desired_remedy": form.get("desired_remedy") if form.get("desired_remedy") in REMEDIES else None}
    return {k: v for k, v in filing.items() if v is not None}


def form_field(api_field: str) -> str:
    """The form's field an error intake names is about."""
    return FIELD_OF_API.get(api_field, api_field.split(".")[-1])
