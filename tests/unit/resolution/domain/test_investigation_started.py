"""Starting an investigation is announced with who started it and when; a restart after a rejection says so."""

import pytest
from resolution.domain.errors import IllegalTransition
from resolution.domain.lifecycle import start_investigation
from resolution.domain.states import CaseState

from tests.unit.resolution.builders import open_case_in, staff


def test_starting_the_investigation_names_the_agent_and_the_moment():
    case = open_case_in(CaseState.OPENED)

    [started] = start_investigation(case=case, acting=staff(26, by="emp-0077"))

    assert (started.complaint_id, started.by, started.started_at) == (case.complaint_id, "emp-0077", staff(26).at)
    assert started.time == staff(26).at
    assert started.restarted is False
    assert case.state is CaseState.INVESTIGATING


def test_investigating_again_after_a_rejected_proposal_is_a_restart():
    case = open_case_in(CaseState.REJECTED)

    [started] = start_investigation(case=case, acting=staff(30))

    assert started.restarted is True
    assert case.state is CaseState.INVESTIGATING


@pytest.mark.parametrize("state", [CaseState.INVESTIGATING, CaseState.AWAITING_CUSTOMER, CaseState.RESOLVED])
def test_no_start_is_announced_where_investigation_cannot_start(state):
    case = open_case_in(state)

    with pytest.raises(IllegalTransition):
        start_investigation(case=case, acting=staff(30))
