"""Tracking numbers: `CMP-7K3Q-9XWA-F` — 40 random bits in Crockford base32 and a check symbol.

The number is drawn from `secrets`, so it says nothing about the complaints filed before or after it; the
store's unique index settles the rare collision (draw again). It is an identifier, not a secret: reading a
complaint also needs its access code.
"""

import re
import secrets

from . import crockford

PREFIX = "CMP"
BODY_BYTES = 5
BODY_SYMBOLS = 8
PATTERN = re.compile(rf"^{PREFIX}-[{crockford.ALPHABET}]{{4}}-[{crockford.ALPHABET}]{{4}}-[{crockford.ALPHABET}]$")
"""The canonical form, as printed and stored."""


class InvalidTrackingNumber(ValueError):
    """What was typed cannot be a tracking number (wrong length, symbols or check symbol)."""


def new_tracking_number() -> str:
    """Draw a fresh random tracking number in its canonical form."""
    while True:
        body = secrets.token_bytes(BODY_BYTES)
        # Values whose check symbol would be one of Crockford's extra symbols (* ~ $ = U) are drawn again, so
        # every printed symbol is a letter or digit; detection of typos is unchanged.
        if crockford.check_value(body) < len(crockford.ALPHABET):
            return _format(body)


def parse_tracking_number(text: str) -> str:
    """Read a tracking number as a customer typed it and return the canonical form, or raise."""
    symbols = crockford.normalise(text.strip())
    if len(symbols) == len(PREFIX) + BODY_SYMBOLS + 1 and symbols.startswith(PREFIX):
        symbols = symbols[len(PREFIX):]
    if len(symbols) != BODY_SYMBOLS + 1:
        raise InvalidTrackingNumber("a tracking number has 8 symbols and a check symbol")
    try:
        body = crockford.decode(symbols[:BODY_SYMBOLS])
    except ValueError as error:
        raise InvalidTrackingNumber("a tracking number uses only digits and the letters A-Z except I, L, O, U") \
            from error
    if crockford.check_symbol(body) != symbols[-1]:
        raise InvalidTrackingNumber("the check symbol does not match: please check the number for typos")
    return _format(body)


def is_tracking_number(text: str) -> bool:
    """True when the text reads as a valid tracking number."""
    try:
        parse_tracking_number(text)
    except InvalidTrackingNumber:
        return False
    return True


def tracking_number_or_none(text: str) -> str | None:
    """The canonical number, or None for input that cannot be one (look it up as an unknown complaint)."""
    try:
        return parse_tracking_number(text)
    except InvalidTrackingNumber:
        return None


def _format(body: bytes) -> str:
    symbols = crockford.encode(body)
    return f"{PREFIX}-{symbols[:4]}-{symbols[4:]}-{crockford.check_symbol(body)}"
