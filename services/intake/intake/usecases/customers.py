"""The customer's side: the status page behind a tracking number and access code, the customer's actions and own
files, and the timeline that follows the other services' events."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from complaint_contracts import ComplaintReceived, Event, Language
from complaints_chassis.clock import Now
from complaints_chassis.personal_data import KeyStore

from ..adapters.lookup_guard import LookupGuard
from ..adapters.metrics import IntakeMetrics
from ..domain.access import verify_access_code
from ..domain.actions import REOPEN_WINDOW, ActionNotAllowed, allowed_actions
from ..domain.attachments import checked_files
from ..domain.complaint import CustomerRecord, Download, StoredFile
from ..domain.followed import followed_of
from ..domain.limits import IntakeLimits
from ..domain.ports import IntakeStore
from ..domain.progress import progress_of
from ..domain.requests import ActionContext, ActionRequest
from ..domain.retention import RECORD_RETENTION, unmatched_expired
from ..domain.status_page import (
    FiledComplaint,
    ProcessStep,
    StatusPage,
    published_process,
    sent_files,
    status_page,
)
from ..domain.timeline import TimelineEntry, entry_from_event
from ..domain.tracking import tracking_number_or_none
from ..domain.wording import wording_for
from .errors import ConcurrentChange, Erased, NotFound, Refused, TooManyLookups
from .live_keys import live_key
from .sealed import opened_with_texts

ACTION_ATTEMPTS = 5
"""Re-reads when another action was recorded between reading the complaint and writing this one."""
NOT_A_TRACKING_NUMBER = "(not a tracking number)"
"""The one key failed look-ups of malformed numbers are counted under (they can never open anything)."""


@dataclass
class CustomerService:
    store: IntakeStore
    clock: Now
    notify: Callable[[], None]
    """Wakes the outbox relay after a write that queued events."""
    metrics: IntakeMetrics
    lookups: LookupGuard
    """Budgets of failed look-ups (wrong tracking number or access code) per client and per tracking number."""
    keys: KeyStore
    """What the customer sends is sealed with their subject's key; what they filed is opened to show it."""
    limits: IntakeLimits = field(default_factory=IntakeLimits)
    """What files sent with a message may be."""
    reopen_window: timedelta = REOPEN_WINDOW
    """How long after closure the customer may ask to reopen."""
    record_retention: timedelta = RECORD_RETENTION
    """Events about an unknown complaint older than this are about a deleted record: dropped, not parked."""

    async def status(self, *, tracking_number: str, access_code: str, client: str,
                     language: Language | None = None) -> StatusPage:
        """The status page of the complaint behind a tracking number and access code."""
        record = await self._open(tracking_number=tracking_number, access_code=access_code, client=client)
        return await self._page(record, record.entries, language=language)

    async def attachment(self, *, tracking_number: str, access_code: str, client: str,
                         attachment_id: str) -> StoredFile:
        """One of the customer's own files, the download audited; Erased for one of theirs an erasure deleted,
        NotFound for anything else."""
        record = await self._open(tracking_number=tracking_number, access_code=access_code, client=client)
        stored = await self.store.stored_file(attachment_id)
        if stored is None and attachment_id in sent_files(record.entries):
            self.metrics.downloads.labels(by="customer", outcome="erased").inc()
            raise Erased(record.erased.reason if record.erased else None, file=True)
        if stored is None or stored.complaint_id != record.complaint_id:
            self.metrics.downloads.labels(by="customer", outcome="not_found").inc()
            raise NotFound()
        await self.store.audit_download(Download(attachment_id=attachment_id, complaint_id=record.complaint_id,
                                                 at=self.clock(), by="customer"))
        self.metrics.downloads.labels(by="customer", outcome="served").inc()
        return stored

    async def act(self, *, tracking_number: str, access_code: str, client: str,
                  request: ActionRequest) -> StatusPage:
        """Turn the customer's request into its event, recorded on the timeline and queued in one write; Erased once
        the complaint's personal data was erased (nothing more is sealed for it, so no key is made for its subject
        again: the customer files a new complaint instead)."""
        record = await self._open(tracking_number=tracking_number, access_code=access_code, client=client)
        if record.erased is not None:
            raise self._erased(request, record.erased.reason)
        files = checked_files(request.files(), limits=self.limits, complaint_id=record.complaint_id)
        context = ActionContext(reopen_window=self.reopen_window, attachments=tuple(f.ref() for f in files))
        key = None
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
            key = key or await live_key(self.keys, subject=record.subject, key_id=record.key_id)
            if key is None:  # destroyed by an erasure that has not marked the complaint yet
                raise self._erased(request, None)
            if files:
                # Stored before the event that refers to them; kept under their ids if the write is retried.
                await self.store.save_attachments(files)
            if await self.store.record_action(record=record, entry=entry, event=event, key=key):
                self.notify()
                self.metrics.actions.labels(action=request.action.value, outcome="accepted").inc()
                return await self._page(record, (*record.entries, entry))
            fresh = await self.store.customer_record(record.tracking_number)
            if fresh is None:
                raise NotFound()
            if fresh.erased is not None:  # erased meanwhile: the write was refused, its files are not kept
                await self.store.delete_attachments(f.attachment_id for f in files)
                raise self._erased(request, fresh.erased.reason)
            record = fresh
        raise ConcurrentChange()

    def _erased(self, request: ActionRequest, reason: str | None) -> Erased:
        """The refusal of an action on an erased complaint, counted."""
        self.metrics.actions.labels(action=request.action.value, outcome="erased").inc()
        return Erased(reason)

    async def process(self, *, language: Language) -> list[ProcessStep]:
        """The published complaints process, in plain words."""
        return published_process(language=language)

    async def follow(self, *, events: Sequence[Event]) -> None:
        """Keep what the customer may see of other services' events and the teams they name as owners (one insert for
        the batch)."""
        followed = [kept for event in events if (kept := followed_of(event)) is not None]
        if not followed:
            return
        now = self.clock()
        unmatched = [(f.complaint_id, f.entry) for f in await self.store.record_followed(followed)
                     if f.entry is not None and not unmatched_expired(f.at, now=now, retention=self.record_retention)]
        if unmatched:
            # Intake stores a complaint before it announces it, so another service cannot know a complaint intake
            # does not hold unless intake's data was lost or restored: keep the entries for repair, count them.
            await self.store.park_unmatched(unmatched, now=now)
            self.metrics.unmatched_events.inc(len(unmatched))

    async def _page(self, record: CustomerRecord, entries: tuple[TimelineEntry, ...],
                    language: Language | None = None) -> StatusPage:
        [filed], texts = await opened_with_texts(self.keys, [(ComplaintReceived, record.filed)],
                                                 (entry.text for entry in entries))
        complaint = FiledComplaint(title=filed["title"], description=filed["description"]) if filed else None
        entries = tuple(entry.model_copy(update={"text": texts[entry.text]}) if entry.text in texts else entry
                        for entry in entries)
        return status_page(entries=entries, tracking_number=record.tracking_number, language=language,
                           now=self.clock(), reopen_window=self.reopen_window, complaint=complaint,
                           erased=record.erased)

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
