"""Corrective actions: open → in progress → implemented → verified effective / not effective; the owner works it,
quality verifies it; analytics' systemic issues arrive as open proposals with their complaints."""

from datetime import timedelta

import pytest
from complaint_contracts.analytics import SystemicIssueDetected
from complaint_contracts.types import Category
from resolution.domain.access import Principal, Role
from resolution.domain.case import Acting
from resolution.domain.corrective import (
    CapaScope,
    CapaStatus,
    action_raised,
    assign_action,
    move_action,
    proposed_by_analytics,
)
from resolution.domain.errors import AccessDenied, RuleViolation, TransitionRefused, VersionConflict

from tests.unit.resolution.builders import MONDAY_9AM

QUALITY = Principal(subject="emp-0100", roles=frozenset({Role.QUALITY}))
OWNER = Principal(subject="emp-0042", roles=frozenset({Role.AGENT}), teams=frozenset({"support-en-1"}))
SOMEONE = Principal(subject="emp-0077", roles=frozenset({Role.AGENT}))
S = CapaStatus


def raised(owner="emp-0042"):
    return action_raised(action_id="ca-1", complaint_ids=["c-1", "c-2"], acting=Acting(by="emp-0100", at=MONDAY_9AM),
                         root_cause="courier-handover", action="Change courier", owner=owner, preventive=False,
                         due_at=None, scope=CapaScope(category=Category.DELIVERY))


def test_the_owner_works_it_and_quality_verifies_it_each_step_in_the_history():
    action = raised()
    moves = [(OWNER, S.IN_PROGRESS), (OWNER, S.IMPLEMENTED), (QUALITY, S.VERIFIED_NOT_EFFECTIVE),
             (OWNER, S.IN_PROGRESS), (OWNER, S.IMPLEMENTED), (QUALITY, S.VERIFIED_EFFECTIVE)]

    for day, (who, status) in enumerate(moves, start=1):
        move_action(action, principal=who, at=MONDAY_9AM + timedelta(days=day), version=action.version, status=status)

    assert action.status is S.VERIFIED_EFFECTIVE and action.version == 1 + len(moves)
    assert action.implemented_at == MONDAY_9AM + timedelta(days=5)
    assert action.verified_at == MONDAY_9AM + timedelta(days=6)
    assert [h.change for h in action.history] == ["raised", "open -> in_progress", "in_progress -> implemented",
                                                  "implemented -> verified_not_effective",
                                                  "verified_not_effective -> in_progress",
                                                  "in_progress -> implemented", "implemented -> verified_effective"]


def test_only_quality_verifies_and_only_the_owner_or_quality_moves_it():
    action = raised()
    move_action(action, principal=OWNER, at=MONDAY_9AM, version=1, status=S.IN_PROGRESS)
    move_action(action, principal=OWNER, at=MONDAY_9AM, version=2, status=S.IMPLEMENTED)

    with pytest.raises(AccessDenied):
        move_action(action, principal=OWNER, at=MONDAY_9AM, version=3, status=S.VERIFIED_EFFECTIVE)
    with pytest.raises(AccessDenied):
        move_action(raised(), principal=SOMEONE, at=MONDAY_9AM, version=1, status=S.IN_PROGRESS)


def test_a_skipped_step_a_stale_version_and_work_without_an_owner_are_refused():
    with pytest.raises(TransitionRefused) as skipped:
        move_action(raised(), principal=QUALITY, at=MONDAY_9AM, version=1, status=S.IMPLEMENTED)
    with pytest.raises(VersionConflict):
        move_action(raised(), principal=QUALITY, at=MONDAY_9AM, version=7, status=S.IN_PROGRESS)
    proposal = proposed_by_analytics(_issue())
    with pytest.raises(RuleViolation, match="owner"):
        move_action(proposal, principal=QUALITY, at=MONDAY_9AM, version=1, status=S.IN_PROGRESS)

    assert skipped.value.allowed == ["in_progress"]


def test_an_action_analytics_proposes_keeps_what_it_detected_as_data():
    issue = _issue()
    detected = proposed_by_analytics(issue).detected
    assert detected is not None
    assert (detected.dimension, detected.value, detected.observed, detected.expected) == (
        issue.dimension, issue.value, issue.observed, issue.expected)
    assert (detected.window_start, detected.window_end) == (issue.window_start, issue.window_end)


def test_quality_assigns_an_owner_and_a_date():
    proposal = proposed_by_analytics(_issue())

    assign_action(proposal, principal=QUALITY, at=MONDAY_9AM, version=1, owner="ops-lead",
                  due_at=MONDAY_9AM + timedelta(days=30), note="ops owns couriers")

    assert (proposal.owner, proposal.due_at, proposal.version) == ("ops-lead", MONDAY_9AM + timedelta(days=30), 2)
    with pytest.raises(AccessDenied):
        assign_action(proposal, principal=OWNER, at=MONDAY_9AM, version=2, owner="emp-0042", due_at=None)


def _issue(dimension="category", value="delivery") -> SystemicIssueDetected:
    return SystemicIssueDetected(issue_id="iss-42", dimension=dimension, value=value, window_start=MONDAY_9AM,
                                 window_end=MONDAY_9AM + timedelta(days=7), observed=31, expected=9.5,
                                 test="Poisson upper tail, p < 0.001", complaint_ids=["c-1", "c-2", "c-1"],
                                 time=MONDAY_9AM + timedelta(days=7))


def test_a_systemic_issue_proposes_an_open_action_with_its_complaints_and_scope():
    by_category, by_product = proposed_by_analytics(_issue()), proposed_by_analytics(_issue("product", "router-x"))

    assert (by_category.action_id, by_category.status, by_category.owner) == ("ca-iss-42", S.OPEN, None)
    assert by_category.complaint_ids == ["c-1", "c-2"] and by_category.origin == "systemic_issue"
    assert by_category.scope == CapaScope(category=Category.DELIVERY)
    assert by_product.scope == CapaScope(product="router-x")
    assert "31" in by_category.action and "9.5" in by_category.action
