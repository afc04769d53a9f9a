from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from complaint_contracts.intake import EscalationRequested
from complaint_contracts.resolution import CaseEscalated
from complaint_contracts.routing import ComplaintRerouted, ComplaintRoutingFailed
from routing.domain.escalation import Escalation, escalate, escalation_of, reroute_for_escalation
from routing.domain.facts import ComplaintFacts
from routing.domain.records import DecisionRecord, SeenEscalation
from routing.domain.rulebook import RuleBook
from routing.domain.teams import TeamDirectory
from routing.domain.workload import Staffing


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
                                      escalation=Escalation(target_tier, "deadline breached", "breach"),
                                      directory=directory, staffing=Staffing())
    assert (decision.team, decision.assignee, decision.tier) == (team, assignee, tier)
    assert decision.previous_team == current_team
    assert f"escalation: deadline breached → tier {tier} of {directory.team(current_team).department}" in decision.trace


NOW = datetime(2026, 3, 27, 9, 0, tzinfo=UTC)


def test_case_escalation_reroutes_with_the_staff_reason(decided: Callable[..., DecisionRecord],
                                                       book: RuleBook) -> None:
    record = decided()
    escalated = CaseEscalated(complaint_id=record.complaint_id, tier=2, trigger="breach",
                              reason="first response deadline passed", by="system")
    change, staffing = escalate(event=escalated, record=record, book=book, staffing=Staffing(), now=NOW)
    [rerouted] = change.events
    assert isinstance(rerouted, ComplaintRerouted)
    assert record.team == "support-en"
    assert (rerouted.team, rerouted.previous_team, rerouted.tier) == ("support-senior", "support-en", 2)
    assert rerouted.reason == "case escalated (breach): first response deadline passed"
    assert rerouted.causation_id == str(escalated.id)
    assert staffing.history.last_assignee == {"support-senior": rerouted.assignee}
    kept = change.record
    assert (kept.team, kept.tier, kept.version, kept.rerouted_at, change.expected_version) == (
        "support-senior", 2, 2, NOW, 1)
    assert kept.applied == (escalated.dedupe_key,)
    assert kept.escalations == (SeenEscalation(str(escalated.id), None),)
    assert escalation_of(escalated).trigger == "breach"


def test_customer_escalation_request_keeps_the_customers_words_out(decided: Callable[..., DecisionRecord],
                                                                   book: RuleBook) -> None:
    record = decided()
    request = EscalationRequested(complaint_id=record.complaint_id, reason="Nobody helps me, my name is Alesia")
    change, _ = escalate(event=request, record=record, book=book, staffing=Staffing(), now=NOW)
    [rerouted] = change.events
    assert isinstance(rerouted, ComplaintRerouted)
    assert rerouted.tier == 2
    assert rerouted.reason == "the customer asked for the complaint to be escalated"
    assert not any("Alesia" in line for line in [rerouted.reason, *rerouted.rules_fired])
    assert escalation_of(request).trigger == "customer_request"


def test_a_failed_routing_escalates_from_the_fallback_team(decided: Callable[..., DecisionRecord],
                                                          book: RuleBook) -> None:
    record = decided(received_at=datetime(2100, 3, 25, 10, 0, tzinfo=UTC))  # no holiday data: routing failed
    request = EscalationRequested(complaint_id=record.complaint_id, reason="Hurry")
    change, _ = escalate(event=request, record=record, book=book, staffing=Staffing(), now=NOW)
    [rerouted] = change.events
    assert (record.status, record.team) == ("failed", None)
    assert isinstance(rerouted, ComplaintRerouted)
    assert rerouted.previous_team == book.teams.fallback_team
    assert change.record.status == "routed"


def test_an_escalation_no_one_impartial_can_take_is_kept_as_a_failure(decided: Callable[..., DecisionRecord],
                                                                      book: RuleBook) -> None:
    record = decided(description="I will sue you.", about_team="legal-team", about_employee="emp-0800")
    request = EscalationRequested(complaint_id=record.complaint_id, reason="Hurry")
    change, staffing = escalate(event=request, record=record, book=book, staffing=Staffing(), now=NOW)
    [failed] = change.events
    assert isinstance(failed, ComplaintRoutingFailed)
    assert failed.reason.startswith("escalation could not be re-routed, no impartial team: ")
    assert change.failure == failed.reason
    assert (change.record.version, change.record.applied, change.record.team) == (2, (request.dedupe_key,), None)
    assert staffing == Staffing()
