"""Sealing one personal value with its data subject's key (AES-256-GCM, the key id bound in as associated data).

Form: `pd1.<key id>.<base64url(nonce | ciphertext+tag)>` — self-describing, so any reader knows which key opens a
value without a side table, and `complaint_contracts.personal_data` can tell sealed from plaintext without keys.
"""

import base64
import os
import secrets
from dataclasses import dataclass

from complaint_contracts.personal_data import SEALED, SEALED_PREFIX
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12


@dataclass(frozen=True, slots=True, repr=False)
class DataKey:
    """A data subject's key: 32 random bytes under an opaque id. `repr` hides the material (logs, tracebacks)."""

    id: str
    material: bytes

    def __repr__(self) -> str:
        return f"DataKey(id={self.id!r})"


def new_key_id() -> str:
    return secrets.token_urlsafe(18)


def new_data_key() -> DataKey:
    return DataKey(id=new_key_id(), material=AESGCM.generate_key(bit_length=256))


class UnreadableValue(ValueError):
    """The value is not sealed with this key, or was altered."""


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def seal_text(text: str, key: DataKey) -> str:
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(key.material).encrypt(nonce, text.encode(), key.id.encode())
    return f"{SEALED_PREFIX}{key.id}.{_b64(nonce + sealed)}"


def open_text(value: str, key: DataKey) -> str:
    match = SEALED.match(value)
    if match is None or match.group(1) != key.id:
        raise UnreadableValue("not sealed with this key")
    raw = _unb64(match.group(2))
    try:
        return AESGCM(key.material).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], key.id.encode()).decode()
    except InvalidTag as exc:
        raise UnreadableValue("the sealed value was altered") from exc
