"""Fixtures of the resolution tests (the builders themselves live in builders.py, the fake store in fakes.py)."""

import itertools
from collections.abc import Callable

import pytest
from complaints_calendar import BusinessCalendar, load_calendars
from prometheus_client import CollectorRegistry
from resolution.adapters.metrics import ResolutionMetrics
from resolution.adapters.template_files import load_template_sets
from resolution.domain.case import Case
from resolution.domain.policy import CasePolicy
from resolution.service import ResolutionService

from tests.support.caused import PublishedWithTheWrite
from tests.unit.resolution.builders import ALWAYS_OPEN, MONDAY_9AM, OneCalendar, open_case_in
from tests.unit.resolution.fake_records import FakeComplaintRecords, FakeCorrectiveActions, FakeExportLog
from tests.unit.resolution.fakes import FakeCaseStore, FakeWorkloadCounters, FixedClock


@pytest.fixture(scope="session")
def always_open() -> BusinessCalendar:
    """A calendar in which every second is working time."""
    return ALWAYS_OPEN


@pytest.fixture(scope="session")
def gb_calendar() -> BusinessCalendar:
    """England's business calendar: 09:00-17:30 Monday to Friday, bank holidays off."""
    return load_calendars().for_jurisdiction("GB")


@pytest.fixture
def make_case() -> Callable[..., Case]:
    """Build a case in the state asked for (see builders.open_case_in)."""
    return open_case_in


@pytest.fixture
def store() -> FakeCaseStore:
    return FakeCaseStore()


@pytest.fixture
def workloads(store: FakeCaseStore) -> FakeWorkloadCounters:
    """The open-case counts; their announcements land in `store.published` with the cases' events."""
    return FakeWorkloadCounters(store.published)


@pytest.fixture
def open_case_counts() -> FakeWorkloadCounters:
    """The open cases per (state, priority) for the operations gauge (announced to nobody)."""
    return FakeWorkloadCounters([], announces=False)


@pytest.fixture
def records() -> FakeComplaintRecords:
    return FakeComplaintRecords()


@pytest.fixture
def actions() -> FakeCorrectiveActions:
    return FakeCorrectiveActions()


@pytest.fixture
def exports() -> FakeExportLog:
    return FakeExportLog()


@pytest.fixture
def clock() -> FixedClock:
    """Monday 9 am until a test moves it."""
    return FixedClock(MONDAY_9AM)


@pytest.fixture
def registry() -> CollectorRegistry:
    return CollectorRegistry()


@pytest.fixture
def service(store: FakeCaseStore, workloads: FakeWorkloadCounters, open_case_counts: FakeWorkloadCounters,
            records: FakeComplaintRecords,
            actions: FakeCorrectiveActions, exports: FakeExportLog, clock: FixedClock,
            registry: CollectorRegistry) -> ResolutionService:
    """The use cases over the fake stores, on a round-the-clock calendar, with predictable ids (`n-1`, `p-2`, …)."""
    ids = itertools.count(1)
    return ResolutionService(store=store, workloads=workloads, open_case_counts=open_case_counts, records=records,
                             actions=actions, exports=exports,
                             clock=clock, calendars=OneCalendar(ALWAYS_OPEN), policy=CasePolicy(), notify=lambda: None,
                             opened=PublishedWithTheWrite(),
                             metrics=ResolutionMetrics(registry), templates=load_template_sets(),
                             new_id=lambda prefix: f"{prefix}-{next(ids)}")
