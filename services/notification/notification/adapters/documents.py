"""Mapping between notification's domain objects and its MongoDB documents."""

from typing import Any

from ..domain.delivery_log import DeliveryRecord, LogStatus
from ..domain.facts import ComplaintFacts

IDENTITY_FIELDS = ("complaint_id", "template", "channel", "recipient_kind", "trigger_event_id")
"""What a delivery is, written once: by its intent, or by its outcome when it had none (nothing to send)."""
OUTCOME_FIELDS = ("status", "reason", "attempts", "resent", "recorded_at")
"""What finishing a delivery sets."""


def delivery_document(record: DeliveryRecord) -> dict[str, Any]:
    """The document of one delivery in the log, keyed by its notification id."""
    return {"_id": record.notification_id, **{f: getattr(record, f) for f in IDENTITY_FIELDS},
            "status": record.status.value, "reason": record.reason, "attempts": record.attempts,
            "message_date": record.message_date, "resent": record.resent, "recorded_at": record.recorded_at}


def outcome_fields(record: DeliveryRecord) -> dict[str, Any]:
    """The fields finishing a delivery sets on its document."""
    document = delivery_document(record)
    return {field: document[field] for field in OUTCOME_FIELDS}


def identity_fields(record: DeliveryRecord) -> dict[str, Any]:
    return {field: getattr(record, field) for field in IDENTITY_FIELDS}


def delivery_from(doc: dict[str, Any]) -> DeliveryRecord:
    """A delivery as the log keeps it (the outbox fields the relay adds are not part of it).

    Entries logged before intents existed hold only outcomes: no message date, never resent.
    """
    return DeliveryRecord(
        notification_id=doc["_id"], **{f: doc[f] for f in IDENTITY_FIELDS}, status=LogStatus(doc["status"]),
        reason=doc.get("reason"), attempts=doc.get("attempts", 0), message_date=doc.get("message_date"),
        resent=doc.get("resent", False), recorded_at=doc.get("recorded_at"))


def facts_fields(facts: ComplaintFacts) -> dict[str, Any]:
    """The fields a version of a complaint's facts is stored under (its revision is the document's, not theirs)."""
    return {"facts": facts.model_dump(mode="json")}


def facts_id(complaint_id: str, revision: int) -> str:
    """A version's `_id` names complaint and revision: two runs storing the same revision collide instead of one
    overwriting the other."""
    return f"{complaint_id}/{revision}"


def facts_document(facts: ComplaintFacts, *, revision: int) -> dict[str, Any]:
    """One version of a complaint's facts, inserted and never updated (but for erasing personal data)."""
    return {"_id": facts_id(facts.complaint_id, revision), "complaint_id": facts.complaint_id, "revision": revision,
            **facts_fields(facts)}


def facts_from(doc: dict[str, Any]) -> ComplaintFacts:
    """The facts a version holds, read as that revision (a document of the earlier shape, one per complaint updated
    in place, has none: it reads as 0)."""
    return ComplaintFacts.model_validate({**doc["facts"], "revision": doc.get("revision", 0)})
