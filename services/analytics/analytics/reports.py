"""Report use cases: select facts in the store, compute with the pure KPI functions.

Each report loads the facts it needs (filtered and indexed by receipt time and dimensions) and computes in
memory, bounded by `report_max_facts`; beyond that the store refuses rather than exhaust memory.
"""

from datetime import datetime, timedelta

from complaint_contracts.types import Regime
from complaints_calendar import CalendarBook, CalendarNotCovered
from pydantic import BaseModel

from . import kpis, outcome_kpis
from .facts import ComplaintFact
from .regulatory_return import RegulatoryReturn, regulatory_return
from .store import FactFilter, FactStore
from .transparency import TransparencyReport, transparency_report

REGIME_CALENDARS: dict[Regime, str] = {
    Regime.UK_FCA_DISP: "GB", Regime.UK_PSD: "GB", Regime.EU_PSD2: "EU", Regime.US_CFPB: "US",
    Regime.US_FDA_MDR: "US",
}
"""Whose business days a regime's return counts in, unless the caller names a jurisdiction."""


class Outcomes(BaseModel):
    reopen_rate: outcome_kpis.Rate
    upheld_rate: outcome_kpis.Rate
    satisfaction: outcome_kpis.SatisfactionSummary
    redress: list[outcome_kpis.RedressTotal]


async def _facts(store: FactStore, selection: FactFilter, limit: int) -> list[ComplaintFact]:
    return await store.find(selection, limit=limit)


async def volume(*, store: FactStore, selection: FactFilter, dimension: str, granularity: kpis.Granularity,
                 limit: int) -> list[kpis.VolumeRow]:
    """Count complaints received per period and dimension value."""
    return kpis.volume(facts=await _facts(store, selection, limit), dimension=dimension, granularity=granularity)


async def backlog(*, store: FactStore, selection: FactFilter, as_of: datetime, limit: int) -> list[kpis.BacklogRow]:
    """Count complaints open at a moment by age bucket and priority."""
    received_before = min(filter(None, (selection.received_before, as_of)))
    scoped = FactFilter(**{**selection.__dict__, "received_before": received_before})
    return kpis.backlog(facts=await _facts(store, scoped, limit), as_of=as_of)


async def timings(*, store: FactStore, selection: FactFilter, limit: int) -> list[kpis.TimingRow]:
    """Return p50/p90 time to each milestone per priority, for complaints received in the selection."""
    return kpis.time_to_milestones(facts=await _facts(store, selection, limit))


async def compliance(*, store: FactStore, selection: FactFilter, as_of: datetime,
                     limit: int) -> list[kpis.ComplianceRow]:
    """Return deadline compliance per clock as of a moment."""
    return kpis.deadline_compliance(facts=await _facts(store, selection, limit), as_of=as_of)


async def outcomes(*, store: FactStore, selection: FactFilter, limit: int) -> Outcomes:
    """Return reopen and upheld rates, satisfaction and redress totals of the selected complaints."""
    facts = await _facts(store, selection, limit)
    return Outcomes(reopen_rate=outcome_kpis.reopen_rate(facts=facts),
                    upheld_rate=outcome_kpis.upheld_rate(facts=facts),
                    satisfaction=outcome_kpis.satisfaction(facts=facts),
                    redress=outcome_kpis.redress_totals(facts=facts))


async def root_causes(*, store: FactStore, selection: FactFilter, limit: int) -> list[outcome_kpis.ParetoRow]:
    """Return the root-cause Pareto of the selected complaints."""
    return outcome_kpis.root_cause_pareto(facts=await _facts(store, selection, limit))


async def complaints_return(*, store: FactStore, calendars: CalendarBook, regime: Regime, period_start: datetime,
                            period_end: datetime, jurisdiction: str | None, limit: int) -> RegulatoryReturn:
    """Compute the regulatory return of a regime for [period_start, period_end)."""
    # Everything the return counts was received before the period ended; unrouted ones are reported apart.
    facts = await _facts(store, FactFilter(received_before=period_end), limit)
    calendar = calendars.for_jurisdiction(jurisdiction or REGIME_CALENDARS.get(regime, calendars.default_code))
    uncovered = sorted({period_start.year, (period_end - timedelta(microseconds=1)).year} - calendar.covered_years)
    if uncovered:
        raise CalendarNotCovered(f"the {calendar.code} calendar has no holidays for {uncovered[0]}")
    return regulatory_return(facts=facts, regime=regime, period_start=period_start, period_end=period_end,
                             calendar=calendar)


async def transparency(*, store: FactStore, period_start: datetime, period_end: datetime, min_count: int,
                       limit: int) -> TransparencyReport:
    """Build the public transparency report of a period."""
    facts = await _facts(store, FactFilter(received_before=period_end), limit)
    return transparency_report(facts=facts, period_start=period_start, period_end=period_end, min_count=min_count)


async def fact_rows(*, store: FactStore, selection: FactFilter, limit: int) -> list[dict[str, object]]:
    """One flat row per complaint for export (facts hold no personal data)."""
    return [export_row(fact) for fact in await _facts(store, selection, limit)]


EXPORT_COLUMNS = ("complaint_id", "received_at", "channel", "product", "jurisdiction", "kind", "category", "priority",
                  "regime", "department", "acknowledged_at", "first_response_at", "resolved_at", "ended_at", "state",
                  "outcome", "root_cause", "reopen_count", "escalation_tier", "deadlines_breached", "satisfaction",
                  "redress_paid")


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
    }
