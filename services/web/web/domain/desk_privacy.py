"""The privacy officer's page: who a request is about, as the form gives it, in the shape intake's privacy API
takes (exactly one of e-mail, phone or tracking number; intake checks that and names the field when it is not)."""

import re
from collections.abc import Mapping

PRIVACY_ROLES = ("privacy",)
SUBJECT_FIELDS = ("email", "phone", "tracking_number")
MAX_LENGTH = 254


def subject_of(form: Mapping[str, str]) -> dict[str, str]:
    """The data subject named in the form: the fields filled in, trimmed (intake refuses none or several)."""
    return {name: value for name in SUBJECT_FIELDS if (value := form.get(name, "").strip()[:MAX_LENGTH])}


def query_of(form: Mapping[str, str]) -> dict[str, str | bool]:
    """The subject, and whether other identifiers on file may lead further: not when the officer ticked that only
    the identifier given counts (someone else shares the phone or the address)."""
    return {**subject_of(form), "follow_links": form.get("only_named") != "yes"}


def erasure_request_of(form: Mapping[str, str]) -> dict[str, str | bool]:
    """The erasure request: the subject as `query_of` gives it, and the privacy office's own case number when given."""
    reference = form.get("reference", "").strip()[:64]
    return query_of(form) | ({"reference": reference} if reference else {})


def export_file_name(generated_at: str) -> str:
    """A name for the downloaded export that says nothing about whom it is about."""
    day = re.sub(r"[^0-9-]", "", generated_at[:10]) or "export"
    return f"access-export-{day}.json"
