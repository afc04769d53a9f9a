"""Use cases of the customer's side: the status page, the customer's actions, and the projection that follows the
other services' events.
"""

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from complaint_contracts import ComplaintEvent, Event, Language
from complaints_chassis.outbox import with_events

from . import actions
from .access_codes import verify_access_code
from .action_schemas import DecisionRequest, EscalationRequest, FeedbackRequest, MessageRequest, WithdrawalRequest
from .actions import ActionNotAllowed, CustomerAction
from .metrics import IntakeMetrics
from .progress import Progress, progress_of
from .status_page import StatusPage, status_page
from .store import CustomerRecord, IntakeStore
from .timeline import entry_from_event
from .tracking import tracking_number_or_none

ACTION_ATTEMPTS = 5
"""Re-reads when the complaint changed between reading and writing (another event or action landed)."""

ActionRequest = MessageRequest | DecisionRequest | FeedbackRequest | WithdrawalRequest | EscalationRequest


class NotFound(Exception):
    """No complaint with this tracking number and access code (the two cases are not told apart)."""


class Refused(Exception):
    """The action is not possible in the state the complaint was in when it was refused."""

    def __init__(self, refusal: ActionNotAllowed, progress: Progress) -> None:
        super().__init__(refusal.reason)
        self.refusal, self.progress = refusal, progress


class ConcurrentChange(Exception):
    """The complaint kept changing while the action was being recorded."""


@dataclass
class CustomerService:
    store: IntakeStore
    clock: Callable[[], datetime]
    notify: Callable[[], None]
    metrics: IntakeMetrics

    async def open(self, *, tracking_number: str, access_code: str) -> CustomerRecord:
        """The complaint behind a tracking number and access code, or NotFound (same work either way)."""
        canonical = tracking_number_or_none(tracking_number)
        record = await self.store.customer_record(canonical) if canonical else None
        valid = verify_access_code(code=access_code,
                                        stored_hash=record.access_code_hash if record else None)
        if record is None or not valid:
            raise NotFound()
        return record

    async def status(self, *, record: CustomerRecord, language: Language | None = None) -> StatusPage:
        """The status page of an opened complaint."""
        return status_page(entries=record.entries, tracking_number=record.tracking_number, language=language)

    async def act(self, *, record: CustomerRecord, request: ActionRequest) -> StatusPage:
        """Turn the customer's request into its event, recorded on the timeline and queued in one write."""
        for _ in range(ACTION_ATTEMPTS):
            progress = progress_of(record.entries)
            try:
                event = _event(progress, record.complaint_id, request, self.clock())
            except ActionNotAllowed as refusal:
                self.metrics.actions.labels(action=_action_of(request).value, outcome="refused").inc()
                raise Refused(refusal, progress) from None
            entry = entry_from_event(event)
            assert entry is not None, "every customer action is visible on the timeline"
            if await self.store.record_entry(record=record, entry=entry, update=with_events({}, [event])):
                self.notify()
                self.metrics.actions.labels(action=_action_of(request).value, outcome="accepted").inc()
                entries = (*record.entries, entry)
                return status_page(entries=entries, tracking_number=record.tracking_number)
            fresh = await self.store.customer_record(record.tracking_number)
            if fresh is None:
                raise NotFound()
            record = fresh
        raise ConcurrentChange()

    async def follow(self, events: Sequence[Event]) -> None:
        """Add what the customer may see of other services' events to their complaints' timelines."""
        items = [(complaint_id, entry) for event in events
                 if (complaint_id := getattr(event, "complaint_id", None)) is not None
                 and (entry := entry_from_event(event)) is not None]
        if not items:
            return
        unmatched = await self.store.append_entries(items)
        if unmatched:
            # Intake stores a complaint before it announces it, so another service cannot know a complaint intake
            # does not hold unless intake's data was lost or restored: keep the entries for repair, count them.
            await self.store.park_unmatched(unmatched, now=self.clock())
            self.metrics.unmatched_events.inc(len(unmatched))


def _action_of(request: ActionRequest) -> CustomerAction:
    return {MessageRequest: CustomerAction.REPLY, DecisionRequest: CustomerAction.DECIDE,
            FeedbackRequest: CustomerAction.GIVE_FEEDBACK, WithdrawalRequest: CustomerAction.WITHDRAW,
            EscalationRequest: CustomerAction.ASK_ESCALATION}[type(request)]


def _event(progress: Progress, complaint_id: str, request: ActionRequest, now: datetime) -> ComplaintEvent:
    common: dict[str, Any] = {"progress": progress, "complaint_id": complaint_id, "now": now}
    match request:
        case MessageRequest():
            return actions.reply(**common, message_id=f"m-{secrets.token_hex(8)}", text=request.text,
                                 in_reply_to=request.in_reply_to)
        case DecisionRequest():
            return actions.decide(**common, proposal_id=request.proposal_id, decision=request.decision,
                                  reason=request.reason)
        case FeedbackRequest():
            return actions.give_feedback(**common, satisfaction=request.satisfaction, comment=request.comment)
        case WithdrawalRequest():
            return actions.withdraw(**common, reason=request.reason)
        case EscalationRequest():
            return actions.ask_escalation(**common, reason=request.reason)
    raise TypeError(type(request).__name__)


