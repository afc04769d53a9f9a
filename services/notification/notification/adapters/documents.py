"""Mapping between notification's domain objects and its MongoDB documents."""

from typing import Any

from ..domain.facts import ComplaintFacts
from ..domain.outcomes import DeliveryRecord


def delivery_document(record: DeliveryRecord) -> dict[str, Any]:
    """The document of one delivery in the log, keyed by its notification id."""
    return {
        "_id": record.notification_id, "complaint_id": record.complaint_id, "template": record.template,
        "channel": record.channel, "recipient_kind": record.recipient_kind,
        "trigger_event_id": record.trigger_event_id, "status": record.status, "reason": record.reason,
        "attempts": record.attempts, "recorded_at": record.recorded_at,
    }


def delivery_from(doc: dict[str, Any]) -> DeliveryRecord:
    """A delivery as the log keeps it (the outbox fields the relay adds are not part of it)."""
    return DeliveryRecord(
        notification_id=doc["_id"], complaint_id=doc["complaint_id"], template=doc["template"],
        channel=doc["channel"], recipient_kind=doc["recipient_kind"], trigger_event_id=doc["trigger_event_id"],
        status=doc["status"], reason=doc["reason"], attempts=doc["attempts"], recorded_at=doc["recorded_at"],
    )


def facts_fields(facts: ComplaintFacts) -> dict[str, Any]:
    """The fields a complaint's facts are stored under (its document's `_id` is the complaint id)."""
    return {"facts": facts.model_dump(mode="json")}


def facts_from(doc: dict[str, Any]) -> ComplaintFacts:
    return ComplaintFacts.model_validate(doc["facts"])
