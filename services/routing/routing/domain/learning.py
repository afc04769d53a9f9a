"""Learning from staff: a correction of routing's assessment, joined with the text it was made on, becomes a kept
example the next model is trained on (`complaints triage retrain`).

Routing keeps the assessed text only for a learning window (a TTL in the store); a correction arriving after it is
counted and dropped, because nothing can be learnt from labels without their text.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from complaint_contracts.intake import ComplaintReceived
from complaint_contracts.types import Category, ComplaintKind, Language, Priority, Regime

CORRECTABLE = ("kind", "category", "priority", "department")


@dataclass(frozen=True)
class AssessedText:
    """A complaint's text with what routing decided about it, kept for the learning window."""

    complaint_id: str
    text: str
    language: Language
    jurisdiction: str
    product: str | None
    received_at: datetime
    kind: ComplaintKind
    category: Category
    priority: Priority
    department: str
    regime: Regime
    model_version: str | None


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Correction:
    """Who corrected which fields of a complaint's assessment, when and why."""

    key: str
    """Dedupe key of the correction event (source#id): a redelivery keeps nothing twice."""
    complaint_id: str
    changes: tuple[Change, ...]
    reason: str
    by: str
    at: datetime


@dataclass(frozen=True)
class KeptExample:
    """A text labelled by a person: routing's assessment with the person's corrections applied."""

    key: str
    complaint_id: str
    text: str
    language: Language
    jurisdiction: str
    product: str | None
    kind: ComplaintKind
    category: Category
    priority: Priority
    department: str
    regime: Regime
    corrected: tuple[str, ...]
    by: str
    reason: str
    corrected_at: datetime


class ChangeLike(Protocol):
    @property
    def field(self) -> str: ...
    @property
    def old(self) -> str: ...
    @property
    def new(self) -> str: ...


class CorrectionEvent(Protocol):
    """The shape of resolution's `AssessmentCorrected` event that routing reads."""

    @property
    def complaint_id(self) -> str: ...
    @property
    def dedupe_key(self) -> str: ...
    @property
    def changes(self) -> Sequence[ChangeLike]: ...
    @property
    def reason(self) -> str: ...
    @property
    def corrected_by(self) -> str: ...
    @property
    def time(self) -> datetime: ...


def correction_of(event: CorrectionEvent) -> Correction:
    """The correction an `AssessmentCorrected` event carries."""
    return Correction(key=event.dedupe_key, complaint_id=event.complaint_id, reason=event.reason, by=event.corrected_by,
                      at=event.time, changes=tuple(Change(str(c.field), str(c.old), str(c.new)) for c in event.changes))


def assessed_text(*, event: ComplaintReceived, kind: ComplaintKind, category: Category, priority: Priority,
                  department: str, regime: Regime, model_version: str | None) -> AssessedText:
    """What is kept of a routed complaint to learn from a later correction."""
    return AssessedText(complaint_id=event.complaint_id, text=f"{event.title}\n{event.description}",
                        language=event.language, jurisdiction=event.jurisdiction, product=event.product,
                        received_at=event.received_at, kind=kind, category=category, priority=priority,
                        department=department, regime=regime, model_version=model_version)


def kept_example(*, assessed: AssessedText, correction: Correction, departments: set[str]) -> KeptExample:
    """The assessment with the correction applied; ValueError if a change names an unknown field or value."""
    new = {change.field: change.new for change in correction.changes}
    unknown = sorted(set(new) - set(CORRECTABLE))
    if unknown:
        raise ValueError(f"{', '.join(unknown)} cannot be corrected (only {', '.join(CORRECTABLE)})")
    department = new.get("department", assessed.department)
    if department not in departments:
        raise ValueError(f"department {department} is not one the rules know")
    return KeptExample(
        key=correction.key, complaint_id=assessed.complaint_id, text=assessed.text, language=assessed.language,
        jurisdiction=assessed.jurisdiction, product=assessed.product,
        kind=ComplaintKind(new.get("kind", assessed.kind)), category=Category(new.get("category", assessed.category)),
        priority=Priority(new.get("priority", assessed.priority)), department=department, regime=assessed.regime,
        corrected=tuple(change.field for change in correction.changes), by=correction.by, reason=correction.reason,
        corrected_at=correction.at)
