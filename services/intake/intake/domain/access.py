"""Access codes: the secret that, with the tracking number, opens a complaint's status page.

A code is shown once, when the complaint is filed, and only its salted SHA-256 hash is kept. A code carries 80
random bits, so a slow password hash (scrypt, argon2) would add nothing: those exist to stretch low-entropy
passwords, and 2**80 guesses are out of reach against any hash. A fast hash keeps filing and look-ups cheap
(the same reasoning as for API tokens). Checking a code always does the same hashing, also when there is no
complaint to check it against, so an unknown tracking number and a wrong code cannot be told apart.
"""

import base64
import hashlib
import hmac
import secrets

from . import crockford

CODE_BYTES = 10
SALT_BYTES = 16
SCHEME = "sha256"
MAX_TYPED_SYMBOLS = 64
"""Longer input is cut before hashing, so that a huge body cannot buy a slower answer."""


def new_access_code() -> str:
    """Draw a fresh 80-bit access code, grouped for reading: `7K3Q-9XWA-F2MB-HT4C`."""
    symbols = crockford.encode(secrets.token_bytes(CODE_BYTES))
    return "-".join(symbols[i:i + 4] for i in range(0, len(symbols), 4))


def hash_access_code(*, code: str) -> str:
    """Hash a code with a fresh salt into `sha256$salt$hash` (base64 parts)."""
    salt = secrets.token_bytes(SALT_BYTES)
    return "$".join([SCHEME, _b64(salt), _b64(_digest(crockford.normalise(code), salt))])


def verify_access_code(*, code: str, stored_hash: str | None) -> bool:
    """Check a typed code against a stored hash; with no hash (unknown complaint) do the same work and refuse."""
    scheme, salt, expected = _split(stored_hash or _DECOY)
    typed = crockford.normalise(code)[:MAX_TYPED_SYMBOLS]
    matches = hmac.compare_digest(_digest(typed, salt), expected)
    return matches and stored_hash is not None and scheme == SCHEME


def _digest(normalised_code: str, salt: bytes) -> bytes:
    return hashlib.sha256(salt + normalised_code.encode("utf-8")).digest()


def _split(stored_hash: str) -> tuple[str, bytes, bytes]:
    scheme, salt, digest = stored_hash.split("$")
    return scheme, base64.b64decode(salt), base64.b64decode(digest)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


_DECOY = hash_access_code(code=new_access_code())
"""Checked against when the complaint is unknown: it can never match (the caller refuses regardless)."""
