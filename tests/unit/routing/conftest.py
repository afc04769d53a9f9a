from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from complaint_contracts.intake import ComplaintReceived
from complaints_calendar import CalendarBook, load_calendars
from routing.facts import ComplaintFacts, facts_from_received
from routing.rule_set import RuleSet, load_rules
from routing.teams_model import TeamDirectory, load_teams

RECEIVED_AT = datetime(2026, 3, 26, 10, 0, tzinfo=UTC)  # a Thursday in London, GMT


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
def received() -> Callable[..., ComplaintReceived]:
    return make_received


@pytest.fixture(scope="session")
def facts_of() -> Callable[..., ComplaintFacts]:
    return lambda **overrides: facts_from_received(event=make_received(**overrides))
