from collections.abc import Callable
from datetime import UTC, datetime

from complaint_contracts.intake import ComplaintReceived, EscalationRequested
from complaints_chassis.idempotency import APPLIED
from routing.adapters.documents import changed_fields, first_decision_fields, record_from_document
from routing.domain.escalation import escalate
from routing.domain.facts import facts_from_received
from routing.domain.outcomes import decide, first_record
from routing.domain.records import DecisionRecord
from routing.domain.rulebook import RuleBook
from routing.domain.workload import Staffing

NOW = datetime(2026, 3, 26, 10, 0, 5, tzinfo=UTC)


def stored(record: DecisionRecord) -> dict:
    """The document as the store inserts it (less the outbox)."""
    return {"_id": record.complaint_id, "version": record.version, APPLIED: [], **first_decision_fields(record)}


def test_decision_keeps_what_rerouting_needs_but_not_the_customers_words_or_contact(
        received: Callable[..., ComplaintReceived], book: RuleBook) -> None:
    event = received(description="The agent Zhanna was rude, my lawyer will call.", about_team="support-en",
                     about_employee="emp-0002", product="current-account", channel="phone", language="ru")
    outcome = decide(event=event, book=book, staffing=Staffing(), now=NOW)

    doc = stored(first_record(event=event, outcome=outcome, book=book, now=NOW))

    kept = record_from_document(doc).facts
    filed = facts_from_received(event=event)
    assert (kept.channel, kept.language, kept.jurisdiction, kept.product, kept.about_team, kept.about_employee) == (
        filed.channel, filed.language, filed.jurisdiction, filed.product, filed.about_team, filed.about_employee)
    assert kept.flags == {"legal_threat"}
    assert (doc["rules_version"], doc["teams_version"]) == (book.rules.version, book.teams.version)
    stored_text = repr(doc)
    assert "zhanna" not in stored_text.lower() and "alesia" not in stored_text.lower()


def test_a_routed_and_a_failed_decision_read_back_as_they_were_kept(decided: Callable[..., DecisionRecord]) -> None:
    routed = decided(description="My solicitor says you broke the law.")
    failed = decided(description="I will sue you.", about_team="legal-team", about_employee="emp-0800")

    assert record_from_document(stored(routed)) == routed
    assert record_from_document(stored(failed)) == failed
    assert {"cause", "reason"}.isdisjoint(stored(routed)) and "department" not in stored(failed)


def test_a_rerouting_sets_only_what_it_changed(decided: Callable[..., DecisionRecord], book: RuleBook) -> None:
    record = decided()
    request = EscalationRequested(complaint_id=record.complaint_id, reason="Hurry")
    change, _ = escalate(event=request, record=record, book=book, staffing=Staffing(), now=NOW)

    fields = changed_fields(change)
    doc = {**stored(record), **fields, "version": change.record.version, APPLIED: [request.dedupe_key]}

    assert fields["escalations"] == [{"id": str(request.id), "cause": None}]
    assert (fields["team"], fields["tier"], fields["rerouted_at"]) == ("support-senior", 2, NOW)
    assert record_from_document(doc) == change.record
