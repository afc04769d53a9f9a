from collections.abc import Callable

import pytest
from routing.escalation import reroute_for_escalation
from routing.facts import ComplaintFacts
from routing.teams_model import TeamDirectory
from routing.workload import AssignmentHistory, WorkloadSnapshot


@pytest.mark.parametrize(("current_team", "target_tier", "about", "team", "assignee", "tier"), [
    ("support-en", None, {}, "support-senior", "emp-0021", 2),                 # next tier of the department
    ("support-en", 2, {}, "support-senior", "emp-0021", 2),                    # the tier asked for
    ("legal-team", None, {}, "legal-team", "emp-0500", 2),                     # no tier 2 in legal: supervisor
    ("quality-products", 3, {}, "quality-products", "emp-0400", 3),
    ("legal-team", None, {"about_employee": "emp-0500"}, "complaints-review", "emp-0071", 2),  # supervisor recused
    ("compliance-uk", None, {}, "complaints-review", "emp-0071", 2),
    ("support-en", None, {"about_team": "support-senior"}, "support-en", "emp-0100", 2),
])
def test_escalation_moves_up_a_tier_or_to_the_supervisor(facts_of: Callable[..., ComplaintFacts],
                                                         directory: TeamDirectory, current_team: str,
                                                         target_tier: int | None, about: dict[str, str], team: str,
                                                         assignee: str, tier: int) -> None:
    decision = reroute_for_escalation(facts=facts_of(**about), current_team=current_team, current_tier=1,
                                      target_tier=target_tier, reason="deadline breached", directory=directory,
                                      workload=WorkloadSnapshot(), history=AssignmentHistory())
    assert (decision.team, decision.assignee, decision.tier) == (team, assignee, tier)
    assert decision.previous_team == current_team
    assert f"escalation: deadline breached → tier {tier} of {directory.team(current_team).department}" in decision.trace
