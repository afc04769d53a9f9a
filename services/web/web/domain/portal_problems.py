"""What intake refuses, as the portal tells the customer: a problem document turned into translatable messages.

Messages are English message ids (marked with `N_` so the catalogues list them); pages translate them when they
render. A problem's own `detail` is English prose for developers and is never shown.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "translate later"
    """Mark a message for the catalogues; it is translated where the page renders it."""
    return message


@dataclass
class IntakeProblem(Exception):  # not frozen: raising sets attributes such as __traceback__
    """An answer of intake that is not a success, read from its RFC 9457 problem document."""

    status: int
    type: str = "about:blank"
    code: str | None = None
    errors: tuple[Mapping[str, Any], ...] = ()
    retry_after: int | None = None


@dataclass(frozen=True)
class Notice:
    """A message at the top of a page: what happened, or why it did not."""

    message: str
    kind: Literal["ok", "error", "warn"] = "error"
    wait_seconds: int | None = None
    """For a rate limit: how long to wait (the page counts it in whole minutes, with the language's plural form:
    «подождите 1 минуту», not the nominative a formatted duration gives)."""


@dataclass(frozen=True)
class FieldError:
    """A problem with one field of a form, by the form's field id."""

    field: str
    message: str
    file_name: str | None = None


@dataclass(frozen=True)
class FormErrors:
    """Every problem of one submitted form, for the error summary and the fields."""

    form: str
    errors: tuple[FieldError, ...] = field(default_factory=tuple)

    def of(self, name: str) -> list[FieldError]:
        return [e for e in self.errors if e.field == name]

    def summary(self) -> list[FieldError]:
        """The errors once each, in the order given, for the summary at the top of the page."""
        seen: set[tuple[str, str, str | None]] = set()
        kept = []
        for error in self.errors:
            key = (error.field, error.message, error.file_name)
            if key not in seen:
                seen.add(key)
                kept.append(error)
        return kept


def missing(form: str, *names: str) -> FormErrors:
    """The form's own check before anything is sent: these fields are empty."""
    return FormErrors(form, tuple(FieldError(name, FIELD_MESSAGES["missing"]) for name in names))


FIELD_MESSAGES = {
    "missing": N_("Please fill this in."),
    "too_long": N_("This is too long. Please shorten it."),
    "bad_characters": N_("This contains characters we cannot accept."),
    "bad_email": N_("Enter an e-mail address such as name@example.com."),
    "bad_phone": N_("Enter a phone number with its country code, such as +375 29 123 45 67."),
    "empty": N_("This file is empty."),
    "too_large": N_("This file is too large."),
    "too_many": N_("Too many files. Please send fewer."),
    "unsupported_media_type": N_("We cannot accept this type of file. Send a PDF, a picture or a text file."),
    "content_mismatch": N_("The file's content does not match its type."),
    "size_mismatch": N_("The file arrived incomplete. Please attach it again."),
    "in_future": N_("This date lies in the future."),
    "amount_without_currency": N_("Choose the currency of the amount."),
    "no_contact_route": N_("Give an e-mail address or a phone number so that we can reply."),
    "preferred_channel_unreachable": N_("Give an e-mail address or a phone number so that we can reply."),
    "one_contact_route": N_("Give either the e-mail address or the phone number on file, not both."),
    "unknown_value": N_("Choose one of the options."),
    "bad_format": N_("This is not in the expected format."),
}
INVALID = N_("This value is not valid.")
AMOUNT = N_("Enter an amount such as 49.99.")
DATE = N_("Enter a date such as 2025-03-01.")

REFUSALS = {
    "closed": N_("This is not possible: the complaint is closed."),
    "withdrawn": N_("This is not possible: the complaint was withdrawn."),
    "merged": N_("This complaint was merged into another one. Please follow that one."),
    "no_open_proposal": N_("There is no proposal waiting for your decision."),
    "not_the_open_proposal": N_("That proposal is no longer waiting for your decision."),
    "no_open_question": N_("That question is no longer waiting for an answer."),
    "escalation_already_requested": N_("You have already asked for escalation; it is being arranged."),
    "feedback_already_given": N_("You have already told us how satisfied you are. Thank you."),
    "not_resolved": N_("You can give feedback once the complaint is resolved."),
    "not_finished": N_("The complaint is still being handled. Please write to us instead."),
    "reopening_already_requested": N_("You have already asked to reopen the complaint. We will be in touch."),
    "reopen_window_passed": N_("The time for reopening this complaint has passed. Please make a new complaint."),
    "concurrent_change": N_("The complaint changed while we were recording this. Please try again."),
}
NOT_ALLOWED = N_("This is not possible in the complaint's current state.")
GONE = {
    "personal_data_erased": N_("This is not possible: your personal data in this complaint was erased. To raise the "
                               "matter again, please make a new complaint."),
    "file_erased": N_("This file is no longer available: it was deleted together with your personal data."),
}
"""What intake answers 410 for, by its code: the complaint's personal data was erased."""
NOT_FOUND = N_("We found no complaint with this tracking number and access code. Please check both and try again.")
RATE_LIMITED_UNTIMED = N_("Too many attempts. Please wait a few minutes and try again.")
TOO_LARGE = N_("The files are too large together. Please send smaller or fewer files.")
UNAVAILABLE = N_("We could not reach our complaints service. Please try again in a few minutes.")
NOT_VALID = N_("Some details need correcting. Please see below.")


def notice_of(problem: IntakeProblem) -> Notice:
    """The message a page shows for a refusal, in message-id form."""
    if problem.status == 429:  # with Retry-After the page counts the minutes instead of "a few"
        return Notice(RATE_LIMITED_UNTIMED, "warn", wait_seconds=problem.retry_after or None)
    if problem.status == 404:
        return Notice(NOT_FOUND)
    if problem.status == 409:
        return Notice(REFUSALS.get(problem.code or "", NOT_ALLOWED))
    if problem.status == 410:
        return Notice(GONE.get(problem.code or "", GONE["personal_data_erased"]))
    if problem.status == 413:
        return Notice(TOO_LARGE)
    if problem.status == 422:
        return Notice(NOT_VALID)
    return Notice(UNAVAILABLE)


def field_errors(form: str, problem: IntakeProblem, fields: Mapping[str, str], *, fallback: str) -> FormErrors:
    """The problem's `errors`, each on the form field that shows it: `fields` maps an API field (a dotted path, or
    its beginning) to the form's field id; what maps to none lands on `fallback`."""
    return FormErrors(form, tuple(_field_error(error, fields, fallback) for error in problem.errors))


def _field_error(error: Mapping[str, Any], fields: Mapping[str, str], fallback: str) -> FieldError:
    path = str(error.get("field", ""))
    form_field = _closest(path, fields) or fallback
    return FieldError(form_field, _message(str(error.get("code", "")), form_field), error.get("file_name"))


def _closest(path: str, fields: Mapping[str, str]) -> str | None:
    """The form field of the longest API path that is the error's path or begins it (`attachments.0.name`)."""
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        found = fields.get(".".join(parts[:end]))
        if found is not None:
            return found
    return None


def _message(code: str, form_field: str) -> str:
    if code in FIELD_MESSAGES:
        return FIELD_MESSAGES[code]
    if form_field == "amount":
        return AMOUNT
    if form_field == "occurred_on":
        return DATE
    return INVALID

