"""Fixtures of the resolution tests (the builders themselves live in builders.py)."""

from collections.abc import Callable

import pytest
from complaints_calendar import BusinessCalendar, load_calendars
from resolution.case import Case

from tests.unit.resolution.builders import ALWAYS_OPEN, open_case_in


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
