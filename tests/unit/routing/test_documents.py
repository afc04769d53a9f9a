from collections.abc import Callable
from datetime import UTC, datetime

from complaint_contracts.intake import ComplaintReceived
from complaints_calendar import CalendarBook
from routing.active_rules import RulesInForce
from routing.documents import facts_from_document, routed_fields
from routing.domain import decide
from routing.facts import facts_from_received
from routing.rule_set import RuleSet
from routing.teams_model import TeamDirectory
from routing.workload import AssignmentHistory, WorkloadSnapshot

NOW = datetime(2026, 3, 26, 10, 0, 5, tzinfo=UTC)


def test_decision_keeps_what_rerouting_needs_but_not_the_customers_words_or_contact(
        received: Callable[..., ComplaintReceived], rule_set: RuleSet, directory: TeamDirectory,
        calendars: CalendarBook) -> None:
    event = received(description="The agent Zhanna was rude, my lawyer will call.", about_team="support-en",
                     about_employee="emp-0002", product="current-account", channel="phone", language="ru")
    outcome = decide(event=event, rule_set=rule_set, directory=directory, workload=WorkloadSnapshot(),
                     history=AssignmentHistory(), calendars=calendars, now=NOW)
    force = RulesInForce(rules=rule_set, teams=directory, loaded_at=NOW, stamps=(0.0, 0.0))

    doc = routed_fields(event=event, outcome=outcome, force=force, now=NOW)

    kept = facts_from_document(doc)
    filed = facts_from_received(event=event)
    assert (kept.channel, kept.language, kept.jurisdiction, kept.product, kept.about_team, kept.about_employee) == (
        filed.channel, filed.language, filed.jurisdiction, filed.product, filed.about_team, filed.about_employee)
    assert kept.flags == {"legal_threat"}
    assert (doc["rules_version"], doc["teams_version"]) == (rule_set.version, directory.version)
    stored_text = repr(doc)
    assert "zhanna" not in stored_text.lower() and "alesia" not in stored_text.lower()
