"""Use cases of the front door: a complaint filed over HTTP or submitted over Kafka becomes one stored complaint
and one `ComplaintReceived`, queued in the same write (outbox).
"""

import base64
import hashlib
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from complaint_contracts import AttachmentRef, ComplaintReceived, ComplaintSubmission
from complaints_chassis.consumer import PermanentError
from complaints_chassis.outbox import new_document

from .access_codes import hash_access_code, new_access_code
from .limits import IntakeLimits
from .metrics import IntakeMetrics
from .problems import dlq_reason
from .progress import record_event
from .received import (
    complaint_id_for_submission,
    new_complaint_id,
    received_from_filing,
    received_from_submission,
)
from .schemas import ComplaintFiling
from .store import AlreadyStored, Attachment, IntakeStore, TrackingNumberTaken, entry_document
from .submission_checks import submission_problems
from .tracking import new_tracking_number

TRACKING_DRAWS = 5
"""Tracking-number draws before giving up (a collision is a 1 in 10^12 event per stored complaint)."""


class IdempotencyKeyReused(Exception):
    """The Idempotency-Key was first used for a different request."""


@dataclass(frozen=True)
class Filed:
    """A recorded complaint: `access_code` is None when the request replayed an earlier one."""

    received: ComplaintReceived
    access_code: str | None

    @property
    def replayed(self) -> bool:
        return self.access_code is None


@dataclass
class FilingService:
    store: IntakeStore
    clock: Callable[[], datetime]
    limits: IntakeLimits
    notify: Callable[[], None]
    metrics: IntakeMetrics

    async def file(self, *, filing: ComplaintFiling, idempotency_key: str | None, request_hash: str,
                   now: datetime) -> Filed:
        """Record a complaint filed over HTTP, or return the one an earlier request with the same key recorded."""
        if idempotency_key is not None and (earlier := await self._replay(idempotency_key, request_hash)):
            return earlier
        complaint_id = new_complaint_id()
        access_code = new_access_code()
        code_hash = hash_access_code(code=access_code)
        attachments = [Attachment(f"a-{secrets.token_hex(8)}", complaint_id, a.name, a.media_type, a.content_base64)
                       for a in filing.attachments]
        await self.store.save_attachments(attachments)
        keys = {"idempotency_key": idempotency_key, "request_hash": request_hash} if idempotency_key else {}
        for _ in range(TRACKING_DRAWS):
            received = received_from_filing(filing=filing, complaint_id=complaint_id,
                                            tracking_number=new_tracking_number(), received_at=now,
                                            attachments=[_ref(a) for a in attachments])
            try:
                await self.store.insert_complaint(_document(received, access_code_hash=code_hash, **keys))
            except TrackingNumberTaken:
                continue
            except AlreadyStored:
                # A concurrent request with the same key won the race: answer with its complaint.
                await self.store.delete_attachments(a.attachment_id for a in attachments)
                earlier = await self._replay(idempotency_key or "", request_hash)
                if earlier is None:
                    raise
                return earlier
            self.notify()
            self.metrics.received.labels(channel=received.channel.value, path="http").inc()
            return Filed(received, access_code)
        raise RuntimeError("no free tracking number after several draws")

    async def accept_submissions(self, submissions: Sequence[ComplaintSubmission]) -> None:
        """Record valid submissions in one bulk insert (redeliveries are skipped); refuse the invalid ones."""
        now = self.clock()
        refused: list[str] = []
        documents: list[dict[str, Any]] = []
        for submission in submissions:
            problems = submission_problems(submission=submission, limits=self.limits, now=now)
            if problems:
                refused.append(dlq_reason(problems))
                for problem in problems:
                    self.metrics.rejected.labels(reason=problem.code, path="kafka").inc()
                continue
            complaint_id = complaint_id_for_submission(source_system=submission.source_system,
                                                       external_reference=submission.external_reference)
            attachments = _submitted_attachments(submission, complaint_id)
            await self.store.save_attachments([a for a, _ in attachments if a is not None])
            refs = [ref for _, ref in attachments]
            documents.append(_document(
                received_from_submission(submission=submission, complaint_id=complaint_id,
                                         tracking_number=new_tracking_number(), now=now, attachments=refs),
                access_code_hash=None,
                source_system=submission.source_system, external_reference=submission.external_reference))
        await self._insert_all(documents)
        if refused:
            # Valid ones are stored; the chassis now retries this run one event at a time, which finds them
            # stored and dead-letters each invalid one with its own reasons.
            raise PermanentError(refused[0] if len(refused) == 1 else f"{len(refused)} invalid submissions")

    async def _insert_all(self, documents: list[dict[str, Any]]) -> None:
        pending = documents
        for _ in range(TRACKING_DRAWS):
            outcome = await self.store.insert_complaints(pending)
            for document in pending:
                if document["_id"] in outcome.inserted:
                    self.metrics.received.labels(channel=document["channel"], path="kafka").inc()
            if outcome.inserted:
                self.notify()
            pending = [_redrawn(d) for d in pending if d["_id"] in outcome.collided]
            if not pending:
                return
        raise RuntimeError("no free tracking number after several draws")

    async def _replay(self, idempotency_key: str, request_hash: str) -> Filed | None:
        earlier = await self.store.filing_by_idempotency_key(idempotency_key)
        if earlier is None:
            return None
        if earlier.request_hash != request_hash:
            raise IdempotencyKeyReused()
        return Filed(ComplaintReceived.model_validate(earlier.received), access_code=None)


def request_fingerprint(body: bytes) -> str:
    """What identifies a request body for idempotency (the bytes as sent)."""
    return hashlib.sha256(body).hexdigest()


def _document(received: ComplaintReceived, *, access_code_hash: str | None, **keys: Any) -> dict[str, Any]:
    entries = [entry_document(e) for e in record_event(entries=(), event=received)]
    document = {"_id": received.complaint_id, "tracking_number": received.tracking_number,
                "channel": received.channel.value, "received_at": received.received_at,
                "complaint": received.model_dump(mode="json"), "entries": entries, "version": 0,
                **{k: v for k, v in keys.items() if v is not None}}
    if access_code_hash is not None:
        document["access_code_hash"] = access_code_hash
    return new_document(document, [received])


def _redrawn(document: dict[str, Any]) -> dict[str, Any]:
    received = ComplaintReceived.model_validate(document["complaint"])
    received = received.model_copy(update={"tracking_number": new_tracking_number()})
    keys = {k: document[k] for k in ("source_system", "external_reference") if k in document}
    return _document(received, access_code_hash=document.get("access_code_hash"), **keys)


def _ref(attachment: Attachment) -> AttachmentRef:
    return AttachmentRef(attachment_id=attachment.attachment_id, name=attachment.name,
                         media_type=attachment.media_type, size_bytes=len(attachment.content))


def _submitted_attachments(submission: ComplaintSubmission,
                           complaint_id: str) -> list[tuple[Attachment | None, AttachmentRef]]:
    """Inline files are stored under ids derived from the complaint (a redelivery finds them); files given by
    URI stay where they are and are referenced."""
    found: list[tuple[Attachment | None, AttachmentRef]] = []
    for index, submitted in enumerate(submission.attachments):
        attachment_id = f"a-{complaint_id[2:]}-{index}"
        ref = AttachmentRef(attachment_id=attachment_id, name=submitted.name, media_type=submitted.media_type.lower(),
                            size_bytes=submitted.size_bytes, uri=submitted.uri)
        if submitted.content_base64 is None:
            found.append((None, ref))
        else:
            content = base64.b64decode(submitted.content_base64)
            found.append((Attachment(attachment_id, complaint_id, submitted.name, ref.media_type, content), ref))
    return found
