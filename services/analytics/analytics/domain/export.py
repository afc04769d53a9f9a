"""The per-complaint export: one flat row per fact (facts hold no personal data, so neither does the export)."""

from collections.abc import Iterable
from datetime import UTC, datetime

from .facts import ComplaintFact

EXPORT_COLUMNS = ("complaint_id", "received_at", "channel", "product", "jurisdiction", "kind", "category", "priority",
                  "regime", "department", "acknowledged_at", "first_response_at", "resolved_at", "ended_at", "state",
                  "outcome", "root_cause", "reopen_count", "escalation_tier", "deadlines_breached", "satisfaction",
                  "redress_paid", "erased_at")


def export_row(fact: ComplaintFact) -> dict[str, object]:
    """Flatten one fact into the export columns."""
    paid: dict[str, object] = {}
    for payment in fact.payments.values():
        paid[payment.currency] = paid.get(payment.currency, 0) + payment.amount  # type: ignore[operator]
    return {
        "complaint_id": fact.complaint_id, "received_at": fact.received_at, "channel": fact.channel,
        "product": fact.product, "jurisdiction": fact.jurisdiction, "kind": fact.routing.kind if fact.routing else None,
        "category": fact.category, "priority": fact.priority, "regime": fact.regime, "department": fact.department,
        "acknowledged_at": fact.acknowledged_at, "first_response_at": fact.first_response_at,
        "resolved_at": fact.resolved_at, "ended_at": fact.ended_at(), "state": fact.state_at(),
        "outcome": fact.outcome, "root_cause": fact.root_cause.value if fact.root_cause else None,
        "reopen_count": fact.reopen_count, "escalation_tier": fact.escalation_tier,
        "deadlines_breached": ";".join(sorted(k for k, d in fact.deadlines.items() if d.breached_at is not None)),
        "satisfaction": fact.satisfaction,
        "redress_paid": ";".join(f"{currency} {amount}" for currency, amount in sorted(paid.items())),
        "erased_at": fact.erasure.at if fact.erasure else None,
    }


def export_rows(facts: Iterable[ComplaintFact]) -> list[dict[str, object]]:
    """One row per fact, by receipt then complaint id (complaints not received yet last): the same order whichever
    way the store found them."""
    never = datetime.max.replace(tzinfo=UTC)
    return [export_row(fact) for fact in sorted(facts, key=lambda f: (f.received_at or never, f.complaint_id))]
