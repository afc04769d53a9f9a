"""Which language a page speaks: the visitor's own choice first, then what the browser asks for, then English."""

from babel import Locale, negotiate_locale

SUPPORTED = ("en", "ru", "be")
DEFAULT = "en"
LANGUAGE_COOKIE = "lang"
NAMES = {"en": "English", "ru": "Русский", "be": "Беларуская"}
"""Each language in its own words, for the switch."""


def choose(*, chosen: str | None, accept_language: str | None) -> str:
    """The page language: a supported explicit choice, else the browser's best supported preference."""
    if chosen in SUPPORTED:
        return chosen
    preferred = [_tag(part) for part in (accept_language or "").split(",") if _tag(part)]
    return negotiate_locale(preferred, list(SUPPORTED), sep="-") or DEFAULT


def locale_of(language: str) -> Locale:
    return Locale.parse(language if language in SUPPORTED else DEFAULT)


def _tag(part: str) -> str:
    """`ru-RU;q=0.8` → `ru-RU`, ordered as the browser sent them (browsers send them by preference)."""
    tag = part.split(";", 1)[0].strip()
    return tag if tag and tag != "*" else ""
