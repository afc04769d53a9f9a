"""What the use cases need from outside: the protocols the adapters (and the unit tests' fakes) fulfil."""

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from complaints_calendar import DataFileError

from .duplicates import ComplaintFingerprint
from .learning import AssessedText, KeptExample
from .records import DecisionChange, DecisionRecord, NewDecision
from .rulebook import RulesInForce, UnknownDepartments
from .triage import TriageModelRefused
from .workload import AssignmentHistory, WorkloadReport, WorkloadSnapshot

FileStamps = tuple[float, ...]
"""Modification times of the rules and teams files (and of the triage model's manifest, when one is used)."""

RULES_PROBLEMS = (DataFileError, UnknownDepartments, TriageModelRefused, OSError)
"""What a bad or unreadable rules or teams file, or a refused model artefact, raises."""


class RulesSource(Protocol):
    """The rule book in force, swapped whole when its files are read again."""

    @property
    def current(self) -> RulesInForce: ...

    def reload(self) -> RulesInForce:
        """Read the files again and put them in force; raise one of RULES_PROBLEMS and keep the old ones."""
        ...

    def edited(self) -> FileStamps | None:
        """The files' stamps when they differ from those of the rules in force, else None."""
        ...


class RoutingStore(Protocol):
    async def decisions(self, complaint_ids: Sequence[str]) -> dict[str, DecisionRecord]:
        """Kept decisions by complaint id (those that exist)."""
        ...

    async def insert_decisions(self, decisions: Sequence[NewDecision]) -> set[str]:
        """Keep first decisions with their events; return the ids that were already decided."""
        ...

    async def change_decisions(self, changes: Sequence[DecisionChange]) -> set[str]:
        """Apply re-routings in order with their events; return the ids of changes not written."""
        ...

    async def history(self) -> AssignmentHistory: ...
    async def save_history(self, history: AssignmentHistory) -> None: ...
    async def workload(self) -> WorkloadSnapshot: ...
    async def save_workload(self, reports: Sequence[WorkloadReport]) -> None: ...
    async def fingerprints(self, *, customer_keys: set[str], since: datetime) -> list[ComplaintFingerprint]: ...
    async def save_fingerprints(self, prints: Sequence[ComplaintFingerprint]) -> None: ...


class LearningStore(Protocol):
    """Assessed texts for the learning window, and the examples staff corrections make (both expire)."""

    async def save_assessed_texts(self, texts: Sequence[AssessedText]) -> None: ...
    async def assessed_texts(self, complaint_ids: Sequence[str]) -> dict[str, AssessedText]: ...

    async def keep_examples(self, examples: Sequence[KeptExample], *, now: datetime) -> None:
        """Keep each example once, by its correction's key."""
        ...

    async def kept_examples(self) -> list[KeptExample]: ...
