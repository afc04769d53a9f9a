"""Intake's use cases, the only thing its entrypoints call.

`FilingService`: a complaint filed over HTTP or submitted over Kafka becomes one stored complaint and one
`ComplaintReceived`, queued in the same write (outbox). `CustomerService`: the customer's side — opening a
complaint with its tracking number and access code, the status page, the customer's actions — and the timeline
that follows the other services' events.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from complaint_contracts import ComplaintReceived, ComplaintSubmission, Event, Language
from complaints_chassis.clock import Now
from complaints_chassis.consumer import PermanentError

from .adapters.lookup_guard import LookupGuard
from .adapters.metrics import IntakeMetrics
from .adapters.rate_limiter import RateLimiter
from .domain.access import hash_access_code, new_access_code, verify_access_code
from .domain.access_requests import AccessCodeRequest, code_issued, contact_matches, first_code_route
from .domain.actions import REOPEN_WINDOW, ActionNotAllowed, CustomerAction, allowed_actions
from .domain.attachments import checked_files, filed_attachments, submitted_attachments
from .domain.complaint import CustomerRecord, Download, NewComplaint, StoredFile, new_complaint_id
from .domain.filing import (
    ComplaintFiling,
    StaffComplaintFiling,
    received_from_filing,
    request_fingerprint,
    validate_filing,
)
from .domain.limits import IntakeLimits
from .domain.ownership import download_refusal, owner_of
from .domain.ports import AlreadyStored, IntakeStore, TrackingNumberTaken
from .domain.problems import InvalidComplaint, dlq_reason
from .domain.progress import progress_of
from .domain.receipt import STATUS_URL, FilingReceipt, filing_receipt
from .domain.requests import ActionContext, ActionRequest
from .domain.status_page import ProcessStep, StatusPage, published_process, status_page
from .domain.submission import complaint_id_for_submission, received_from_submission, submission_problems
from .domain.timeline import TimelineEntry, entry_from_event
from .domain.tracking import new_tracking_number, tracking_number_or_none
from .domain.wording import wording_for

TRACKING_DRAWS = 5
"""Tracking-number draws before giving up (a collision is a 1 in 10^12 event per stored complaint)."""
ACTION_ATTEMPTS = 5
"""Re-reads when the complaint changed between reading and writing (another event or action landed)."""
NOT_A_TRACKING_NUMBER = "(not a tracking number)"
"""The one key failed look-ups of malformed numbers are counted under (they can never open anything)."""


class IdempotencyKeyReused(Exception):
    """The Idempotency-Key was first used for a different request."""


class NotFound(Exception):
    """No complaint with this tracking number and access code (the two cases are not told apart)."""


class TooManyLookups(Exception):
    """This client guessed wrong too often on this number; `retry_after` seconds until it may try it again."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"retry after {retry_after} s")
        self.retry_after = retry_after


class Refused(Exception):
    """The action is not possible in the state the complaint was in when it was refused."""

    def __init__(self, refusal: ActionNotAllowed, *, allowed: list[CustomerAction], status_text: str) -> None:
        super().__init__(refusal.reason)
        self.refusal, self.allowed, self.status_text = refusal, allowed, status_text


class ConcurrentChange(Exception):
    """The complaint kept changing while the action was being recorded."""


class Forbidden(Exception):
    """This member of staff may not do this; the reason says who may."""


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
    metrics: IntakeMetrics
    draw_tracking_number: Callable[[], str] = new_tracking_number

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
        if idempotency_key is not None and (earlier := await self._replay(idempotency_key, request_hash)):
            return earlier
        complaint_id = new_complaint_id()
        access_code = new_access_code()
        attachments = filed_attachments(filing.attachments, complaint_id=complaint_id)
        await self.store.save_attachments(attachments)
        complaint = NewComplaint(
            received_from_filing(filing=filing, complaint_id=complaint_id, tracking_number=self.draw_tracking_number(),
                                 received_at=now, attachments=[a.ref() for a in attachments], taken_by=taken_by),
            access_code_hash=hash_access_code(code=access_code), idempotency_key=idempotency_key,
            request_hash=request_hash if idempotency_key is not None else None)
        for _ in range(TRACKING_DRAWS):
            try:
                await self.store.insert_complaint(complaint)
            except TrackingNumberTaken:
                complaint = complaint.redrawn(self.draw_tracking_number())
                continue
            except AlreadyStored:
                # A concurrent request with the same key won the race: answer with its complaint.
                await self.store.delete_attachments(a.attachment_id for a in attachments)
                earlier = await self._replay(idempotency_key or "", request_hash)
                if earlier is None:
                    raise
                return earlier
            self.notify()
            self.metrics.received.labels(channel=complaint.received.channel.value, path="http").inc()
            return Filed(_receipt(complaint, access_code), replayed=False)
        raise RuntimeError("no free tracking number after several draws")

    async def accept_submissions(self, *, submissions: Sequence[ComplaintSubmission]) -> None:
        """Record valid submissions in one bulk insert (redeliveries are skipped); refuse the invalid ones."""
        now = self.clock()
        refused: list[str] = []
        complaints: list[NewComplaint] = []
        for submission in submissions:
            problems = submission_problems(submission=submission, limits=self.limits, now=now)
            if problems:
                refused.append(dlq_reason(problems))
                for problem in problems:
                    self.metrics.rejected.labels(reason=problem.code, path="kafka").inc()
                continue
            complaint_id = complaint_id_for_submission(source_system=submission.source_system,
                                                       external_reference=submission.external_reference)
            attachments = submitted_attachments(submission, complaint_id=complaint_id)
            await self.store.save_attachments([a for a, _ in attachments if a is not None])
            received = received_from_submission(
                submission=submission, complaint_id=complaint_id, tracking_number=self.draw_tracking_number(),
                now=now, attachments=[ref for _, ref in attachments])
            complaints.append(_with_first_code(received, submission) if submission.issue_access_code
                              else NewComplaint(received))
        await self._insert_all(complaints)
        if refused:
            # Valid ones are stored; the chassis now retries this run one event at a time, which finds them
            # stored and dead-letters each invalid one with its own reasons.
            raise PermanentError(refused[0] if len(refused) == 1 else f"{len(refused)} invalid submissions")

    async def _insert_all(self, complaints: list[NewComplaint]) -> None:
        pending = complaints
        for _ in range(TRACKING_DRAWS):
            outcome = await self.store.insert_complaints(pending)
            for complaint in pending:
                if complaint.complaint_id in outcome.inserted:
                    self.metrics.received.labels(channel=complaint.received.channel.value, path="kafka").inc()
                    if complaint.announcements:
                        self.metrics.access_codes.labels(reason="submitted", outcome="issued").inc()
            if outcome.inserted:
                self.notify()
            pending = [c.redrawn(self.draw_tracking_number()) for c in pending if c.complaint_id in outcome.collided]
            if not pending:
                return
        raise RuntimeError("no free tracking number after several draws")

    async def _replay(self, idempotency_key: str, request_hash: str) -> Filed | None:
        earlier = await self.store.filing_by_idempotency_key(idempotency_key)
        if earlier is None:
            return None
        if earlier.request_hash != request_hash:
            raise IdempotencyKeyReused()
        return Filed(_receipt(NewComplaint(earlier.received), access_code=None), replayed=True)


def _with_first_code(received: ComplaintReceived, submission: ComplaintSubmission) -> NewComplaint:
    """A submitted complaint with its first access code, when the customer can be reached by e-mail or phone."""
    route = first_code_route(received.customer)
    if route is None:
        return NewComplaint(received)  # a letter-only customer: the acknowledgement goes by post, without a code
    code = new_access_code()
    issued = code_issued(complaint_id=received.complaint_id, tracking_number=received.tracking_number,
                         access_code=code, send_to=route, reason="submitted", now=received.time,
                         causation_id=str(submission.id))
    return NewComplaint(received, access_code_hash=hash_access_code(code=code), announcements=(issued,))


def _receipt(complaint: NewComplaint, access_code: str | None) -> FilingReceipt:
    return filing_receipt(received=complaint.received, access_code=access_code,
                          status_url=STATUS_URL.format(tracking_number=complaint.tracking_number))


@dataclass
class CustomerService:
    store: IntakeStore
    clock: Now
    notify: Callable[[], None]
    """Wakes the outbox relay after a write that queued events."""
    metrics: IntakeMetrics
    lookups: LookupGuard
    """Budgets of failed look-ups (wrong tracking number or access code) per client and per tracking number."""
    limits: IntakeLimits = field(default_factory=IntakeLimits)
    """What files sent with a message may be."""
    reopen_window: timedelta = REOPEN_WINDOW
    """How long after closure the customer may ask to reopen."""

    async def status(self, *, tracking_number: str, access_code: str, client: str,
                     language: Language | None = None) -> StatusPage:
        """The status page of the complaint behind a tracking number and access code."""
        record = await self._open(tracking_number=tracking_number, access_code=access_code, client=client)
        return self._page(record.entries, record.tracking_number, language=language)

    async def attachment(self, *, tracking_number: str, access_code: str, client: str,
                         attachment_id: str) -> StoredFile:
        """One of the customer's own files, the download audited; NotFound for anything else."""
        record = await self._open(tracking_number=tracking_number, access_code=access_code, client=client)
        stored = await self.store.stored_file(attachment_id)
        if stored is None or stored.complaint_id != record.complaint_id:
            self.metrics.downloads.labels(by="customer", outcome="not_found").inc()
            raise NotFound()
        await self.store.audit_download(Download(attachment_id=attachment_id, complaint_id=record.complaint_id,
                                                 at=self.clock(), by="customer"))
        self.metrics.downloads.labels(by="customer", outcome="served").inc()
        return stored

    async def act(self, *, tracking_number: str, access_code: str, client: str,
                  request: ActionRequest) -> StatusPage:
        """Turn the customer's request into its event, recorded on the timeline and queued in one write."""
        record = await self._open(tracking_number=tracking_number, access_code=access_code, client=client)
        files = checked_files(request.files(), limits=self.limits, complaint_id=record.complaint_id)
        context = ActionContext(reopen_window=self.reopen_window, attachments=tuple(f.ref() for f in files))
        for _ in range(ACTION_ATTEMPTS):
            progress = progress_of(record.entries)
            now = self.clock()
            try:
                event = request.event(progress=progress, complaint_id=record.complaint_id, now=now, context=context)
            except ActionNotAllowed as refusal:
                self.metrics.actions.labels(action=request.action.value, outcome="refused").inc()
                raise Refused(refusal, allowed=allowed_actions(progress=progress, now=now,
                                                               reopen_window=self.reopen_window),
                              status_text=wording_for(progress.language).statuses[progress.status]) from None
            entry = entry_from_event(event)
            assert entry is not None, "every customer action is visible on the timeline"
            if files:
                # Stored before the event that refers to them; kept under their ids if the write is retried.
                await self.store.save_attachments(files)
            if await self.store.record_action(record=record, entry=entry, event=event):
                self.notify()
                self.metrics.actions.labels(action=request.action.value, outcome="accepted").inc()
                return self._page((*record.entries, entry), record.tracking_number)
            fresh = await self.store.customer_record(record.tracking_number)
            if fresh is None:
                raise NotFound()
            record = fresh
        raise ConcurrentChange()

    async def process(self, *, language: Language) -> list[ProcessStep]:
        """The published complaints process, in plain words."""
        return published_process(language=language)

    async def follow(self, *, events: Sequence[Event]) -> None:
        """Add what the customer may see of other services' events to their complaints' timelines."""
        items = [(complaint_id, entry) for event in events
                 if (complaint_id := getattr(event, "complaint_id", None)) is not None
                 and (entry := entry_from_event(event)) is not None]
        await self.store.record_owners([owner for event in events if (owner := owner_of(event)) is not None])
        if not items:
            return
        unmatched = await self.store.append_entries(items)
        if unmatched:
            # Intake stores a complaint before it announces it, so another service cannot know a complaint intake
            # does not hold unless intake's data was lost or restored: keep the entries for repair, count them.
            await self.store.park_unmatched(unmatched, now=self.clock())
            self.metrics.unmatched_events.inc(len(unmatched))

    def _page(self, entries: tuple[TimelineEntry, ...], tracking_number: str,
              language: Language | None = None) -> StatusPage:
        return status_page(entries=entries, tracking_number=tracking_number, language=language, now=self.clock(),
                           reopen_window=self.reopen_window)

    async def _open(self, *, tracking_number: str, access_code: str, client: str) -> CustomerRecord:
        """The complaint behind a tracking number and access code, or NotFound (same work either way)."""
        canonical = tracking_number_or_none(tracking_number)
        key = canonical or NOT_A_TRACKING_NUMBER
        wait = self.lookups.retry_after(client=client, tracking_number=key)
        if wait is not None:
            self.metrics.rate_limited.labels(budget="lookup_failures").inc()
            raise TooManyLookups(wait)
        record = await self.store.customer_record(canonical) if canonical else None
        # Hashed also when there is no complaint (against a decoy), so the answer takes the same time.
        valid = verify_access_code(code=access_code, stored_hash=record.access_code_hash if record else None)
        if record is None or not valid:
            self.lookups.failed(client=client, tracking_number=key)
            raise NotFound()
        self.lookups.succeeded(client=client, tracking_number=key)
        return record


class TooManyCodeRequests(Exception):
    """This client, or this tracking number, asked for new access codes too often; `retry_after` seconds to wait."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"retry after {retry_after} s")
        self.retry_after = retry_after


@dataclass
class AccessCodeService:
    """New access codes on the customer's request: admitted (budgets) before the answer, issued after it, so that
    the answer is the same and as quick whether or not the tracking number and contact match."""

    store: IntakeStore
    clock: Now
    notify: Callable[[], None]
    metrics: IntakeMetrics
    per_client: RateLimiter
    """Requests one client address may make (whatever they name)."""
    per_number: RateLimiter
    """Requests for one tracking number (from anywhere, matching or not, so its refusal reveals nothing)."""

    def admit(self, *, request: AccessCodeRequest, client: str) -> None:
        """Spend the request from both budgets, or raise TooManyCodeRequests (nothing spent)."""
        number = tracking_number_or_none(request.tracking_number) or NOT_A_TRACKING_NUMBER
        for budget, limiter, key in (("code_requests_client", self.per_client, client),
                                     ("code_requests_number", self.per_number, number)):
            wait = limiter.retry_after(key)
            if wait is not None:
                self.metrics.rate_limited.labels(budget=budget).inc()
                raise TooManyCodeRequests(wait)
        self.per_client.spend(client)
        self.per_number.spend(number)

    async def issue(self, *, request: AccessCodeRequest) -> None:
        """When the contact matches the one on file: a new code, its hash replacing the old one, and the event that
        sends it to that contact, in one write."""
        canonical = tracking_number_or_none(request.tracking_number)
        on_file = await self.store.contact_on_file(canonical) if canonical else None
        if on_file is None or not contact_matches(request, on_file):
            self.metrics.access_codes.labels(reason="requested", outcome="not_matched").inc()
            return
        code = new_access_code()
        event = code_issued(complaint_id=on_file.complaint_id, tracking_number=on_file.tracking_number,
                            access_code=code, send_to=request.send_to, reason="requested", now=self.clock())
        await self.store.replace_access_code(complaint_id=on_file.complaint_id,
                                             access_code_hash=hash_access_code(code=code), event=event)
        self.notify()
        self.metrics.access_codes.labels(reason="requested", outcome="issued").inc()


@dataclass
class StaffFilesService:
    """Evidence for staff: the owning team's members and the overseeing roles may download it; audited."""

    store: IntakeStore
    clock: Now
    metrics: IntakeMetrics

    async def attachment(self, *, complaint_id: str, attachment_id: str, subject: str, roles: frozenset[str],
                         teams: frozenset[str]) -> StoredFile:
        """The file, or NotFound (no such complaint or file) or Forbidden (not this member of staff's)."""
        known, owning_team = await self.store.owning_team(complaint_id)
        if not known:
            self.metrics.downloads.labels(by="staff", outcome="not_found").inc()
            raise NotFound()
        refusal = download_refusal(roles=roles, teams=teams, owning_team=owning_team)
        if refusal is not None:
            self.metrics.downloads.labels(by="staff", outcome="forbidden").inc()
            raise Forbidden(refusal)
        stored = await self.store.stored_file(attachment_id)
        if stored is None or stored.complaint_id != complaint_id:
            self.metrics.downloads.labels(by="staff", outcome="not_found").inc()
            raise NotFound()
        await self.store.audit_download(Download(attachment_id=attachment_id, complaint_id=complaint_id,
                                                 at=self.clock(), by=subject, roles=tuple(sorted(roles))))
        self.metrics.downloads.labels(by="staff", outcome="served").inc()
        return stored
