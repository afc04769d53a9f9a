"""Use cases of personal data in routing: forget and scrub what it kept once a complaint's data is erased, and show
what it keeps about a data subject's complaints (access requests).

What routing keeps that came from the customer: the text of a routed complaint for the learning window, the
examples staff corrections made of it, keyed hashes of the contact details and words (to find duplicates), the
employee the complaint is about, and phrases of the text quoted in the explanation of the decision. Erasure drops
or blanks all of these; the decision itself (kind, category, priority, regime, department, team, versions, dates)
is the complaint record and stays, until the record's own retention ends (`ComplaintRecordExpired`): then
everything routing keeps about the complaint is deleted, the decision included.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol

from complaint_contracts.intake import ComplaintRecordExpired, PersonalDataErased


class PersonalDataStore(Protocol):
    async def erase(self, erased_at: Mapping[str, datetime]) -> None:
        """Drop or blank every personal value kept about these complaints (complaint id → when it was erased);
        repeating it changes nothing."""
        ...

    async def delete(self, complaint_ids: Sequence[str]) -> None:
        """Delete every document kept about these complaints; deleting what is gone already is no error."""
        ...

    async def records(self, complaint_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Everything kept about each complaint (those routing knows), as JSON-ready documents."""
        ...


class RoutingPrivacy:
    """What the erasure handler and the access-request route call."""

    def __init__(self, *, store: PersonalDataStore, forget: Callable[[Iterable[str]], None]) -> None:
        self._store, self._forget = store, forget

    async def erase(self, *, erasures: Sequence[PersonalDataErased]) -> None:
        """Forget the destroyed keys at once (no cached copy opens another value), then scrub the stores."""
        self._forget({key_id for erasure in erasures for key_id in erasure.key_ids})
        first: dict[str, datetime] = {}
        for erasure in erasures:
            known = first.get(erasure.complaint_id)
            first[erasure.complaint_id] = erasure.erased_at if known is None else min(known, erasure.erased_at)
        await self._store.erase(first)

    async def expire(self, *, expired: Sequence[ComplaintRecordExpired]) -> None:
        """Delete what routing keeps about complaints whose record retention ended (one write per collection)."""
        await self._store.delete(sorted({event.complaint_id for event in expired}))

    async def records(self, *, complaint_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """What routing keeps about these complaints, for the data subject's copy (GDPR Art. 15)."""
        return await self._store.records(complaint_ids)
