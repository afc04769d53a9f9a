"""Finding a data subject, and every complaint of theirs, from what an erasure or access request names."""

from dataclasses import dataclass

from ..domain.complaint import SubjectComplaint
from ..domain.erasure import NOBODY_FOUND, Basis, SubjectQuery
from ..domain.ports import IntakeStore
from ..domain.privacy_ports import PrivacyStore
from ..domain.subjects import IdentifiedComplaint, IdentifierKind, LinkedSubject, SubjectIndex
from ..domain.tracking import tracking_number_or_none


class NoSuchSubject(Exception):
    """No complaint on file matches what the request named (`field`)."""

    def __init__(self, field: Basis) -> None:
        super().__init__(NOBODY_FOUND[field])
        self.field, self.reason = field, NOBODY_FOUND[field]


@dataclass
class SubjectFinder:
    store: PrivacyStore
    complaints: IntakeStore
    subjects: SubjectIndex

    async def linked(self, query: SubjectQuery) -> LinkedSubject:
        """The data subject a query names: the complaints that give its e-mail address or phone number (or the
        complaint behind its tracking number), then — unless the query says not to follow links — those that give
        an identifier found on them, until no new one turns up. NoSuchSubject when no complaint matches."""
        if query.tracking_number is not None:
            canonical = tracking_number_or_none(query.tracking_number)
            on_file = await self.complaints.contact_on_file(canonical) if canonical else None
            if on_file is None:
                raise NoSuchSubject("tracking_number")
            if not query.follow_links:
                return LinkedSubject(subjects=frozenset([on_file.subject]), followed=())
            return LinkedSubject.of(await self._follow(set(on_file.refs)), also=[on_file.subject])
        ref = (self.subjects.email_ref(query.email) if query.email is not None
               else self.subjects.phone_ref(query.phone or ""))
        found = await self._follow({ref}) if query.follow_links else await self.store.complaints_identified_by({ref})
        if not found:
            raise NoSuchSubject(query.basis)
        if not query.follow_links:
            named: IdentifierKind = "email" if query.email is not None else "phone"
            return LinkedSubject(subjects=frozenset(c.subject for c in found), followed=(named,))
        return LinkedSubject.of(found)

    async def complaints_of(self, subject: LinkedSubject) -> list[SubjectComplaint]:
        """Every complaint of the data subject, by id."""
        found = await self.store.complaints_of_subjects(subject.subjects)
        return sorted(found, key=lambda c: c.complaint_id)

    async def _follow(self, refs: set[str]) -> list[IdentifiedComplaint]:
        """The complaints linked to these blind indexes, directly or through other complaints (a fixed point: each
        round asks only for the identifiers not asked for before)."""
        found: dict[str, IdentifiedComplaint] = {}
        asked: set[str] = set()
        while refs:
            asked |= refs
            new = [c for c in await self.store.complaints_identified_by(refs) if c.complaint_id not in found]
            found |= {c.complaint_id: c for c in new}
            refs = {i.ref for c in new for i in c.identifiers} - asked
        return list(found.values())
