"""Value rules shared by the HTTP filing and the Kafka submission: text, e-mail, phone, jurisdiction, attachments.

Texts are taken exactly as the customer wrote them, in any script and with any markup: nothing is stripped,
escaped or rewritten here. We only store and return them as data (JSON); whoever renders them into HTML must
escape them (markup stays inert). Refused are only characters no text needs and our storage cannot hold:
control characters other than tab and line breaks, and unpaired surrogates. A text that would show nothing
(only spaces and invisible characters) counts as empty.
"""

import re
import unicodedata
from typing import NamedTuple

import phonenumbers
from complaints_calendar import is_jurisdiction
from email_validator import EmailNotValidError, validate_email

from .limits import IntakeLimits

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_INTERNATIONAL = re.compile(r"^\+[1-9]\d{6,14}$")
_PHONE_PUNCTUATION = str.maketrans("", "", " -.()/\u00a0")
_INVISIBLE_CATEGORIES = frozenset({
    "Zs", "Zl", "Zp",  # separators: spaces of every width, line and paragraph separators
    "Cc", "Cf",  # controls and format characters: zero-width space and joiners, BOM, soft hyphen, bidi marks, tags
    "Mn", "Me",  # combining marks and variation selectors: nothing to show without a letter to sit on
})
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
"""Hangul fillers and the blank Braille pattern: letters or symbols by category, drawn as nothing."""


class Rejection(NamedTuple):
    """Why a value is refused: a machine-readable code and a plain-words reason."""

    code: str
    reason: str


def text_rejection(value: str) -> Rejection | None:
    """Refuse text with control characters or broken Unicode; anything else is the customer's words."""
    if _CONTROL.search(value):
        return Rejection("bad_characters", "contains control characters or invalid Unicode")
    return None


def is_blank(value: str) -> bool:
    """Whether the text would show nothing: only whitespace and invisible characters (or nothing at all)."""
    return all(c.isspace() or c in _BLANK_LETTERS or unicodedata.category(c) in _INVISIBLE_CATEGORIES
               for c in value)


def required_text_rejection(value: str) -> Rejection | None:
    """Refuse text that is blank (invisible characters do not count) or has control characters."""
    if is_blank(value):
        return Rejection("missing", "must not be blank")
    return text_rejection(value)


def email_rejection(value: str) -> Rejection | None:
    """Refuse what is not an e-mail address by RFC 5322/6531 syntax (no DNS look-up: filing must not wait)."""
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return Rejection("bad_email", "not an e-mail address (like name@example.org)")
    return None


def normalise_phone(value: str) -> str:
    """The number in E.164 form (`+375291234567`); the value as typed, compacted, when it cannot be parsed."""
    compact = _compact_phone(value)
    try:
        return phonenumbers.format_number(phonenumbers.parse(compact, None), phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        return compact


def phone_rejection(value: str) -> Rejection | None:
    """Refuse a number that is not international, or that no phone of its country can have."""
    compact = _compact_phone(value)
    # Digits only: phonenumbers would read letters as a keypad spelling ("1-800-FLOWERS").
    if _INTERNATIONAL.match(compact):
        try:
            number = phonenumbers.parse(compact, None)
        except phonenumbers.NumberParseException:
            number = None
        if number is not None and phonenumbers.is_valid_number(number):
            return None
    return Rejection("bad_phone", "not a valid international phone number (like +375 29 123 45 67)")


def _compact_phone(value: str) -> str:
    # Drop the punctuation people type in phone numbers and read a leading 00 as +.
    compact = value.translate(_PHONE_PUNCTUATION)
    return "+" + compact[2:] if compact.startswith("00") else compact


def jurisdiction_rejection(value: str) -> Rejection | None:
    """Refuse a code that names no ISO 3166-1 country and no ISO 3166-2 subdivision (XX, US-ZZ, GB-XYZ): its
    deadlines would be counted in a calendar nobody chose."""
    if is_jurisdiction(value):
        return None
    return Rejection("unknown_value", "not an ISO 3166-1 country or ISO 3166-2 subdivision code (like GB, GB-SCT "
                                      "or DE-BY)")


def media_type_rejection(*, media_type: str, limits: IntakeLimits) -> Rejection | None:
    """Refuse an attachment of a type we do not take."""
    if media_type.lower() in limits.allowed_media_types:
        return None
    allowed = ", ".join(sorted(limits.allowed_media_types))
    return Rejection("unsupported_media_type", f"files of this type are not accepted (accepted: {allowed})")


def size_rejection(*, size_bytes: int, limits: IntakeLimits) -> Rejection | None:
    """Refuse an empty attachment or one larger than the limit."""
    if size_bytes == 0:
        return Rejection("empty", "the file is empty")
    if size_bytes > limits.max_attachment_bytes:
        return Rejection("too_large", f"larger than the limit of {limits.max_attachment_bytes} bytes")
    return None


def attachment_count_rejection(*, count: int, limits: IntakeLimits) -> Rejection | None:
    """Refuse more attachments than the limit."""
    if count > limits.max_attachments:
        return Rejection("too_many", f"at most {limits.max_attachments} attachments")
    return None


def length_rejection(*, value: str, limit: int) -> Rejection | None:
    """Refuse text longer than the limit (counted in characters, whatever the script)."""
    if len(value) > limit:
        return Rejection("too_long", f"at most {limit} characters")
    return None
