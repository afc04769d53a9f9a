"""Sealing again what complaints filed before a field was marked personal still hold in plaintext: the title and the
remedy in the customer's words (docs/privacy.md, *Sealing what was filed before*).

A complaint whose personal data is not erased gets them sealed with the key its other values are sealed with; an
erased one gets the form a reader without keys sees (null where allowed, else `ERASED_TEXT`), and its erasure is
announced again so that the services holding plaintext copies scrub them.
"""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from complaint_contracts import ComplaintReceived, PersonalDataErased
from complaint_contracts.personal_data import ERASED_TEXT, is_sealed, map_personal_data

RESEALED_FIELDS = ("title", "desired_remedy_details")
"""The complaint's fields marked personal after complaints were filed with them."""

_AGAIN_NAMESPACE = uuid.UUID("5e0f7a52-3c1d-4b8e-9f26-7d4a1c0b8e13")
"""Namespace of the repeated announcements' ids: one per erasure and complaint, whichever run or replica makes it,
and not the first announcement's id (readers that drop an event they have seen must take this one)."""


@dataclass(frozen=True)
class ErasedAs:
    """The erasure a complaint is marked with."""

    erasure_id: str
    reason: str
    at: datetime


@dataclass(frozen=True)
class FiledInPlaintext:
    """A stored complaint with a resealed field still in plaintext, as the pass reads it."""

    complaint_id: str
    key_id: str | None
    """The key its other personal values are sealed with (None: filed before sealing)."""
    values: Mapping[str, Any]
    """The resealed fields as stored."""
    erased: ErasedAs | None


def in_plaintext(values: Mapping[str, Any]) -> dict[str, str]:
    """The values still to seal or erase: plaintext text that is not the erased form already."""
    return {name: value for name, value in values.items()
            if isinstance(value, str) and not is_sealed(value) and value != ERASED_TEXT}


def erased_form(values: Mapping[str, str]) -> dict[str, str | None]:
    """The values as a reader without the complaint's key sees them: null where allowed, else `ERASED_TEXT`."""
    return map_personal_data(model=ComplaintReceived, data=values,
                             fn=lambda _value, nullable: None if nullable else ERASED_TEXT)


def erasure_announced_again(*, complaint_id: str, erased: ErasedAs, key_id: str | None,
                            at: datetime) -> PersonalDataErased:
    """The complaint's erasure, announced again (same erasure, when it happened) for the plaintext it left."""
    return PersonalDataErased(
        id=uuid.uuid5(_AGAIN_NAMESPACE, f"{erased.erasure_id}/{complaint_id}"), complaint_id=complaint_id,
        erasure_id=erased.erasure_id, reason=erased.reason, key_ids=[key_id] if key_id else [],
        erased_at=erased.at, time=at, correlation_id=erased.erasure_id)


@dataclass(frozen=True)
class Resealing:
    """One complaint's change: the values read (written over only while still stored as read) and what replaces
    them; for an erased complaint, its erasure announced again in the same write."""

    complaint_id: str
    read: Mapping[str, str]
    new: Mapping[str, str | None]
    announced: PersonalDataErased | None = None
