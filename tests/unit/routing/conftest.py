import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from complaint_contracts.intake import ComplaintReceived
from complaints_calendar import CalendarBook, load_calendars
from routing.adapters.rules_files import RULES_DIR, ActiveRules, load_rules, load_teams
from routing.adapters.triage_model import LinearTriageModel, load_triage_model
from routing.domain.facts import ComplaintFacts, facts_from_received
from routing.domain.outcomes import decide, first_record
from routing.domain.records import DecisionRecord
from routing.domain.rule_set import RuleSet
from routing.domain.rulebook import RuleBook
from routing.domain.teams import TeamDirectory
from routing.domain.workload import Staffing

RECEIVED_AT = datetime(2026, 3, 26, 10, 0, tzinfo=UTC)  # a Thursday in London, GMT
DECIDED_AT = datetime(2026, 3, 26, 10, 0, 5, tzinfo=UTC)


def make_received(**overrides: Any) -> ComplaintReceived:
    """A plain English complaint about a late parcel, with any field overridden."""
    customer = {"name": "Alesia Kuzmich", "email": "alesia@example.org", "vulnerable": False,
                **overrides.pop("customer", {})}
    fields: dict[str, Any] = {
        "complaint_id": "c-LATE-PARCEL-0001",
        "tracking_number": "CMP-7K3Q-9XWA-F",
        "received_at": RECEIVED_AT,
        "channel": "email",
        "customer": customer,
        "title": "Order 1042",
        "description": "My parcel was never delivered and the courier does not answer.",
        "jurisdiction": "GB",
        "language": "en",
    }
    return ComplaintReceived(**{**fields, **overrides})


@pytest.fixture(scope="session")
def rule_set() -> RuleSet:
    return load_rules()


@pytest.fixture(scope="session")
def directory() -> TeamDirectory:
    return load_teams()


@pytest.fixture(scope="session")
def calendars() -> CalendarBook:
    return load_calendars()


@pytest.fixture(scope="session")
def book(rule_set: RuleSet, directory: TeamDirectory, calendars: CalendarBook) -> RuleBook:
    return RuleBook(rules=rule_set, teams=directory, calendars=calendars)


@pytest.fixture(scope="session")
def model() -> LinearTriageModel:
    """The shipped triage model (its artefact checked against its manifest)."""
    return load_triage_model()


@pytest.fixture(scope="session")
def book_with_model(rule_set: RuleSet, directory: TeamDirectory, calendars: CalendarBook,
                    model: LinearTriageModel) -> RuleBook:
    """The packaged rules with the shipped model beside them, as routing runs by default."""
    return RuleBook(rules=rule_set, teams=directory, calendars=calendars, model=model)


@pytest.fixture(scope="session")
def received() -> Callable[..., ComplaintReceived]:
    return make_received


@pytest.fixture(scope="session")
def facts_of() -> Callable[..., ComplaintFacts]:
    return lambda **overrides: facts_from_received(event=make_received(**overrides))


@pytest.fixture(scope="session")
def decided(book: RuleBook) -> Callable[..., DecisionRecord]:
    """The kept first decision, made with the packaged rules, about a complaint with any field overridden."""
    def first_decision(**overrides: Any) -> DecisionRecord:
        event = make_received(**overrides)
        outcome = decide(event=event, book=book, staffing=Staffing(), now=DECIDED_AT)
        return first_record(event=event, outcome=outcome, book=book, now=DECIDED_AT)
    return first_decision


@pytest.fixture
def active_rules(tmp_path: Path, calendars: CalendarBook) -> ActiveRules:
    """The rules in force, read from editable copies of the packaged files; loaded at RECEIVED_AT."""
    for name in ("default.yaml", "teams.yaml"):
        shutil.copy(RULES_DIR / name, tmp_path / name)
    return ActiveRules(rules_file=tmp_path / "default.yaml", teams_file=tmp_path / "teams.yaml", calendars=calendars,
                       clock=lambda: RECEIVED_AT)
