"""Did the corrective action work? Complaints of the same category and/or product received since it was implemented
(recurrences) against the same stretch of time just before it; quality decides with the numbers in hand."""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import NamedTuple

from pydantic import BaseModel

from .case import Case
from .complaint import ComplaintDetails
from .corrective import CapaScope, CorrectiveAction
from .errors import RuleViolation

PER_DAYS = 30
"""Rates are given per this many days."""


class Windows(NamedTuple):
    before_start: datetime
    implemented_at: datetime
    until: datetime


class Effectiveness(BaseModel):
    action_id: str
    scope: CapaScope
    implemented_at: datetime
    measured_until: datetime
    days_after: float
    before: int
    """Complaints in scope in the same number of days before implementation."""
    recurrences: int
    """Complaints in scope received since implementation."""
    fewer: bool
    summary: str


def measuring_windows(action: CorrectiveAction, *, now: datetime) -> Windows:
    """The stretch since implementation and the same stretch before it; refused before implementation or without
    a scope to count in."""
    if action.implemented_at is None:
        raise RuleViolation(f"the action is {action.status}: recurrences are counted once it is implemented")
    if action.scope.category is None and action.scope.product is None:
        raise RuleViolation("the action names no category or product to count recurrences in")
    length = max(now - action.implemented_at, timedelta(0))
    return Windows(action.implemented_at - length, action.implemented_at, now)


def effectiveness(action: CorrectiveAction, *, windows: Windows, before: int, recurrences: int) -> Effectiveness:
    """The check's result, with a sentence to read."""
    days = (windows.until - windows.implemented_at).total_seconds() / 86400
    fewer = recurrences < before
    rate = f"{recurrences * PER_DAYS / days:.1f} per {PER_DAYS} days" if days > 0 else "no time measured yet"
    summary = (f"{recurrences} complaint(s) in scope in the {days:.0f} day(s) since implementation ({rate}), "
               f"against {before} in the same time before: {'fewer' if fewer else 'not fewer'}")
    return Effectiveness(action_id=action.action_id, scope=action.scope, implemented_at=windows.implemented_at,
                         measured_until=windows.until, days_after=round(days, 2), before=before,
                         recurrences=recurrences, fewer=fewer, summary=summary)


def common_scope(*, cases: Iterable[Case], details: Iterable[ComplaintDetails]) -> CapaScope:
    """The category and product every linked complaint shares (none where they differ)."""
    categories = {c.category for c in cases}
    products = {d.product for d in details}
    return CapaScope(category=categories.pop() if len(categories) == 1 else None,
                     product=products.pop() if len(products) == 1 else None)
