"""Finding a data subject, and every complaint of theirs, from what an erasure or access request names."""

from dataclasses import dataclass

from ..domain.complaint import SubjectComplaint
from ..domain.erasure import SubjectQuery
from ..domain.ports import IntakeStore
from ..domain.privacy_ports import PrivacyStore
from ..domain.subjects import SubjectIndex
from ..domain.tracking import tracking_number_or_none


@dataclass
class SubjectFinder:
    store: PrivacyStore
    complaints: IntakeStore
    subjects: SubjectIndex

    async def subjects_of(self, query: SubjectQuery) -> set[str]:
        """The data subjects a query names: by the blind index of an address (a phone number may be on file for
        more than one subject), or the subject of the complaint behind a tracking number."""
        if query.tracking_number is not None:
            canonical = tracking_number_or_none(query.tracking_number)
            on_file = await self.complaints.contact_on_file(canonical) if canonical else None
            return set() if on_file is None else {on_file.subject}
        ref = (self.subjects.email_ref(query.email) if query.email is not None
               else self.subjects.phone_ref(query.phone or ""))
        return {found.subject for found in await self.store.complaints_by_ref(ref)}

    async def complaints_of(self, query: SubjectQuery) -> list[SubjectComplaint]:
        """Every complaint of the subjects a query names, by id."""
        found = await self.store.complaints_of_subjects(await self.subjects_of(query))
        return sorted(found, key=lambda c: c.complaint_id)
