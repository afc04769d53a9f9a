"""Possible duplicates: same customer, similar text, within a window — linked, never dropped.

Customers and texts are compared through keyed hashes, so routing can keep fingerprints of earlier
complaints without keeping anyone's e-mail address or words.
"""

import hashlib
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from difflib import SequenceMatcher

from complaint_contracts.intake import ComplaintReceived

from .rules import DuplicatePolicy
from .text_matching import normalise_text

KEY_KINDS = {"email": "e-mail", "phone": "phone", "ref": "customer reference"}


@dataclass(frozen=True)
class ComplaintFingerprint:
    complaint_id: str
    received_at: datetime
    customer_keys: frozenset[str]
    text_tokens: tuple[str, ...]
    tracking_number: str | None = None
    """None for complaints fingerprinted before it was kept."""


@dataclass(frozen=True)
class DuplicateMatch:
    duplicate_of: str
    similarity: float
    reason: str
    duplicate_of_tracking_number: str | None = None


def _digest(value: str, *, key: bytes, length: int) -> str:
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:length]


def fingerprint(*, event: ComplaintReceived, key: bytes) -> ComplaintFingerprint:
    """Keyed hashes of who complained and of the words used."""
    contact = event.customer
    identities = {
        "email": contact.email.strip().casefold() if contact.email else None,
        "phone": re.sub(r"\D", "", contact.phone) if contact.phone else None,
        "ref": contact.customer_ref.strip().casefold() if contact.customer_ref else None,
    }
    words = re.findall(r"\w+", normalise_text(f"{event.title}\n{event.description}"))
    return ComplaintFingerprint(
        complaint_id=event.complaint_id,
        received_at=event.received_at,
        customer_keys=frozenset(f"{kind}:{_digest(value, key=key, length=32)}"
                                for kind, value in identities.items() if value),
        text_tokens=tuple(_digest(word, key=key, length=12) for word in words),
        tracking_number=event.tracking_number,
    )


def text_similarity(first: tuple[str, ...], second: tuple[str, ...]) -> float:
    """How alike two token sequences are, 0..1."""
    return SequenceMatcher(None, first, second, autojunk=False).ratio()


def find_possible_duplicates(*, complaint: ComplaintFingerprint, earlier: Iterable[ComplaintFingerprint],
                             policy: DuplicatePolicy) -> list[DuplicateMatch]:
    """Earlier complaints of the same customer within the window whose text is alike, most alike first."""
    window = timedelta(days=policy.window_days)
    matches = []
    for candidate in earlier:
        shared = complaint.customer_keys & candidate.customer_keys
        age = complaint.received_at - candidate.received_at
        if candidate.complaint_id == complaint.complaint_id or not shared or not timedelta(0) <= age <= window:
            continue
        similarity = round(text_similarity(complaint.text_tokens, candidate.text_tokens), 4)
        if similarity < policy.similarity:
            continue
        kinds = ", ".join(sorted(KEY_KINDS[key.split(":", 1)[0]] for key in shared))
        matches.append(DuplicateMatch(
            duplicate_of=candidate.complaint_id, similarity=similarity,
            duplicate_of_tracking_number=candidate.tracking_number,
            reason=f"same customer ({kinds}), received {_describe_age(age)} earlier, "
                   f"text {similarity:.0%} similar (threshold {policy.similarity:.0%}, "
                   f"window {policy.window_days} days)"))
    return sorted(matches, key=lambda match: (-match.similarity, match.duplicate_of))


class FingerprintsByCustomer:
    """Fingerprints found by the customer keys they share with a complaint, so a batch compares each complaint only
    with its own customer's earlier ones instead of with every fingerprint the batch read."""

    def __init__(self, prints: Iterable[ComplaintFingerprint] = ()) -> None:
        self._by_key: dict[str, dict[str, ComplaintFingerprint]] = {}
        for print_ in prints:
            self.add(print_)

    def add(self, print_: ComplaintFingerprint) -> None:
        for key in print_.customer_keys:
            self._by_key.setdefault(key, {})[print_.complaint_id] = print_

    def sharing_a_key_with(self, print_: ComplaintFingerprint) -> list[ComplaintFingerprint]:
        found = {complaint_id: candidate for key in print_.customer_keys
                 for complaint_id, candidate in self._by_key.get(key, {}).items()}
        return list(found.values())


def _describe_age(age: timedelta) -> str:
    if age >= timedelta(days=1):
        return f"{age.days} day{'s' if age.days != 1 else ''}"
    hours = int(age.total_seconds() // 3600)
    return f"{hours} hour{'s' if hours != 1 else ''}" if hours else "less than an hour"
