"""Taking complaints in: a complaint filed over HTTP (by the customer, or by staff for them) or submitted over Kafka
becomes one stored complaint and one `ComplaintReceived`, in the same write: queued in its outbox (HTTP), or kept
with it and published by the handler before its offsets commit (Kafka)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from complaint_contracts import AttachmentRef, ComplaintReceived, ComplaintSubmission
from complaints_chassis.caused import CausedRecords
from complaints_chassis.clock import Now
from complaints_chassis.consumer import PermanentError
from complaints_chassis.group_commit import GroupCommit
from complaints_chassis.personal_data import DataKey, KeyStore

from ..adapters.metrics import IntakeMetrics
from ..domain.access import hash_access_code, new_access_code
from ..domain.access_requests import code_issued, first_code_route
from ..domain.attachments import Attachment, filed_attachments, submitted_attachments
from ..domain.complaint import NewComplaint, StoredFiling, new_complaint_id
from ..domain.filing import (
    ComplaintFiling,
    StaffComplaintFiling,
    received_from_filing,
    request_fingerprint,
    validate_filing,
)
from ..domain.limits import IntakeLimits
from ..domain.ports import FiledInsert, IntakeStore
from ..domain.problems import FieldProblem, InvalidComplaint, dlq_reason
from ..domain.receipt import STATUS_URL, FilingReceipt, filing_receipt
from ..domain.subjects import DataSubject, SubjectIndex
from ..domain.submission import complaint_id_for_submission, received_from_submission, submission_problems
from ..domain.tracking import new_tracking_number
from .errors import IdempotencyKeyReused
from .sealed_submissions import NOT_THE_CUSTOMERS_KEY, OpenedSubmission, opened_submissions

TRACKING_DRAWS = 5
"""Tracking-number draws before giving up (a collision is a 1 in 10^12 event per stored complaint)."""


@dataclass(frozen=True)
class Filed:
    """The receipt of a recorded complaint; `replayed` when it answers an earlier request with the same key."""

    receipt: FilingReceipt
    replayed: bool


@dataclass
class FilingService:
    store: IntakeStore
    clock: Now
    limits: IntakeLimits
    notify: Callable[[], None]
    """Wakes the outbox relay after a write that queued events."""
    submitted: CausedRecords
    """Publishes what submitted complaints caused, by complaint id."""
    metrics: IntakeMetrics
    keys: KeyStore
    """The data subjects' keys: every complaint's personal data is sealed with its subject's key."""
    subjects: SubjectIndex
    draw_tracking_number: Callable[[], str] = new_tracking_number
    _subject_keys: GroupCommit[str, DataKey] = field(init=False, repr=False)
    _filed_inserts: GroupCommit[tuple[NewComplaint, DataKey], FiledInsert] = field(init=False, repr=False)
    _earlier_filings: GroupCommit[str, StoredFiling | None] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Filings under way at the same time share their subjects' key look-up and their insert (group commit): a
        # single query or insert costs the store several times its share of a batch. Nothing lingers: a batch is
        # what gathered while the previous one was written.
        self._earlier_filings = GroupCommit(self.store.filings_by_idempotency_keys)
        self._subject_keys = GroupCommit(self._keys_in_order)
        self._filed_inserts = GroupCommit(self.store.insert_filed)

    async def file(self, *, body: bytes, idempotency_key: str | None, taken_by: str | None = None) -> Filed:
        """Check and record a complaint filed over HTTP, or answer with the one an earlier retry recorded;
        `taken_by` is the member of staff logging it for the customer (their filing must name its channel)."""
        now = self.clock()
        model: type[ComplaintFiling] = ComplaintFiling if taken_by is None else StaffComplaintFiling
        try:
            filing = validate_filing(payload=body, limits=self.limits, now=now, model=model)
        except InvalidComplaint as invalid:
            for problem in invalid.problems:
                self.metrics.rejected.labels(reason=problem.code, path="http").inc()
            raise
        request_hash = request_fingerprint(body)
        # A retry is not looked for before the insert: the Idempotency-Key's unique index finds it there, and then
        # the earlier filing answers. Retries are rare; a look-up for every filing cost ~8 % of intake's CPU.
        complaint_id = new_complaint_id()
        access_code = new_access_code()
        attachments = filed_attachments(filing.attachments, complaint_id=complaint_id)
        await self.store.save_attachments(attachments)
        received = received_from_filing(filing=filing, complaint_id=complaint_id,
                                        tracking_number=self.draw_tracking_number(), received_at=now,
                                        attachments=[a.ref() for a in attachments], taken_by=taken_by)
        subject = self.subjects.of(received.customer, complaint_id=complaint_id)
        key = await self._subject_keys(subject.id)
        complaint = NewComplaint(received, subject, access_code_hash=hash_access_code(code=access_code),
                                 idempotency_key=idempotency_key,
                                 request_hash=request_hash if idempotency_key is not None else None)
        for _ in range(TRACKING_DRAWS):
            stored = await self._filed_inserts((complaint, key))
            if stored is FiledInsert.TRACKING_NUMBER_TAKEN:
                complaint = complaint.redrawn(self.draw_tracking_number())
                continue
            if stored is FiledInsert.ALREADY_STORED:
                # A retry, or a concurrent request with the same key that won the race: answer with its complaint.
                await self.store.delete_attachments(a.attachment_id for a in attachments)
                earlier = await self._replay(idempotency_key or "", request_hash)
                if earlier is None:
                    raise RuntimeError("a filing with this Idempotency-Key was stored, and is not found")
                return earlier
            self.notify()
            self.metrics.received.labels(channel=complaint.received.channel.value, path="http").inc()
            return Filed(_receipt(complaint.received, access_code), replayed=False)
        raise RuntimeError("no free tracking number after several draws")

    async def accept_submissions(self, *, submissions: Sequence[ComplaintSubmission]) -> None:
        """Record valid submissions in one bulk insert (redeliveries are skipped); refuse the invalid ones."""
        now = self.clock()
        refused: list[str] = []
        accepted: list[tuple[NewComplaint, OpenedSubmission, list[tuple[Attachment | None, AttachmentRef]]]] = []
        for item in await opened_submissions(self.keys, submissions):
            submission = item.submission
            problems = list(item.problems) or submission_problems(submission=submission, limits=self.limits, now=now)
            if problems:
                refused.append(self._refusal(problems))
                continue
            complaint_id = complaint_id_for_submission(source_system=submission.source_system,
                                                       external_reference=submission.external_reference)
            attachments = submitted_attachments(submission, complaint_id=complaint_id)
            received = received_from_submission(
                submission=submission, complaint_id=complaint_id, tracking_number=self.draw_tracking_number(),
                now=now, attachments=[ref for _, ref in attachments])
            subject = self.subjects.of(received.customer, complaint_id=complaint_id)
            accepted.append((_with_first_code(received, subject, submission) if submission.issue_access_code
                             else NewComplaint(received, subject), item, attachments))
        keys = await self._keys_of([complaint for complaint, _, _ in accepted])
        complaints: list[NewComplaint] = []
        for complaint, item, attachments in accepted:
            if item.sealed_with and item.sealed_with != {keys[complaint.subject.id].id}:
                refused.append(self._refusal([NOT_THE_CUSTOMERS_KEY]))
                continue
            await self.store.save_attachments([a for a, _ in attachments if a is not None])
            complaints.append(complaint)
        plaintext = {c.complaint_id for c, item, _ in accepted if not item.sealed_with}
        await self._insert_all(complaints, keys=keys, plaintext=plaintext)
        # Those stored now and those found stored (a redelivery: what they caused may not have gone out).
        await self.submitted.publish(c.complaint_id for c in complaints)
        if refused:
            # Valid ones are stored; the chassis now retries this run one event at a time, which finds them
            # stored and dead-letters each invalid one with its own reasons.
            raise PermanentError(refused[0] if len(refused) == 1 else f"{len(refused)} invalid submissions")

    def _refusal(self, problems: Sequence[FieldProblem]) -> str:
        for problem in problems:
            self.metrics.rejected.labels(reason=problem.code, path="kafka").inc()
        return dlq_reason(problems)

    async def _keys_in_order(self, subjects: Sequence[str]) -> list[DataKey]:
        keys = await self.keys.keys_for(subjects)
        return [keys[subject] for subject in subjects]

    async def _keys_of(self, complaints: Sequence[NewComplaint]) -> dict[str, DataKey]:
        """The key of each complaint's subject, by subject id (one per subject however many complaints it has)."""
        return await self.keys.keys_for(c.subject.id for c in complaints)

    async def _insert_all(self, complaints: list[NewComplaint], *, keys: dict[str, DataKey],
                          plaintext: set[str]) -> None:
        """Insert the submitted complaints, drawing tracking numbers again for those that collided; `plaintext`
        names those a partner published unsealed (counted, so operators see who still does)."""
        pending = complaints
        for _ in range(TRACKING_DRAWS):
            outcome = await self.store.insert_complaints(pending, keys=keys)
            for complaint in pending:
                if complaint.complaint_id in outcome.inserted:
                    self.metrics.received.labels(channel=complaint.received.channel.value, path="kafka").inc()
                    if complaint.complaint_id in plaintext:
                        self.metrics.plaintext_submissions.inc()
                    if complaint.announcements:
                        self.metrics.access_codes.labels(reason="submitted", outcome="issued").inc()
            pending = [c.redrawn(self.draw_tracking_number()) for c in pending if c.complaint_id in outcome.collided]
            if not pending:
                return
        raise RuntimeError("no free tracking number after several draws")

    async def _replay(self, idempotency_key: str, request_hash: str) -> Filed | None:
        earlier = await self._earlier_filings(idempotency_key)
        if earlier is None:
            return None
        if earlier.request_hash != request_hash:
            raise IdempotencyKeyReused()
        return Filed(_receipt(earlier.received, access_code=None), replayed=True)


def _with_first_code(received: ComplaintReceived, subject: DataSubject,
                     submission: ComplaintSubmission) -> NewComplaint:
    """A submitted complaint with its first access code, when the customer can be reached by e-mail or phone."""
    route = first_code_route(received.customer)
    if route is None:
        return NewComplaint(received, subject)  # a letter-only customer: the acknowledgement goes by post
    code = new_access_code()
    issued = code_issued(complaint_id=received.complaint_id, tracking_number=received.tracking_number,
                         access_code=code, send_to=route, reason="submitted", now=received.time,
                         causation_id=str(submission.id))
    return NewComplaint(received, subject, access_code_hash=hash_access_code(code=code), announcements=(issued,))


def _receipt(received: ComplaintReceived, access_code: str | None) -> FilingReceipt:
    return filing_receipt(received=received, access_code=access_code,
                          status_url=STATUS_URL.format(tracking_number=received.tracking_number))
