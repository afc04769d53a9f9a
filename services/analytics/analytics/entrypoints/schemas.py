"""The HTTP query parameters of the reports: which complaints, which format, and checks of a period."""

from datetime import datetime
from typing import Annotated, Literal

from complaint_contracts.types import AwareDatetime, Category, Channel, Priority, Regime
from complaints_chassis.problems import Problem
from fastapi import Depends, Query

from ..domain.selection import FactFilter

Format = Annotated[Literal["json", "csv"], Query(description="`csv` answers the table as text/csv")]
Dimension = Literal["channel", "category", "product", "department", "priority", "regime", "jurisdiction"]


def check_period(start: datetime | None, end: datetime | None, names: tuple[str, str]) -> None:
    """Refuse (422, naming the field) a period whose end is not after its start."""
    if start is not None and end is not None and start >= end:
        raise Problem(422, "Request is not valid", f"{names[1]} must be after {names[0]}",
                      type_="/problems/validation",
                      errors=[{"field": names[1], "in": "query", "reason": f"must be after {names[0]}"}])


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
    check_period(received_from, received_before, ("received_from", "received_before"))
    return FactFilter(received_from=received_from, received_before=received_before, product=product,
                      channel=channel, jurisdiction=jurisdiction.upper() if jurisdiction else None, category=category,
                      priority=priority, regime=regime, department=department)


Selection = Annotated[FactFilter, Depends(selection)]
