"""The HTTP query parameters of the reports: which complaints, which format, and checks of a period."""

from datetime import UTC, datetime
from typing import Annotated, Literal

from complaint_contracts.types import AwareDatetime, Category, Channel, Priority, Regime
from complaints_chassis.problems import Problem
from fastapi import Depends, Query
from pydantic import AfterValidator

from ..domain.selection import FactFilter

EARLIEST = datetime(2, 1, 1, tzinfo=UTC)
LATEST = datetime(9999, 1, 1, tzinfo=UTC)
"""The moments a report can be asked about, [EARLIEST, LATEST) in UTC: a year inside the ends of Python's and
BSON's calendars, because reports shift moments into UTC, by weeks and by a microsecond, and a moment at the very
edge (year 1 with a positive offset, 9999 with a negative one) would overflow there and answer 500."""
RANGE = f"{EARLIEST.isoformat()[:10]} to before {LATEST.isoformat()[:10]} (UTC)"


def _reportable(value: datetime) -> datetime:
    try:
        inside = EARLIEST <= value.astimezone(UTC) < LATEST
    except OverflowError:  # its UTC form is not a date at all
        inside = False
    if not inside:
        raise ValueError(f"must be from {RANGE}")
    return value


ReportTime = Annotated[AwareDatetime, AfterValidator(_reportable)]
"""A moment a report is asked about: with its offset, within the range reports handle (else 422 naming it)."""

JURISDICTION = "^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$"
"""An ISO 3166-1 country (GB) or ISO 3166-2 subdivision (GB-SCT), as intake accepts it (any case here)."""

Format = Annotated[Literal["json", "csv"], Query(description="`csv` answers the table as text/csv")]
Dimension = Literal["channel", "category", "product", "department", "priority", "regime", "jurisdiction"]


def check_period(start: datetime | None, end: datetime | None, names: tuple[str, str]) -> None:
    """Refuse (422, naming the field) a period whose end is not after its start."""
    if start is not None and end is not None and start >= end:
        raise Problem(422, "Request is not valid", f"{names[1]} must be after {names[0]}",
                      type_="/problems/validation",
                      errors=[{"field": names[1], "in": "query", "reason": f"must be after {names[0]}"}])


async def selection(
    received_from: Annotated[ReportTime | None, Query(description=f"Received at or after (offset; {RANGE})")] = None,
    received_before: Annotated[ReportTime | None, Query(description=f"Received before (offset; {RANGE})")] = None,
    product: Annotated[str | None, Query(max_length=200)] = None,
    channel: Channel | None = None,
    jurisdiction: Annotated[str | None, Query(
        pattern=JURISDICTION, description="A country or a subdivision, with everything that lies in it (ISO 3166-2): "
                                          "GB selects GB, GB-ENG, GB-SCT, GB-EDH…; GB-SCT selects GB-SCT, "
                                          "GB-EDH…")] = None,
    category: Category | None = None,
    priority: Priority | None = None,
    regime: Regime | None = None,
    department: Annotated[str | None, Query(max_length=200)] = None,
) -> FactFilter:
    """The complaints a report covers, from the query string."""
    check_period(received_from, received_before, ("received_from", "received_before"))
    return FactFilter(received_from=received_from, received_before=received_before, product=product,
                      channel=channel, jurisdiction=jurisdiction.upper() if jurisdiction else None, category=category,
                      priority=priority, regime=regime, department=department)


Selection = Annotated[FactFilter, Depends(selection)]
