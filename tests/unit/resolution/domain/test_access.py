"""Agents work their team's cases, supervisors their department's; quality reaches across cases for corrective work."""

import pytest
from resolution.domain.access import (
    CaseScope,
    Permission,
    Principal,
    Role,
    decide_access,
    decide_action,
    visible_scope,
)
from resolution.domain.states import CaseAction

OWN_CASE = CaseScope(team="support-en-1", department="customer_support")
OTHER_TEAM_SAME_DEPARTMENT = CaseScope(team="support-en-2", department="customer_support")
OTHER_DEPARTMENT = CaseScope(team="billing-1", department="billing")


def principal(*roles: Role) -> Principal:
    return Principal(subject="emp-0042", roles=frozenset(roles), teams=frozenset({"support-en-1"}),
                     departments=frozenset({"customer_support"}))


V, W, R, C = Permission.VIEW, Permission.WORK, Permission.REASSIGN, Permission.RAISE_CORRECTIVE_ACTION
TABLE = [
    (Role.AGENT, V, OWN_CASE, True), (Role.AGENT, W, OWN_CASE, True),
    (Role.AGENT, V, OTHER_TEAM_SAME_DEPARTMENT, False), (Role.AGENT, W, OTHER_DEPARTMENT, False),
    (Role.AGENT, R, OWN_CASE, False), (Role.AGENT, C, OWN_CASE, False),
    (Role.SUPERVISOR, W, OTHER_TEAM_SAME_DEPARTMENT, True), (Role.SUPERVISOR, R, OTHER_TEAM_SAME_DEPARTMENT, True),
    (Role.SUPERVISOR, V, OTHER_DEPARTMENT, False), (Role.SUPERVISOR, C, OWN_CASE, False),
    (Role.QUALITY, V, OTHER_DEPARTMENT, True), (Role.QUALITY, C, OTHER_DEPARTMENT, True),
    (Role.QUALITY, W, OWN_CASE, False),
    (Role.LEGAL, V, OTHER_DEPARTMENT, True), (Role.LEGAL, W, OWN_CASE, True), (Role.LEGAL, W, OTHER_DEPARTMENT, False),
    (Role.ADMIN, W, OTHER_DEPARTMENT, True), (Role.ADMIN, R, OTHER_DEPARTMENT, True),
    (Role.ADMIN, C, OTHER_DEPARTMENT, True),
]


@pytest.mark.parametrize(("role", "permission", "case", "allowed"), TABLE,
                         ids=[f"{r}-{p}-{c.team}" for r, p, c, _ in TABLE])
def test_role_permission_and_case_decide_access(role, permission, case, allowed):
    decision = decide_access(principal=principal(role), permission=permission, case=case)

    assert decision.allowed is allowed
    assert str(role) in decision.reason


def test_a_denial_says_who_may_not_do_what_where():
    decision = decide_access(principal=principal(Role.AGENT), permission=W, case=OTHER_DEPARTMENT)

    assert decision.reason == "agent may not work cases of team billing-1 in department billing"


def test_any_of_several_roles_may_grant_access():
    decision = decide_access(principal=principal(Role.AGENT, Role.QUALITY), permission=V, case=OTHER_DEPARTMENT)

    assert decision.allowed and decision.reason == "quality may view any case"


def test_a_principal_without_roles_is_denied():
    assert not decide_access(principal=principal(), permission=V, case=OWN_CASE).allowed


def test_raising_a_corrective_action_needs_no_single_case():
    assert decide_access(principal=principal(Role.QUALITY), permission=C).allowed
    assert not decide_access(principal=principal(Role.AGENT), permission=C).allowed


@pytest.mark.parametrize(("action", "allowed"), [(CaseAction.RESOLVE, True), (CaseAction.REASSIGN, False)])
def test_lifecycle_actions_map_to_permissions(action, allowed):
    assert decide_action(principal=principal(Role.AGENT), action=action, case=OWN_CASE).allowed is allowed


@pytest.mark.parametrize(("roles", "everything", "teams", "departments"), [
    ((Role.AGENT,), False, {"support-en-1"}, set()),
    ((Role.SUPERVISOR,), False, set(), {"customer_support"}),
    ((Role.AGENT, Role.SUPERVISOR), False, {"support-en-1"}, {"customer_support"}),
    ((Role.QUALITY,), True, set(), set()),
    ((), False, set(), set()),
])
def test_the_visible_scope_follows_the_view_grants(roles, everything, teams, departments):
    scope = visible_scope(principal=principal(*roles))

    assert (scope.everything, scope.teams, scope.departments) == (everything, teams, departments)


@pytest.mark.parametrize(("role", "case", "allowed"), [
    (Role.AGENT, OWN_CASE, True), (Role.AGENT, OTHER_TEAM_SAME_DEPARTMENT, False),
    (Role.SUPERVISOR, OTHER_TEAM_SAME_DEPARTMENT, True), (Role.SUPERVISOR, OTHER_DEPARTMENT, False),
    (Role.QUALITY, OTHER_DEPARTMENT, True), (Role.LEGAL, OTHER_DEPARTMENT, True), (Role.ADMIN, OTHER_DEPARTMENT, True),
])
def test_the_case_workers_and_quality_legal_and_admin_file_reports_to_a_regulator(role, case, allowed):
    decision = decide_action(principal=principal(role), action=CaseAction.FILE_REGULATORY_REPORT, case=case)

    assert decision.allowed is allowed
