"""How decisions are kept: the outcome's fields in the decision document, and the facts re-routing needs.

The complaint's text and the customer's contact details are not kept (personal data routing does not need
after the first decision); duplicates are found through keyed hashes instead (see duplicates.py).
"""

from datetime import datetime
from typing import Any

from complaint_contracts.intake import ComplaintReceived
from complaint_contracts.types import Channel, Language

from .active_rules import RulesInForce
from .domain import RoutingFailure, RoutingOutcome
from .facts import ComplaintFacts, facts_from_received

FACT_FIELDS = ("channel", "language", "jurisdiction", "product", "tier", "vulnerable", "about_team",
               "about_employee")


def routed_fields(*, event: ComplaintReceived, outcome: RoutingOutcome | RoutingFailure, force: RulesInForce,
                  now: datetime) -> dict[str, Any]:
    """The decision document of a first decision (routed or failed)."""
    facts = facts_from_received(event=event)
    fields: dict[str, Any] = {
        "received_event": event.dedupe_key, "received_at": event.received_at, "decided_at": now,
        "rules_version": force.rules.version, "teams_version": force.teams.version,
        "facts": {name: _plain(getattr(facts, name)) for name in FACT_FIELDS},
    }
    if isinstance(outcome, RoutingFailure):
        return {**fields, "status": "failed", "cause": outcome.cause, "reason": outcome.failed.reason,
                "rules_fired": outcome.failed.rules_fired}
    routed = outcome.routed
    return {
        **fields, "status": "routed", "department": routed.department, "team": routed.team,
        "assignee": routed.assignee, "tier": outcome.assignment.tier, "kind": routed.kind.value,
        "category": routed.category.value, "priority": routed.priority.value, "regime": routed.regime.value,
        "flags": routed.flags, "rules_fired": routed.rules_fired,
    }


def _plain(value: Any) -> Any:
    return value.value if hasattr(value, "value") else value


def facts_from_document(doc: dict[str, Any]) -> ComplaintFacts:
    """The facts re-routing needs (who it is about, language, country, product) from a decision document."""
    stored = dict(doc["facts"])
    return ComplaintFacts(text="", **{**stored, "channel": Channel(stored["channel"]),
                                      "language": Language(stored["language"])},
                          flags=frozenset(doc.get("flags", [])))
