"""HTTP API for dashboards, management, the regulator and the public: JSON, and CSV where the answer is a table."""

import csv
import io
from collections.abc import Awaitable, Iterable, Mapping, Sequence
from datetime import datetime
from enum import Enum
from typing import Annotated, Any, Literal, TypeVar

from complaint_contracts.types import AwareDatetime, Category, Channel, Priority, Regime
from complaints_calendar import CalendarNotCovered
from complaints_chassis.problems import Problem
from complaints_chassis.runtime import deps_of
from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from pydantic import BaseModel

from . import kpis, outcome_kpis, reports
from .deps import AnalyticsDeps
from .regulatory_return import RegulatoryReturn
from .store import FactFilter, TooManyFacts
from .transparency import TransparencyReport

T = TypeVar("T")
router = APIRouter(prefix="/v1", tags=["analytics"])
Deps = Annotated[AnalyticsDeps, Depends(deps_of)]
Format = Annotated[Literal["json", "csv"], Query(description="`csv` answers the table as text/csv")]
Dimension = Literal["channel", "category", "product", "department", "priority", "regime", "jurisdiction"]
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {200: {"content": {CSV_MEDIA_TYPE: {}}}}


def selection(
    received_from: Annotated[AwareDatetime | None, Query(description="Received at or after (with offset)")] = None,
    received_before: Annotated[AwareDatetime | None, Query(description="Received before (with offset)")] = None,
    product: Annotated[str | None, Query(max_length=200)] = None,
    channel: Channel | None = None,
    jurisdiction: Annotated[str | None, Query(min_length=2, max_length=2, pattern="^[A-Za-z]{2}$")] = None,
    category: Category | None = None,
    priority: Priority | None = None,
    regime: Regime | None = None,
    department: Annotated[str | None, Query(max_length=200)] = None,
) -> FactFilter:
    """The complaints a report covers, from the query string."""
    _check_period(received_from, received_before, ("received_from", "received_before"))
    return FactFilter(received_from=received_from, received_before=received_before, product=product,
                      channel=channel, jurisdiction=jurisdiction.upper() if jurisdiction else None, category=category,
                      priority=priority, regime=regime, department=department)


Selection = Annotated[FactFilter, Depends(selection)]


def _check_period(start: datetime | None, end: datetime | None, names: tuple[str, str]) -> None:
    if start is not None and end is not None and start >= end:
        raise Problem(422, "Request is not valid", f"{names[1]} must be after {names[0]}",
                      type_="/problems/validation",
                      errors=[{"field": names[1], "in": "query", "reason": f"must be after {names[0]}"}])


def _too_many(exc: TooManyFacts) -> Problem:
    return Problem(422, "Report too large", str(exc), type_="/problems/report-too-large",
                   errors=[{"field": "received_from", "in": "query", "reason": str(exc)}])


async def _answer(report: Awaitable[T]) -> T:
    """Await a report; one too large to load, or outside the calendar's data, answers 422 instead."""
    try:
        return await report
    except TooManyFacts as exc:
        raise _too_many(exc) from None
    except CalendarNotCovered as exc:
        raise Problem(422, "Period not covered by the business calendar", str(exc), type_="/problems/validation",
                      errors=[{"field": "period_start", "in": "query", "reason": str(exc)}]) from None


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return "" if value is None else value


def csv_response(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], filename: str) -> Response:
    """Answer rows as CSV with a header line."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: _cell(value) for key, value in row.items()} for row in rows)
    return Response(out.getvalue(), media_type=CSV_MEDIA_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'})


def table(rows: Sequence[BaseModel], model: type[BaseModel], fmt: str, filename: str) -> Any:
    if fmt == "csv":
        return csv_response((row.model_dump() for row in rows), list(model.model_fields), filename)
    return rows


@router.get("/volume", response_model=list[kpis.VolumeRow], responses=CSV_RESPONSE,
            summary="Complaints received per period and dimension value")
async def volume(deps: Deps, scope: Selection, dimension: Dimension = "channel",
                 granularity: kpis.Granularity = "day", format: Format = "json") -> Any:
    rows = await _answer(reports.volume(store=deps.store, selection=scope, dimension=dimension,
                                        granularity=granularity, limit=deps.settings.report_max_facts))
    return table(rows, kpis.VolumeRow, format, "volume")


@router.get("/backlog", response_model=list[kpis.BacklogRow], responses=CSV_RESPONSE,
            summary="Open complaints by age bucket and priority")
async def backlog(deps: Deps, scope: Selection, as_of: AwareDatetime | None = None, format: Format = "json") -> Any:
    rows = await _answer(reports.backlog(store=deps.store, selection=scope, as_of=as_of or deps.service.clock(),
                                         limit=deps.settings.report_max_facts))
    return table(rows, kpis.BacklogRow, format, "backlog")


@router.get("/timings", response_model=list[kpis.TimingRow], responses=CSV_RESPONSE,
            summary="Time to acknowledge, first response and resolve: p50/p90 per priority")
async def timings(deps: Deps, scope: Selection, format: Format = "json") -> Any:
    rows = await _answer(reports.timings(store=deps.store, selection=scope, limit=deps.settings.report_max_facts))
    return table(rows, kpis.TimingRow, format, "timings")


@router.get("/compliance", response_model=list[kpis.ComplianceRow], responses=CSV_RESPONSE,
            summary="Service-SLA and regulatory deadline compliance")
async def compliance(deps: Deps, scope: Selection, as_of: AwareDatetime | None = None,
                     format: Format = "json") -> Any:
    rows = await _answer(reports.compliance(store=deps.store, selection=scope, as_of=as_of or deps.service.clock(),
                                            limit=deps.settings.report_max_facts))
    return table(rows, kpis.ComplianceRow, format, "compliance")


@router.get("/outcomes", response_model=reports.Outcomes,
            summary="Reopen and upheld rates, satisfaction, redress totals")
async def outcomes(deps: Deps, scope: Selection) -> reports.Outcomes:
    return await _answer(reports.outcomes(store=deps.store, selection=scope, limit=deps.settings.report_max_facts))


@router.get("/root-causes", response_model=list[outcome_kpis.ParetoRow], responses=CSV_RESPONSE,
            summary="Root-cause Pareto")
async def root_causes(deps: Deps, scope: Selection, format: Format = "json") -> Any:
    rows = await _answer(reports.root_causes(store=deps.store, selection=scope, limit=deps.settings.report_max_facts))
    return table(rows, outcome_kpis.ParetoRow, format, "root-causes")


@router.get("/returns/{regime}", response_model=RegulatoryReturn,
            summary="Regulatory complaints return of a regime for [period_start, period_end)")
async def complaints_return(
    deps: Deps, regime: Regime, period_start: AwareDatetime, period_end: AwareDatetime,
    jurisdiction: Annotated[str | None, Query(pattern="^[A-Za-z]{2}$", description="Calendar to count in")] = None,
) -> RegulatoryReturn:
    _check_period(period_start, period_end, ("period_start", "period_end"))
    return await _answer(reports.complaints_return(store=deps.store, calendars=deps.calendars, regime=regime,
                                                   period_start=period_start, period_end=period_end,
                                                   jurisdiction=jurisdiction, limit=deps.settings.report_max_facts))


@router.get("/transparency", response_model=TransparencyReport,
            summary="Public transparency report of a period (small counts suppressed)")
async def transparency(deps: Deps, period_start: AwareDatetime, period_end: AwareDatetime) -> TransparencyReport:
    _check_period(period_start, period_end, ("period_start", "period_end"))
    return await _answer(reports.transparency(store=deps.store, period_start=period_start, period_end=period_end,
                                              min_count=deps.settings.transparency_min_count,
                                              limit=deps.settings.report_max_facts))


@router.get("/facts.csv", response_class=Response, responses=CSV_RESPONSE,
            summary="Per-complaint facts as CSV (no personal data: facts hold none)")
async def facts_csv(deps: Deps, scope: Selection) -> Response:
    rows = await _answer(reports.fact_rows(store=deps.store, selection=scope, limit=deps.settings.report_max_facts))
    return csv_response(rows, reports.EXPORT_COLUMNS, "complaint-facts")
