"""How a decision record is kept in the `decisions` collection, field by field (and read back)."""

from typing import Any

from complaint_contracts.types import Category, Channel, ComplaintKind, Language, Priority, Regime
from complaints_chassis.idempotency import APPLIED

from ..domain.facts import ComplaintFacts
from ..domain.records import DecisionChange, DecisionRecord, SeenEscalation

FACT_FIELDS = ("channel", "language", "jurisdiction", "product", "tier", "vulnerable", "about_team",
               "about_employee")


def first_decision_fields(record: DecisionRecord) -> dict[str, Any]:
    """The document fields of a first decision (routed or failed); the store adds id, version and outbox."""
    fields: dict[str, Any] = {
        "received_event": record.received_event, "received_at": record.received_at,
        "decided_at": record.decided_at, "rules_version": record.rules_version,
        "teams_version": record.teams_version,
        "facts": {name: _plain(getattr(record.facts, name)) for name in FACT_FIELDS},
    }
    if record.status == "failed":
        return {**fields, "status": "failed", "cause": record.cause, "reason": record.reason,
                "rules_fired": list(record.rules_fired)}
    return {
        **fields, "status": "routed", "department": record.department, "team": record.team,
        "assignee": record.assignee, "tier": record.tier, "kind": _plain(record.kind),
        "category": _plain(record.category), "priority": _plain(record.priority), "regime": _plain(record.regime),
        "flags": record.flags, "rules_fired": list(record.rules_fired), "model_version": record.model_version,
        "needs_human_check": record.needs_human_check,
    }


def changed_fields(change: DecisionChange) -> dict[str, Any]:
    """The fields a re-routing or a revision of the deadlines sets (version and applied events are the store's)."""
    if change.failure is not None:
        return {"last_failure": change.failure}
    record = change.record
    return {"status": record.status, "department": record.department, "team": record.team,
            "assignee": record.assignee, "tier": record.tier, "rerouted_at": record.rerouted_at,
            "rules_version": record.rules_version, "teams_version": record.teams_version,
            "priority": _plain(record.priority),
            "escalations": [{"id": seen.event_id, "cause": seen.cause} for seen in record.escalations]}


def _plain(value: Any) -> Any:
    return value.value if hasattr(value, "value") else value


def _maybe(kind: type, value: Any) -> Any:
    return None if value is None else kind(value)


def record_from_document(doc: dict[str, Any]) -> DecisionRecord:
    """A kept decision as a record; the facts are those re-routing needs (who it is about, language, product)."""
    stored = dict(doc["facts"])
    facts = ComplaintFacts(text="", **{**stored, "channel": Channel(stored["channel"]),
                                      "language": Language(stored["language"])},
                           flags=frozenset(doc.get("flags", [])))
    return DecisionRecord(
        complaint_id=doc["_id"], version=doc["version"], status=doc["status"], received_event=doc["received_event"],
        received_at=doc["received_at"], decided_at=doc["decided_at"], rules_version=doc["rules_version"],
        teams_version=doc["teams_version"], facts=facts, rules_fired=tuple(doc.get("rules_fired", [])),
        department=doc.get("department"), team=doc.get("team"), assignee=doc.get("assignee"), tier=doc.get("tier"),
        kind=_maybe(ComplaintKind, doc.get("kind")), category=_maybe(Category, doc.get("category")),
        priority=_maybe(Priority, doc.get("priority")), regime=_maybe(Regime, doc.get("regime")),
        model_version=doc.get("model_version"), needs_human_check=bool(doc.get("needs_human_check", False)),
        cause=doc.get("cause"), reason=doc.get("reason"), rerouted_at=doc.get("rerouted_at"),
        escalations=tuple(SeenEscalation(seen["id"], seen["cause"]) for seen in doc.get("escalations", [])),
        applied=tuple(doc.get(APPLIED, [])))
