"""Who a complaint is about, as an opaque id: the data subject whose key seals its personal data.

A customer is recognised by their e-mail address (without regard to case), else by their phone number (E.164), else
the complaint stands alone. Ids and blind indexes are keyed hashes (HMAC-SHA256 under a secret pepper that is never
stored), so a store that holds them says nothing about anyone to whoever lacks the pepper, while erasure and access
requests still find every complaint of a customer from the address they give.
"""

import hashlib
import hmac
from dataclasses import dataclass

from complaint_contracts import CustomerContact

from .rules import normalise_phone

ID_CHARS = 32
"""Hex characters kept of the HMAC: 128 bits, plenty against collisions, short enough to index."""


@dataclass(frozen=True)
class DataSubject:
    """The data subject of a complaint: the id their key is kept under, and the blind indexes of their contact
    routes (e-mail, phone) by which a later request finds the complaint again."""

    id: str
    refs: tuple[str, ...]


class SubjectIndex:
    """Turns contact routes into data-subject ids and blind indexes with the pepper."""

    def __init__(self, pepper: bytes) -> None:
        if len(pepper) < 32:
            raise ValueError("the subject pepper must be at least 32 bytes")
        self._pepper = pepper

    def _mac(self, text: str) -> str:
        return hmac.new(self._pepper, text.encode(), hashlib.sha256).hexdigest()[:ID_CHARS]

    def email_ref(self, email: str) -> str:
        return self._mac(f"email:{email.casefold()}")

    def phone_ref(self, phone: str) -> str:
        return self._mac(f"phone:{normalise_phone(phone)}")

    def of(self, customer: CustomerContact, *, complaint_id: str) -> DataSubject:
        """The customer's subject: by e-mail if given, else by phone, else one of the complaint's own."""
        refs = tuple([*([self.email_ref(customer.email)] if customer.email else []),
                      *([self.phone_ref(customer.phone)] if customer.phone else [])])
        return DataSubject(id=refs[0] if refs else self._mac(f"complaint:{complaint_id}"), refs=refs)
