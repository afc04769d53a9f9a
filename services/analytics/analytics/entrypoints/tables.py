"""Answering a table as JSON or as CSV (`?format=csv`), and the report errors that answer 422."""

import csv
import io
from collections.abc import Awaitable, Iterable, Mapping, Sequence
from datetime import datetime
from enum import Enum
from typing import Any, TypeVar

from complaints_calendar import CalendarNotCovered
from complaints_chassis.problems import Problem
from fastapi.responses import Response
from pydantic import BaseModel

from ..domain.regulatory_return import PeriodNotCovered
from ..domain.selection import TooManyFacts

T = TypeVar("T")
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {200: {"content": {CSV_MEDIA_TYPE: {}}}}


async def answer(report: Awaitable[T], *, period: tuple[str, str] = ("received_from", "received_before")) -> T:
    """Await a report; one too large to load, or outside the calendar's data, answers 422 instead, naming the
    query parameter (`period`: the names of the report's start and end) that would change the answer."""
    try:
        return await report
    except TooManyFacts as exc:
        raise Problem(422, "Report too large", str(exc), type_="/problems/report-too-large",
                      errors=[{"field": period[0], "in": "query", "reason": str(exc)}]) from None
    except CalendarNotCovered as exc:
        field = period[1] if isinstance(exc, PeriodNotCovered) and exc.at_end else period[0]
        raise Problem(422, "Period not covered by the business calendar", str(exc), type_="/problems/validation",
                      errors=[{"field": field, "in": "query", "reason": str(exc)}]) from None


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
    """The rows as they are (JSON), or as CSV with the model's fields as columns."""
    if fmt == "csv":
        return csv_response((row.model_dump() for row in rows), list(model.model_fields), filename)
    return rows
