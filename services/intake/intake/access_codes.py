"""Access codes: the secret that, with the tracking number, opens a complaint's status page.

A code is shown once, when the complaint is filed, and only its salted scrypt hash is kept. Checking a code
always costs one scrypt run, also when there is no complaint to check it against, so that an unknown
tracking number and a wrong code cannot be told apart by their answer or their timing.
"""

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from functools import cache

from . import crockford

CODE_BYTES = 10
SCHEME = "scrypt"
MAX_TYPED_SYMBOLS = 64
"""Longer input is cut before hashing, so that a huge body cannot buy a slower answer."""


@dataclass(frozen=True)
class ScryptCost:
    """scrypt work factors; stored with each hash so that they can be raised later."""

    n: int = 2**14
    r: int = 8
    p: int = 1
    salt_bytes: int = 16
    hash_bytes: int = 32


DEFAULT_COST = ScryptCost()


def new_access_code() -> str:
    """Draw a fresh 80-bit access code, grouped for reading: `7K3Q-9XWA-F2MB-HT4C`."""
    symbols = crockford.encode(secrets.token_bytes(CODE_BYTES))
    return "-".join(symbols[i:i + 4] for i in range(0, len(symbols), 4))


def hash_access_code(*, code: str, cost: ScryptCost = DEFAULT_COST) -> str:
    """Hash a code with a fresh salt into `scrypt$n$r$p$salt$hash` (base64 parts)."""
    salt = secrets.token_bytes(cost.salt_bytes)
    digest = _scrypt(crockford.normalise(code), salt=salt, n=cost.n, r=cost.r, p=cost.p, length=cost.hash_bytes)
    return "$".join([SCHEME, str(cost.n), str(cost.r), str(cost.p), _b64(salt), _b64(digest)])


def verify_access_code(*, code: str, stored_hash: str | None) -> bool:
    """Check a typed code against a stored hash; with no hash (unknown complaint) do the same work and refuse."""
    scheme, n, r, p, salt, expected = _split(stored_hash or _decoy_hash())
    typed = crockford.normalise(code)[:MAX_TYPED_SYMBOLS]
    digest = _scrypt(typed, salt=salt, n=n, r=r, p=p, length=len(expected))
    matches = hmac.compare_digest(digest, expected)
    return matches and stored_hash is not None and scheme == SCHEME


@cache
def _decoy_hash() -> str:
    return hash_access_code(code=new_access_code())


def _split(stored_hash: str) -> tuple[str, int, int, int, bytes, bytes]:
    scheme, n, r, p, salt, digest = stored_hash.split("$")
    return scheme, int(n), int(r), int(p), base64.b64decode(salt), base64.b64decode(digest)


def _scrypt(normalised_code: str, *, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    # Above OpenSSL's 32 MiB default ceiling only if the cost is raised; leave headroom for that.
    return hashlib.scrypt(normalised_code.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=length,
                          maxmem=256 * 1024 * 1024)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
