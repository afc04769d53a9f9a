"""Fixtures of the analytics unit tests: the builders of `builders.py`, and hand-computed facts."""

from types import SimpleNamespace

import pytest

from tests.unit.analytics.builders import (
    MONDAY,
    acknowledged,
    breached,
    closed,
    corrective_action,
    deadline,
    decided,
    feedback,
    five_complaints,
    full_story,
    info_requested,
    make_fact,
    paid,
    proposed,
    received,
    reopened,
    rerouted,
    resolved,
    routed,
)


@pytest.fixture(scope="session")
def story():
    """The event builders, as one namespace."""
    return SimpleNamespace(
        received=received, routed=routed, rerouted=rerouted, acknowledged=acknowledged, info_requested=info_requested,
        proposed=proposed, decided=decided, resolved=resolved, closed=closed, reopened=reopened, breached=breached,
        paid=paid, feedback=feedback, corrective_action=corrective_action, deadline=deadline, full=full_story,
        monday=MONDAY)


@pytest.fixture(scope="session")
def fact():
    """Build a fact directly (for KPI fixtures computed by hand)."""
    return make_fact


@pytest.fixture(scope="session")
def five():
    """The five hand-computed complaints, by letter."""
    return five_complaints()
