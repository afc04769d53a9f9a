"""The work queue: which cases a filter selects, nearest deadline first (the store runs the same filter in Mongo)."""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from complaint_contracts.types import Category, ComplaintKind, Priority, Regime
from pydantic import BaseModel, ConfigDict, Field

from .access import CaseScope, VisibleScope
from .alerts import is_breached
from .case import Case
from .states import CaseState

PRIORITY_RANK = {Priority.CRITICAL: 0, Priority.HIGH: 1, Priority.MEDIUM: 2, Priority.LOW: 3}
NO_DEADLINE = datetime(9999, 12, 31, tzinfo=UTC)
"""Sort position of a case without deadlines: after every real one."""


class QueueFilter(BaseModel):
    """What the caller asks for; an empty list means any value."""

    model_config = ConfigDict(frozen=True)

    teams: list[str] = Field(default_factory=list, description="Owning teams")
    departments: list[str] = Field(default_factory=list, description="Owning departments")
    assignees: list[str] = Field(default_factory=list, description="Employee ids of the owners")
    states: list[CaseState] = Field(default_factory=list, description="Case states")
    priorities: list[Priority] = Field(default_factory=list, description="Priorities")
    regimes: list[Regime] = Field(default_factory=list, description="Regulatory regimes")
    categories: list[Category] = Field(default_factory=list, description="Categories")
    due_within: timedelta | None = Field(default=None, description="Only cases whose next deadline falls within it")
    due_before: datetime | None = Field(default=None, description="Only cases whose next deadline falls by then")
    breached: bool | None = Field(default=None, description="Only cases with (true) or without (false) a breach")
    unassigned: bool | None = Field(default=None, description="Only cases nobody (true) or somebody (false) owns")
    offset: int = Field(default=0, ge=0, description="Cases to skip (pagination)")
    limit: int = Field(default=50, ge=1, le=500, description="Most cases to return")

    def at(self, now: datetime) -> "QueueFilter":
        """The filter with `due_within` counted from now."""
        if self.due_within is None:
            return self
        return self.model_copy(update={"due_before": now + self.due_within, "due_within": None})

    def matches(self, case: Case) -> bool:
        """Tell whether the case satisfies every criterion given."""
        criteria = ((self.teams, case.team), (self.departments, case.department), (self.assignees, case.assignee),
                    (self.states, case.state), (self.priorities, case.priority), (self.regimes, case.regime),
                    (self.categories, case.category))
        if self.due_before is not None and (case.next_due_at is None or case.next_due_at > self.due_before):
            return False
        if self.breached is not None and is_breached(case) is not self.breached:
            return False
        if self.unassigned is not None and (case.assignee is None) is not self.unassigned:
            return False
        return all(not wanted or value in wanted for wanted, value in criteria)


# One line of the work queue (the API answers with it as it is, so it carries no docstring of its own).
class CaseSummary(BaseModel):
    complaint_id: str
    version: int
    state: CaseState
    team: str
    department: str
    assignee: str | None
    kind: ComplaintKind
    category: Category
    priority: Priority
    regime: Regime
    tier: int
    opened_at: datetime
    next_due_at: datetime | None

    @classmethod
    def of(cls, case: Case) -> "CaseSummary":
        return cls.model_validate(case, from_attributes=True)


def queue_order(case: Case | CaseSummary) -> tuple[datetime, int, datetime, str]:
    """Sort key: nearest deadline (cases without one last), then higher priority, then oldest, then by id (so
    that a page cursor names one place)."""
    return case.next_due_at or NO_DEADLINE, PRIORITY_RANK[case.priority], case.opened_at, case.complaint_id


def work_queue(*, cases: Iterable[Case], queue_filter: QueueFilter, scope: VisibleScope) -> list[Case]:
    """Select the cases the filter asks for within what the caller may see, nearest deadline first, one page."""
    selected = [case for case in cases
                if queue_filter.matches(case) and scope.covers(CaseScope(team=case.team, department=case.department))]
    selected.sort(key=queue_order)
    return selected[queue_filter.offset:queue_filter.offset + queue_filter.limit]
