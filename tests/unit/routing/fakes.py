"""In-memory stand-ins for routing's ports, so the use cases run in unit tests without a database or files."""

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from complaint_contracts.base import Event
from prometheus_client import CollectorRegistry
from routing.adapters.metrics import RoutingMetrics
from routing.domain.duplicates import ComplaintFingerprint
from routing.domain.learning import AssessedText, KeptExample
from routing.domain.ports import FileStamps, RulesSource
from routing.domain.records import DecisionChange, DecisionRecord, NewDecision
from routing.domain.rulebook import RuleBook, RulesInForce
from routing.domain.workload import AssignmentHistory, WorkloadKey, WorkloadReport, WorkloadSnapshot
from routing.service import RoutingService

from tests.support.caused import PublishedWithTheWrite

LOADED_AT = datetime(2026, 3, 26, 9, 0, tzinfo=UTC)


class FakeRoutingStore:
    """The `RoutingStore` in memory; `published` lists the events of every decision written, in order."""

    def __init__(self) -> None:
        self.records: dict[str, DecisionRecord] = {}
        self.published: list[Event] = []
        self.last_assignee: dict[str, str] = {}
        self.reports: dict[WorkloadKey, WorkloadReport] = {}
        self.prints: dict[str, ComplaintFingerprint] = {}
        self.changed_elsewhere: set[str] = set()
        """Complaints another instance re-routes just before the next `change_decisions` (a lost race)."""

    async def decisions(self, complaint_ids: Sequence[str]) -> dict[str, DecisionRecord]:
        return {cid: self.records[cid] for cid in complaint_ids if cid in self.records}

    async def insert_decisions(self, decisions: Sequence[NewDecision]) -> set[str]:
        already = set()
        for decision in decisions:
            complaint_id = decision.record.complaint_id
            if complaint_id in self.records:
                already.add(complaint_id)
                continue
            self.records[complaint_id] = decision.record
            self.published.extend(decision.events)
        return already

    async def change_decisions(self, changes: Sequence[DecisionChange]) -> set[str]:
        for complaint_id in self.changed_elsewhere:
            self.records[complaint_id] = replace(self.records[complaint_id],
                                                 version=self.records[complaint_id].version + 1)
        self.changed_elsewhere = set()
        lost = set()
        for change in changes:
            complaint_id = change.record.complaint_id
            stored = self.records.get(complaint_id)
            if stored is None or change.cause.dedupe_key in stored.applied:
                continue
            if stored.version != change.expected_version:
                lost.add(complaint_id)
                continue
            self.records[complaint_id] = change.record
            self.published.extend(change.events)
        return lost

    async def history(self) -> AssignmentHistory:
        return AssignmentHistory(last_assignee=dict(self.last_assignee))

    async def save_history(self, history: AssignmentHistory) -> None:
        self.last_assignee.update(history.last_assignee)

    async def workload(self) -> WorkloadSnapshot:
        return WorkloadSnapshot(open_cases={key: report.open_cases for key, report in self.reports.items()})

    async def save_workload(self, reports: Sequence[WorkloadReport]) -> None:
        for report in reports:
            key = (report.team, report.assignee)
            if key not in self.reports or self.reports[key].order < report.order:
                self.reports[key] = report

    async def fingerprints(self, *, customer_keys: set[str], since: datetime) -> list[ComplaintFingerprint]:
        return [p for p in self.prints.values() if p.customer_keys & customer_keys and p.received_at >= since]

    async def save_fingerprints(self, prints: Sequence[ComplaintFingerprint]) -> None:
        for fingerprint in prints:
            self.prints.setdefault(fingerprint.complaint_id, fingerprint)


class FakeLearningStore:
    """The `LearningStore` in memory (expiry is the Mongo TTL monitor's job, so nothing expires here)."""

    def __init__(self) -> None:
        self.texts: dict[str, AssessedText] = {}
        self.examples: dict[str, KeptExample] = {}

    async def save_assessed_texts(self, texts: Sequence[AssessedText]) -> None:
        for text in texts:
            self.texts.setdefault(text.complaint_id, text)

    async def assessed_texts(self, complaint_ids: Sequence[str]) -> dict[str, AssessedText]:
        return {cid: self.texts[cid] for cid in complaint_ids if cid in self.texts}

    async def keep_examples(self, examples: Sequence[KeptExample], *, now: datetime) -> None:
        for example in examples:
            self.examples.setdefault(example.key, example)

    async def kept_examples(self) -> list[KeptExample]:
        return sorted(self.examples.values(), key=lambda example: example.corrected_at)


class FakeRules:
    """A `RulesSource` without files: `on_disk` stands for the files' stamps, `next_read` for what they hold."""

    def __init__(self, book: RuleBook) -> None:
        self.current = RulesInForce(book=book, loaded_at=LOADED_AT, rules_file="default.yaml",
                                    teams_file="teams.yaml")
        self.stamps: FileStamps = (1.0, 1.0)
        self.on_disk: FileStamps = self.stamps
        self.next_read: RuleBook | Exception = book
        self.reads = 0

    def reload(self) -> RulesInForce:
        self.reads += 1
        if isinstance(self.next_read, Exception):
            raise self.next_read
        self.current = replace(self.current, book=self.next_read)
        self.stamps = self.on_disk
        return self.current

    def edited(self) -> FileStamps | None:
        return None if self.on_disk == self.stamps else self.on_disk


def make_service(*, store: FakeRoutingStore, rules: RulesSource, registry: CollectorRegistry,
                 now: datetime = LOADED_AT, learning: FakeLearningStore | None = None,
                 decided: PublishedWithTheWrite | None = None) -> RoutingService:
    """The service over fakes, at a fixed time, its metrics in `registry`."""
    return RoutingService(store=store, learning=learning or FakeLearningStore(), rules=rules, clock=lambda: now,
                          notify=lambda: None, decided=decided or PublishedWithTheWrite(),
                          metrics=RoutingMetrics(registry), fingerprint_key=b"unit-test-fingerprint-key")
