"""HTTP API for dashboards, management, the regulator and the public: JSON, and CSV where the answer is a table.
Staff only, but for the public transparency report: see `access.py` for who may call what."""

from typing import Annotated, Any

from complaint_contracts.types import Regime
from fastapi import APIRouter, Query
from fastapi.responses import Response

from ..deps import Deps
from ..domain import kpis, outcome_kpis
from ..domain.correction_rates import CorrectionRow
from ..domain.export import EXPORT_COLUMNS
from ..domain.regulatory_return import RegulatoryReturn
from ..domain.transparency import TransparencyReport
from .access import RECORD_READERS, RECORD_REFUSALS, STAFF, STAFF_REFUSALS
from .schemas import JURISDICTION, RANGE, Dimension, Format, ReportTime, Selection, check_period
from .tables import CSV_RESPONSE, answer, csv_response, table

router = APIRouter(prefix="/v1", tags=["analytics"])
AsOf = Annotated[ReportTime | None, Query(description=f"The moment to report as of (default now; {RANGE})")]
PeriodStart = Annotated[ReportTime, Query(description=f"Start of the period, included ({RANGE})")]
PeriodEnd = Annotated[ReportTime, Query(description=f"End of the period, excluded ({RANGE})")]
RoutedFrom = Annotated[ReportTime | None, Query(alias="from", description=f"Routed at or after (offset; {RANGE})")]
RoutedBefore = Annotated[ReportTime | None, Query(alias="to", description=f"Routed before (offset; {RANGE})")]
RETURN_CALENDAR = ("Count every complaint on this jurisdiction's calendar (ISO 3166-1 or 3166-2; EU: TARGET2) "
                   "instead of its own. Without it each complaint counts on its own jurisdiction's calendar, the one "
                   "routing counted its deadlines on")
PERIOD = ("period_start", "period_end")
ROUTED = ("from", "to")
KPI_TABLE = CSV_RESPONSE | STAFF_REFUSALS


@router.get("/volume", response_model=list[kpis.VolumeRow], dependencies=STAFF, responses=KPI_TABLE,
            summary="Complaints received per period and dimension value")
async def volume(deps: Deps, scope: Selection, dimension: Dimension = "channel",
                 granularity: kpis.Granularity = "day", format: Format = "json") -> Any:
    rows = await answer(deps.service.volume(selection=scope, dimension=dimension, granularity=granularity))
    return table(rows, kpis.VolumeRow, format, "volume")


@router.get("/backlog", response_model=list[kpis.BacklogRow], dependencies=STAFF, responses=KPI_TABLE,
            summary="Open complaints by age bucket and priority")
async def backlog(deps: Deps, scope: Selection, as_of: AsOf = None, format: Format = "json") -> Any:
    rows = await answer(deps.service.backlog(selection=scope, as_of=as_of))
    return table(rows, kpis.BacklogRow, format, "backlog")


@router.get("/timings", response_model=list[kpis.TimingRow], dependencies=STAFF, responses=KPI_TABLE,
            summary="Time to acknowledge, first response and resolve: p50/p90 per priority")
async def timings(deps: Deps, scope: Selection, format: Format = "json") -> Any:
    rows = await answer(deps.service.timings(selection=scope))
    return table(rows, kpis.TimingRow, format, "timings")


@router.get("/compliance", response_model=list[kpis.ComplianceRow], dependencies=STAFF, responses=KPI_TABLE,
            summary="Service-SLA and regulatory deadline compliance")
async def compliance(deps: Deps, scope: Selection, as_of: AsOf = None, format: Format = "json") -> Any:
    rows = await answer(deps.service.compliance(selection=scope, as_of=as_of))
    return table(rows, kpis.ComplianceRow, format, "compliance")


@router.get("/outcomes", response_model=outcome_kpis.Outcomes, dependencies=STAFF, responses=STAFF_REFUSALS,
            summary="Reopen and upheld rates, satisfaction, redress totals")
async def outcomes(deps: Deps, scope: Selection) -> outcome_kpis.Outcomes:
    return await answer(deps.service.outcomes(selection=scope))


@router.get("/root-causes", response_model=list[outcome_kpis.ParetoRow], dependencies=STAFF, responses=KPI_TABLE,
            summary="Root-cause Pareto")
async def root_causes(deps: Deps, scope: Selection, format: Format = "json") -> Any:
    rows = await answer(deps.service.root_causes(selection=scope))
    return table(rows, outcome_kpis.ParetoRow, format, "root-causes")


@router.get("/triage/corrections", response_model=list[CorrectionRow], dependencies=STAFF, responses=KPI_TABLE,
            summary="How often staff corrected routing's assessment, per routing category and text language")
async def corrections(deps: Deps, routed_from: RoutedFrom = None, routed_before: RoutedBefore = None,
                      format: Format = "json") -> Any:
    check_period(routed_from, routed_before, ROUTED)
    rows = await answer(deps.service.corrections(routed_from=routed_from, routed_before=routed_before), period=ROUTED)
    return table(rows, CorrectionRow, format, "triage-corrections")


@router.get("/returns/{regime}", response_model=RegulatoryReturn, dependencies=RECORD_READERS,
            responses=RECORD_REFUSALS,
            summary="Regulatory complaints return of a regime for [period_start, period_end)")
async def complaints_return(
    deps: Deps, regime: Regime, period_start: PeriodStart, period_end: PeriodEnd,
    jurisdiction: Annotated[str | None, Query(pattern=JURISDICTION, description=RETURN_CALENDAR)] = None,
) -> RegulatoryReturn:
    check_period(period_start, period_end, PERIOD)
    return await answer(deps.service.complaints_return(
        regime=regime, period_start=period_start, period_end=period_end,
        jurisdiction=jurisdiction.upper() if jurisdiction else None), period=PERIOD)


@router.get("/transparency", response_model=TransparencyReport,
            summary="Public transparency report of a period (small counts suppressed; no token needed)")
async def transparency(deps: Deps, period_start: PeriodStart, period_end: PeriodEnd) -> TransparencyReport:
    check_period(period_start, period_end, PERIOD)
    return await answer(deps.service.transparency(period_start=period_start, period_end=period_end), period=PERIOD)


@router.get("/facts.csv", response_class=Response, dependencies=RECORD_READERS,
            responses=CSV_RESPONSE | RECORD_REFUSALS,
            summary="Per-complaint facts as CSV (no personal data: facts hold none)")
async def facts_csv(deps: Deps, scope: Selection) -> Response:
    rows = await answer(deps.service.fact_rows(selection=scope))
    return csv_response(rows, EXPORT_COLUMNS, "complaint-facts")
