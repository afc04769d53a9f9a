"""Crockford base32 on top of the standard library's RFC 4648 codec, with Crockford's mod-37 check symbol.

Crockford's alphabet drops I, L, O and U so that what a person reads aloud or types back is unambiguous; the
check symbol (value mod 37, 37 being prime) catches every single-symbol substitution and every transposition
of neighbouring symbols. Only the alphabet mapping and the check symbol are ours: the bit packing is `base64`.
"""

import base64

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_ALPHABET = ALPHABET + "*~$=U"
_RFC4648 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_TO_CROCKFORD = str.maketrans(_RFC4648, ALPHABET)
_FROM_CROCKFORD = str.maketrans(ALPHABET, _RFC4648)
# What people type for the symbols that look alike (Crockford's decoding rules).
_LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})
_SEPARATORS = str.maketrans("", "", "- \t\u00a0\u2010\u2011\u2012\u2013\u2014")


def normalise(text: str) -> str:
    """Upper-case, drop separators and map look-alike letters to the symbols they stand for."""
    return text.upper().translate(_SEPARATORS).translate(_LOOKALIKES)


def encode(data: bytes) -> str:
    """Encode bytes whose length is a multiple of 5 (no padding) as Crockford symbols."""
    if len(data) % 5:
        raise ValueError("length must be a multiple of 5 bytes")
    return base64.b32encode(data).decode("ascii").translate(_TO_CROCKFORD)


def decode(symbols: str) -> bytes:
    """Decode normalised Crockford symbols (a multiple of 8 of them) back to bytes."""
    if len(symbols) % 8 or any(s not in ALPHABET for s in symbols):
        raise ValueError("not a Crockford base32 string")
    return base64.b32decode(symbols.translate(_FROM_CROCKFORD))


def check_value(data: bytes) -> int:
    """Crockford's check value of the number the bytes spell (big-endian), 0..36."""
    return int.from_bytes(data, "big") % len(CHECK_ALPHABET)


def check_symbol(data: bytes) -> str:
    """The check symbol Crockford appends to the symbols of `data`."""
    return CHECK_ALPHABET[check_value(data)]
