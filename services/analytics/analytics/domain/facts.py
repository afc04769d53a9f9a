"""The per-complaint fact: what analytics knows about one complaint, without personal data.

The stored document (built by `projections`) validates straight into `ComplaintFact`; everything derived, such
as the state at a moment or the current resolution, is computed here so every report agrees on it.
"""

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from complaint_contracts.types import (
    AwareDatetime,
    Category,
    Channel,
    Clock,
    ComplaintKind,
    Decision,
    Language,
    Outcome,
    Priority,
    Regime,
    RemedyKind,
)
from pydantic import BaseModel, ConfigDict, Field, model_validator

MarkKind = Literal["resolved", "withdrawn", "closed", "reopened"]
_TIE_ORDER: dict[str, int] = {"resolved": 0, "withdrawn": 1, "closed": 2, "reopened": 3}
"""Marks at the same instant sort this way, so the state does not depend on arrival order."""


class State(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    CLOSED = "closed"


class Register(BaseModel):
    """A latest-wins value: `at`, then `event_id`, decide which write survives."""

    model_config = ConfigDict(frozen=True, extra="ignore")
    at: AwareDatetime
    event_id: str


class Routing(Register):
    kind: ComplaintKind
    category: Category
    priority: Priority
    regime: Regime
    text_language: Language | None = Field(default=None, description="Language the text is written in, when "
                                                                      "routing's check was sure")


class Assignment(Register):
    department: str
    team: str


CorrectableField = Literal["kind", "category", "priority", "department"]
CORRECTABLE_FIELDS: tuple[CorrectableField, ...] = ("kind", "category", "priority", "department")


class CorrectedAssessment(Register):
    """The assessment as staff last corrected it."""

    kind: ComplaintKind
    category: Category
    priority: Priority
    department: str


class AssessmentCorrection(BaseModel):
    """Staff corrections of routing's assessment (never why: that is staff free text). Routing's own assessment
    stays in `routing`, so the category a complaint was corrected away from is kept beside the corrected one."""

    model_config = ConfigDict(frozen=True)
    first_at: AwareDatetime
    fields: dict[CorrectableField, AwareDatetime] = Field(description="When each corrected field was first changed")
    latest: CorrectedAssessment


class Resolution(Register):
    outcome: Outcome


class TextValue(Register):
    value: str


class Erasure(Register):
    """The first erasure of the complaint's personal data (`at`: when the keys were destroyed)."""

    reason: Literal["request", "retention"]
    erasure_id: str


class Feedback(Register):
    satisfaction: int = Field(ge=1, le=5)


class CustomerDecision(Register):
    decision: Decision


class LifecycleMark(BaseModel):
    model_config = ConfigDict(frozen=True)
    kind: MarkKind
    at: AwareDatetime


class DeadlineFact(BaseModel):
    model_config = ConfigDict(frozen=True)
    name: str
    clock: Clock
    due_at: AwareDatetime | None = Field(default=None, description="As routing set it, or as last revised")
    routed_due_at: AwareDatetime | None = Field(
        default=None, description="As routing set it, counted from receipt (a revision after a reopening counts from "
                                  "the reopening)")
    breached_at: AwareDatetime | None = None
    met_at: AwareDatetime | None = Field(
        default=None, description="When a report to the regulator met it (the only way FDA MDR deadlines are met)")

    @model_validator(mode="before")
    @classmethod
    def _latest_revision(cls, data: Any) -> Any:
        """The due time the latest revision gave (`revised`: the register of `CaseDeadlinesChanged`), if any, beside
        the one routing gave."""
        if isinstance(data, dict) and "routed_due_at" not in data:
            data = {**data, "routed_due_at": data.get("due_at")}
        if isinstance(data, dict) and isinstance(data.get("revised"), dict):
            data = {**data, "due_at": data["revised"]["due_at"]}
        return data


class MoneyLine(BaseModel):
    model_config = ConfigDict(frozen=True)
    kind: RemedyKind
    amount: Decimal
    currency: str


class Offer(BaseModel):
    model_config = ConfigDict(frozen=True)
    at: AwareDatetime
    lines: list[MoneyLine] = Field(default_factory=list)


class Payment(MoneyLine):
    at: AwareDatetime
    proposal_id: str


class ComplaintFact(BaseModel):
    """One complaint as analytics sees it; every field optional because events arrive in any order."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    complaint_id: str
    received_at: AwareDatetime | None = None
    channel: Channel | None = None
    product: str | None = None
    jurisdiction: str | None = None
    customer_tier: str | None = None
    language: Language | None = Field(default=None, description="The language the customer asked answers in")
    routing: Routing | None = None
    assignment: Assignment | None = None
    deadlines: dict[str, DeadlineFact] = Field(default_factory=dict)
    acknowledged_at: AwareDatetime | None = None
    first_response_at: AwareDatetime | None = None
    case_opened_at: AwareDatetime | None = None
    escalation_requested_at: AwareDatetime | None = None
    escalation_tier: int = 1
    lifecycle: dict[str, LifecycleMark] = Field(default_factory=dict)
    resolution: Resolution | None = None
    root_cause: TextValue | None = None
    closure: TextValue | None = None
    offers: dict[str, Offer] = Field(default_factory=dict)
    decisions: dict[str, CustomerDecision] = Field(default_factory=dict)
    payments: dict[str, Payment] = Field(default_factory=dict)
    feedback: Feedback | None = None
    systemic_issues: dict[str, bool] = Field(default_factory=dict)
    correction: AssessmentCorrection | None = None
    erasure: Erasure | None = Field(
        default=None, description="Whether and when its personal data was erased elsewhere; the fact never held any, "
                                  "so nothing in it changes but this")

    @property
    def category(self) -> Category | None:
        return self.routing.category if self.routing else None

    @property
    def priority(self) -> Priority | None:
        return self.routing.priority if self.routing else None

    @property
    def regime(self) -> Regime | None:
        return self.routing.regime if self.routing else None

    @property
    def text_language(self) -> Language | None:
        """The language routing read the text in: as its check detected, else the one the customer declared."""
        return (self.routing.text_language if self.routing else None) or self.language

    @property
    def department(self) -> str | None:
        return self.assignment.department if self.assignment else None

    @property
    def outcome(self) -> Outcome | None:
        return self.resolution.outcome if self.resolution else None

    @property
    def satisfaction(self) -> int | None:
        return self.feedback.satisfaction if self.feedback else None

    def _marks(self, before: datetime | None = None) -> list[LifecycleMark]:
        marks = [m for m in self.lifecycle.values() if before is None or m.at < before]
        return sorted(marks, key=lambda m: (m.at, _TIE_ORDER[m.kind]))

    def state_at(self, moment: datetime | None = None) -> State:
        """State just before `moment` (or now, from every mark known)."""
        state = State.OPEN
        for mark in self._marks(moment):
            state = {"resolved": State.RESOLVED, "reopened": State.OPEN}.get(mark.kind, State.CLOSED)
        return state

    def is_open_at(self, moment: datetime) -> bool:
        """Whether the complaint was received and still open just before `moment`."""
        return self.received_at is not None and self.received_at < moment and self.state_at(moment) is State.OPEN

    def ended_at(self, moment: datetime | None = None) -> datetime | None:
        """When the complaint last left the open state (final response, withdrawal or closure), if it has."""
        ended: datetime | None = None
        for mark in self._marks(moment):
            if mark.kind == "reopened":
                ended = None
            elif ended is None:
                ended = mark.at
        return ended

    @property
    def resolved_at(self) -> datetime | None:
        """When the final response that stands was issued (None if never resolved or reopened since)."""
        resolved: datetime | None = None
        for mark in self._marks():
            if mark.kind == "reopened":
                resolved = None
            elif mark.kind == "resolved" and resolved is None:
                resolved = mark.at
        return resolved

    @property
    def ever_resolved(self) -> bool:
        return any(mark.kind == "resolved" for mark in self.lifecycle.values())

    @property
    def reopen_count(self) -> int:
        return sum(mark.kind == "reopened" for mark in self.lifecycle.values())
