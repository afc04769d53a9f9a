"""The actions a case offers its reader: what the lifecycle allows now and the reader's access permits, decided by
the same check every staff command passes (quality reads a case and files reports to a regulator, never resolves)."""

import pytest
from resolution.domain.access import CaseScope, Principal, Role, actions_for, decide_action
from resolution.domain.states import CaseAction, CaseState, allowed_actions

CASE = CaseScope(team="support-en-1", department="customer_support")
INVESTIGATING = allowed_actions(CaseState.INVESTIGATING)
A = CaseAction


def reader(*roles: Role, team: str = "support-en-1", department: str = "customer_support") -> Principal:
    return Principal(subject="emp-0042", roles=frozenset(roles), teams=frozenset({team}),
                     departments=frozenset({department}))


READERS = {
    "agent of the team": (reader(Role.AGENT), set(INVESTIGATING) - {A.REASSIGN}),
    "agent of another team": (reader(Role.AGENT, team="support-en-2"), set()),
    "supervisor of the department": (reader(Role.SUPERVISOR, team="none"), set(INVESTIGATING)),
    "supervisor of another department": (reader(Role.SUPERVISOR, team="none", department="billing"), set()),
    "quality": (reader(Role.QUALITY, team="quality-products", department="quality"), {A.FILE_REGULATORY_REPORT}),
    "legal in the team": (reader(Role.LEGAL), set(INVESTIGATING) - {A.REASSIGN}),
    "legal outside the team": (reader(Role.LEGAL, team="legal-team", department="legal"),
                               {A.FILE_REGULATORY_REPORT}),
    "admin": (reader(Role.ADMIN, team="none", department="none"), set(INVESTIGATING)),
    "no role": (reader(), set()),
}


@pytest.mark.parametrize("who", READERS)
def test_an_investigating_case_offers_each_reader_what_their_role_permits(who):
    principal, offered = READERS[who]

    assert set(actions_for(principal=principal, state=CaseState.INVESTIGATING, case=CASE)) == offered


@pytest.mark.parametrize("who", ["quality", "legal outside the team"])
def test_quality_and_legal_outside_the_team_are_not_offered_to_resolve_or_write_to_the_customer(who):
    principal, _ = READERS[who]

    offered = actions_for(principal=principal, state=CaseState.INVESTIGATING, case=CASE)

    assert not {A.RESOLVE, A.PROPOSE_RESOLUTION, A.REQUEST_INFORMATION, A.ADD_PUBLIC_NOTE, A.ESCALATE} & set(offered)


@pytest.mark.parametrize("state", list(CaseState))
@pytest.mark.parametrize("who", READERS)
def test_an_action_is_offered_exactly_when_the_lifecycle_allows_it_and_the_command_check_passes(who, state):
    principal, _ = READERS[who]

    offered = actions_for(principal=principal, state=state, case=CASE)

    assert offered == [action for action in CaseAction if action in offered]  # the lifecycle's order
    for action in CaseAction:
        permitted = decide_action(principal=principal, action=action, case=CASE).allowed
        assert (action in offered) is (action in allowed_actions(state) and permitted), action


def test_a_finished_case_offers_its_worker_a_reopening_and_not_a_resolution():
    offered = actions_for(principal=reader(Role.AGENT), state=CaseState.RESOLVED, case=CASE)

    assert A.REOPEN in offered and A.CLOSE in offered and A.RESOLVE not in offered
