"""Erasure of a data subject's personal data: their keys destroyed, each of their complaints marked and announced
(`PersonalDataErased`, so every service drops its plaintext copies), the whole audited without personal data."""

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import structlog
from complaints_chassis.clock import Now
from complaints_chassis.personal_data import KeyStore

from ..adapters.metrics import IntakeMetrics
from ..domain.erasure import Basis, ErasureRecord, ErasureRequest, Reason, erasure_announced, new_erasure_id
from ..domain.privacy_ports import PrivacyStore
from ..domain.subjects import IdentifierKind
from .errors import NotFound
from .subjects import SubjectFinder

log = structlog.get_logger(__name__)


@dataclass
class ErasureService:
    store: PrivacyStore
    finder: SubjectFinder
    keys: KeyStore
    clock: Now
    notify: Callable[[], None]
    """Wakes the outbox relay after the erasure's events were queued."""
    metrics: IntakeMetrics

    async def request(self, *, request: ErasureRequest, requested_by: str) -> ErasureRecord:
        """Erase the personal data of the data subject the request names, every subject id linked to them included;
        NoSuchSubject (and nothing recorded) when no complaint on file matches."""
        subject = await self.finder.linked(request)
        return await self.erase(subject.subjects, reason="request", basis=request.basis, requested_by=requested_by,
                                reference=request.reference, followed=subject.followed,
                                follow_links=request.follow_links)

    async def record(self, erasure_id: str) -> ErasureRecord:
        """The audit record of an erasure, or NotFound."""
        found = await self.store.erasure(erasure_id)
        if found is None:
            raise NotFound()
        return found

    async def erase(self, subjects: Collection[str], *, reason: Reason, basis: Basis, requested_by: str | None = None,
                    reference: str | None = None, followed: Sequence[IdentifierKind] = (),
                    follow_links: bool = True) -> ErasureRecord:
        """Destroy the subjects' keys, then mark and announce every complaint of theirs; audited before and after.

        Keys go first: a complaint filed meanwhile is found afterwards and announced too. Asking again is harmless:
        nothing is left to destroy, and the complaints are marked and announced once more (`already_erased`).
        """
        record = ErasureRecord(erasure_id=new_erasure_id(), reason=reason, basis=basis, reference=reference,
                               requested_by=requested_by, requested_at=self.clock(), status="in_progress",
                               identifiers_followed=sorted(set(followed)), follow_links=follow_links)
        await self.store.save_erasure(record)
        destroyed = {subject: await self.keys.destroy(subject) for subject in sorted(subjects)}
        complaints = await self.store.complaints_of_subjects(destroyed.keys())
        at = self.clock()
        events = [erasure_announced(complaint_id=c.complaint_id, erasure_id=record.erasure_id, reason=reason,
                                    key_ids=destroyed[c.subject], at=at) for c in complaints]
        await self.store.mark_erased(erasure=record, events=events)
        if events:
            self.notify()
        done = record.model_copy(update={
            "complaint_ids": sorted(c.complaint_id for c in complaints), "status": "completed",
            "already_erased": sum(c.erased for c in complaints),
            "keys_destroyed": sum(len(ids) for ids in destroyed.values()), "completed_at": self.clock()})
        await self.store.save_erasure(done)
        log.info("personal data erased", erasure_id=done.erasure_id, reason=reason, basis=basis,
                 complaints=len(done.complaint_ids), already_erased=done.already_erased,
                 keys_destroyed=done.keys_destroyed, identifiers_followed=done.identifiers_followed)
        self.metrics.erasures.labels(reason=reason).inc()
        self.metrics.complaints_erased.labels(reason=reason).inc(len(complaints))
        return done
