"""How complaints are found: the keys a complaint is filed under and the words of its text, normalised the same way
for what is stored and for what is asked.

The embedded store (SecantusDB) has no text index and refuses `$text`, so full text search is an index of words kept
on the complaint's details (a multikey index): each word of the title, the description and the customer's messages,
case-folded; a query word matches the words it begins (`refund` finds `refunded`)."""

import re
import unicodedata
from collections.abc import Iterable

from complaint_contracts.personal_data import ERASED_TEXT

WORD = re.compile(r"\w+")
MIN_WORD, MAX_WORD = 2, 40
"""Shorter words say nothing; longer ones are cut (a query word is matched as a prefix anyway)."""
MAX_WORDS = 5000
"""Words kept per complaint: enough for the longest description and a long conversation."""
MAX_QUERY_WORDS = 8


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def words(text: str) -> list[str]:
    """The distinct searchable words of a text, in order of appearance."""
    found = (w[:MAX_WORD] for w in WORD.findall(_folded(text)) if len(w) >= MIN_WORD)
    return list(dict.fromkeys(found))


def words_of(texts: Iterable[str | None]) -> list[str]:
    """The distinct words of several texts, at most MAX_WORDS (an erased text has none)."""
    return list(dict.fromkeys(w for text in texts if text and text != ERASED_TEXT for w in words(text)))[:MAX_WORDS]


def query_words(text: str) -> list[str]:
    """The words a search asks for (all must match), at most MAX_QUERY_WORDS."""
    return words(text)[:MAX_QUERY_WORDS]


def email_key(email: str | None) -> str | None:
    """An e-mail address as it is matched: trimmed and case-folded."""
    folded = _folded(email).strip() if email else ""
    return folded or None


def phone_key(phone: str | None) -> str | None:
    """A phone number as it is matched: `+` and digits only (spaces, dashes and brackets dropped)."""
    if not phone:
        return None
    digits = re.sub(r"\D", "", phone)
    return f"+{digits}" if digits else None


def reference_key(reference: str | None) -> str | None:
    """A tracking number or customer reference as it is matched: letters and digits, upper case."""
    if not reference:
        return None
    kept = re.sub(r"[\W_]", "", _folded(reference)).upper()
    return kept or None
