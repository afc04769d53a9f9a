"""Use cases of analytics: project events into facts, answer reports, detect systemic issues, refresh business
metrics, and show the facts of a data subject's complaints (the replay is in replay.py). Entrypoints call only
these."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from complaint_contracts.base import Event
from complaint_contracts.intake import ComplaintRecordExpired
from complaint_contracts.types import Regime
from complaints_calendar import CalendarBook
from complaints_chassis.clock import Now
from complaints_chassis.consumer import PermanentError

from .domain import kpis, outcome_kpis
from .domain.correction_rates import CorrectionRow, correction_rates
from .domain.export import export_rows
from .domain.facts import ComplaintFact
from .domain.ports import FactStore, Metrics
from .domain.projections import CannotProject, batch_updates
from .domain.regulatory_return import RegulatoryReturn, regulatory_return
from .domain.selection import FactFilter
from .domain.systemic_issues import DetectionSettings, detect_systemic_issues
from .domain.transparency import TransparencyReport, transparency_report
from .gauge_keeper import GaugeKeeper


@dataclass
class AnalyticsService:
    store: FactStore
    clock: Now
    notify: Callable[[], None]
    """Wakes the outbox relay once new systemic-issue events are stored."""
    metrics: Metrics
    detection: DetectionSettings
    calendars: CalendarBook
    report_max_facts: int
    """Most facts one report may load; beyond that the store refuses (TooManyFacts) rather than exhaust memory."""
    transparency_min_count: int
    gauges: GaugeKeeper = field(init=False)
    """Keeps the business gauges from the facts as they change (from the store's change journal)."""

    def __post_init__(self) -> None:
        self.gauges = GaugeKeeper(store=self.store, changes=self.store.journal)

    async def project(self, events: Sequence[Event]) -> None:
        """Fold a run of events into the facts with one bulk write; an unreadable event is a permanent error."""
        try:
            updates = batch_updates(events)
        except CannotProject as exc:
            raise PermanentError(str(exc)) from exc
        await self.store.apply(updates)

    async def expire(self, expired: Sequence[ComplaintRecordExpired]) -> None:
        """Delete the facts of complaints whose record retention ended: reports and returns no longer count them
        (periods that old can no longer be reported), and the gauges let them go at their next refresh."""
        await self.store.delete(sorted({event.complaint_id for event in expired}))

    async def detect_systemic_issues(self) -> int:
        """Test the facts for abnormal rises; store the episodes and queue each new issue once. Return how many."""
        now = self.clock()
        state, version = await self.store.systemic_state()
        facts = await self.store.find(FactFilter(received_from=now - self.detection.window - self.detection.baseline,
                                                 received_before=now))
        detected, new_state = detect_systemic_issues(facts=facts, now=now, state=state, settings=self.detection)
        if not await self.store.save_systemic_state(new_state, version=version, evaluated_at=now, detected=detected):
            return 0  # another instance evaluated concurrently; its result stands
        for issue in detected:
            self.metrics.issue_detected(issue.dimension)
        if detected:
            self.notify()
        return len(detected)

    async def refresh_metrics(self) -> None:
        """Bring the business metrics up to date with the facts written since the previous round."""
        self.metrics.refresh(await self.gauges.refresh(self.clock()))

    # -- reports: load the selected facts (bounded), compute with the pure domain functions ------------------------

    async def _facts(self, selection: FactFilter) -> list[ComplaintFact]:
        return await self.store.find(selection, limit=self.report_max_facts)

    async def volume(self, *, selection: FactFilter, dimension: str,
                     granularity: kpis.Granularity) -> list[kpis.VolumeRow]:
        """Count complaints received per period and dimension value."""
        return kpis.volume(facts=await self._facts(selection), dimension=dimension, granularity=granularity)

    async def backlog(self, *, selection: FactFilter, as_of: datetime | None) -> list[kpis.BacklogRow]:
        """Count complaints open at a moment (default now) by age bucket and priority."""
        as_of = as_of or self.clock()
        return kpis.backlog(facts=await self._facts(selection.received_by(as_of)), as_of=as_of)

    async def timings(self, *, selection: FactFilter) -> list[kpis.TimingRow]:
        """Return p50/p90 time to each milestone per priority, for complaints received in the selection."""
        return kpis.time_to_milestones(facts=await self._facts(selection))

    async def compliance(self, *, selection: FactFilter, as_of: datetime | None) -> list[kpis.ComplianceRow]:
        """Return deadline compliance per clock as of a moment (default now)."""
        return kpis.deadline_compliance(facts=await self._facts(selection), as_of=as_of or self.clock())

    async def outcomes(self, *, selection: FactFilter) -> outcome_kpis.Outcomes:
        """Return reopen and upheld rates, satisfaction and redress totals of the selected complaints."""
        return outcome_kpis.outcome_summary(facts=await self._facts(selection))

    async def root_causes(self, *, selection: FactFilter) -> list[outcome_kpis.ParetoRow]:
        """Return the root-cause Pareto of the selected complaints."""
        return outcome_kpis.root_cause_pareto(facts=await self._facts(selection))

    async def corrections(self, *, routed_from: datetime | None, routed_before: datetime | None
                          ) -> list[CorrectionRow]:
        """Count how often staff corrected routing's assessment of the complaints routed in a period."""
        # Nothing is routed before it is received: the period's end bounds receipt too, which the receipt index serves.
        facts = await self._facts(FactFilter(received_before=routed_before, routed_from=routed_from,
                                             routed_before=routed_before))
        return correction_rates(facts=facts, start=routed_from, end=routed_before)

    async def complaints_return(self, *, regime: Regime, period_start: datetime, period_end: datetime,
                                jurisdiction: str | None) -> RegulatoryReturn:
        """Compute the regulatory return of a regime for [period_start, period_end), each complaint timed on its own
        jurisdiction's calendar, or every one on `jurisdiction`'s when given."""
        # Everything the return counts was received before the period ended; unrouted ones are reported apart.
        facts = await self._facts(FactFilter(received_before=period_end))
        return regulatory_return(facts=facts, regime=regime, period_start=period_start, period_end=period_end,
                                 calendars=self.calendars, jurisdiction=jurisdiction)

    async def transparency(self, *, period_start: datetime, period_end: datetime) -> TransparencyReport:
        """Build the public transparency report of a period."""
        facts = await self._facts(FactFilter(received_before=period_end))
        return transparency_report(facts=facts, period_start=period_start, period_end=period_end,
                                   min_count=self.transparency_min_count)

    async def fact_rows(self, *, selection: FactFilter) -> list[dict[str, object]]:
        """One flat row per complaint for export, by receipt (facts hold no personal data)."""
        return export_rows(await self._facts(selection))

    async def subject_facts(self, *, complaint_ids: Sequence[str]) -> dict[str, ComplaintFact]:
        """The facts of a data subject's complaints, for an access request (those that exist)."""
        return {fact.complaint_id: fact for fact in await self.store.of_complaints(complaint_ids)}
