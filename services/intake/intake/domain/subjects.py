"""Who a complaint is about, as an opaque id: the data subject whose key seals its personal data.

A customer is recognised by their e-mail address (without regard to case), else by their phone number (E.164), else
the complaint stands alone. Ids and blind indexes are keyed hashes (HMAC-SHA256 under a secret pepper that is never
stored), so a store that holds them says nothing about anyone to whoever lacks the pepper, while erasure and access
requests still find every complaint of a customer from the address they give.

One person may stand behind several subject ids: whoever filed with an e-mail address and a phone number, then
with the phone number alone, has two (the e-mail's and the phone's). A request about a person therefore names all of
them: the identifiers on file with any complaint found lead to further complaints, until no new one turns up
(`LinkedSubject`).
"""

import hashlib
import hmac
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

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
        return self.by_routes(email=customer.email, phone=customer.phone, complaint_id=complaint_id)

    def by_routes(self, *, email: str | None, phone: str | None, complaint_id: str) -> DataSubject:
        """`of` from the contact routes alone (a partner asking for the key to seal a submission with)."""
        refs = tuple([*([self.email_ref(email)] if email else []), *([self.phone_ref(phone)] if phone else [])])
        return DataSubject(id=refs[0] if refs else self._mac(f"complaint:{complaint_id}"), refs=refs)


IdentifierKind = Literal["email", "phone"]
"""The identifiers a data subject is recognised by (their blind indexes are a complaint's `refs`)."""


@dataclass(frozen=True)
class Identifier:
    kind: IdentifierKind
    ref: str
    """The identifier's blind index."""


def identifiers_on_file(refs: Sequence[str], *, email_on_file: bool) -> tuple[Identifier, ...]:
    """A complaint's blind indexes with their kinds: the e-mail address's first when one is on file, then the phone
    number's (the order `SubjectIndex.of` keeps them in)."""
    kinds: tuple[IdentifierKind, ...] = ("email", "phone") if email_on_file else ("phone",)
    return tuple(Identifier(kind, ref) for kind, ref in zip(kinds, refs, strict=False))


@dataclass(frozen=True)
class IdentifiedComplaint:
    """A complaint as the search for a data subject sees it: its subject and the identifiers on file."""

    complaint_id: str
    subject: str
    identifiers: tuple[Identifier, ...]


@dataclass(frozen=True)
class LinkedSubject:
    """The data subject a request names: every subject id (each with its own keys) of the complaints linked by a
    shared e-mail address or phone number, and the kinds of identifiers that linked them (never their values)."""

    subjects: frozenset[str]
    followed: tuple[IdentifierKind, ...]

    @classmethod
    def of(cls, found: Iterable[IdentifiedComplaint], *, also: Iterable[str] = ()) -> "LinkedSubject":
        complaints = list(found)
        return cls(subjects=frozenset([*also, *(c.subject for c in complaints)]),
                   followed=tuple(sorted({i.kind for c in complaints for i in c.identifiers})))
