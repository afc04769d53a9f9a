"""How a case is kept in MongoDB: the aggregate as one document, plus the indexed fields the queries need."""

from datetime import UTC, datetime
from typing import Any

from complaint_contracts.base import ComplaintEvent
from complaint_contracts.intake import (
    ComplaintWithdrawn,
    CustomerMessageReceived,
    EscalationRequested,
    ResolutionDecisionReceived,
)
from complaint_contracts.routing import ComplaintRerouted

from .case import Case
from .queue import PRIORITY_RANK

FAR_FUTURE = datetime(9999, 12, 31, tzinfo=UTC)
"""Sort position of a case without deadlines (MongoDB sorts missing values first)."""

PARKABLE: dict[str, type[ComplaintEvent]] = {cls.__name__: cls for cls in (
    CustomerMessageReceived, ResolutionDecisionReceived, ComplaintWithdrawn, EscalationRequested, ComplaintRerouted)}
"""Events that may arrive before the case exists; they wait on a placeholder document until it opens."""


def case_document(case: Case, *, next_alert_at: datetime | None) -> dict[str, Any]:
    """The case's fields as stored: JSON-safe values, with real datetimes where queries compare or sort."""
    fields = case.model_dump(mode="json")
    fields.update(
        placeholder=False, is_open=case.is_open, opened_at=case.opened_at, next_due_at=case.next_due_at,
        queue_due_at=case.next_due_at or FAR_FUTURE, priority_rank=PRIORITY_RANK[case.priority],
        next_alert_at=next_alert_at,
    )
    return fields


def case_from(document: dict[str, Any]) -> Case:
    """Rebuild the aggregate from its stored document."""
    return Case.model_validate(document)


def parked_entry(event: ComplaintEvent) -> dict[str, Any]:
    """An early event as kept on the placeholder (the same event always gives an equal entry)."""
    return {"type": type(event).__name__, "key": event.dedupe_key, "event": event.model_dump(mode="json")}


def parked_events(document: dict[str, Any]) -> list[ComplaintEvent]:
    """The events a placeholder holds, oldest first."""
    events = [PARKABLE[entry["type"]].model_validate(entry["event"]) for entry in document.get("parked", [])]
    return sorted(events, key=lambda e: e.time)
