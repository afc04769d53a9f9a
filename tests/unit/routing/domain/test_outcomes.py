from collections.abc import Callable
from datetime import UTC, datetime

from complaint_contracts.intake import ComplaintReceived
from complaint_contracts.types import Category, Clock, ComplaintKind, Priority, Regime
from routing.domain.duplicates import DuplicateMatch
from routing.domain.outcomes import RoutingFailure, RoutingOutcome, assess_and_route, decide, duplicate_events
from routing.domain.rulebook import RuleBook
from routing.domain.workload import Staffing

NOW = datetime(2026, 3, 26, 10, 0, 5, tzinfo=UTC)


def test_regulated_billing_complaint_is_routed_to_compliance_with_both_clocks(
        received: Callable[..., ComplaintReceived], book: RuleBook) -> None:
    event = received(description="You charged me twice and I will complain to the ombudsman.",
                     product="current-account")
    outcome = assess_and_route(event=event, book=book, staffing=Staffing(), now=NOW)
    routed = outcome.routed
    assert (routed.kind, routed.category, routed.priority, routed.regime) == (
        ComplaintKind.COMPLAINT, Category.BILLING, Priority.HIGH, Regime.UK_PSD)
    assert (routed.department, routed.team, routed.assignee) == ("compliance", "compliance-uk", "emp-0051")
    assert routed.rules_version == book.rules.version
    assert routed.time == NOW
    assert routed.causation_id == str(event.id)
    assert routed.correlation_id == event.complaint_id
    assert {deadline.clock for deadline in routed.deadlines} == {Clock.SERVICE, Clock.REGULATORY}
    assert "final_response_exceptional" in {deadline.name for deadline in routed.deadlines}
    assert "compliance-owns-regulated: Complaints under a regulatory regime go to compliance (regime is uk_psd) " \
           "→ department compliance" in routed.rules_fired
    assert outcome.assessment.facts.flags == {"regulator_mention"}
    assert outcome.staffing.history.last_assignee == {"compliance-uk": "emp-0051"}


def test_next_complaint_to_a_round_robin_team_goes_to_the_next_person(
        received: Callable[..., ComplaintReceived], book: RuleBook) -> None:
    staffing = Staffing()
    assignees = []
    for number in range(3):
        event = received(complaint_id=f"c-TOASTER-{number:04d}", description="The toaster is broken.")
        outcome = assess_and_route(event=event, book=book, staffing=staffing, now=NOW)
        staffing = outcome.staffing
        assignees.append(outcome.routed.assignee)
    assert assignees == ["emp-0031", "emp-0032", "emp-0033"]


def test_enquiry_gets_only_service_deadlines(received: Callable[..., ComplaintReceived], book: RuleBook) -> None:
    event = received(description="How can I open a second account?", product="current-account")
    routed = assess_and_route(event=event, book=book, staffing=Staffing(), now=NOW).routed
    assert routed.kind is ComplaintKind.ENQUIRY
    assert {deadline.clock for deadline in routed.deadlines} == {Clock.SERVICE}


def test_each_possible_duplicate_becomes_a_linked_event(received: Callable[..., ComplaintReceived]) -> None:
    event = received()
    matches = [DuplicateMatch("c-EARLIER-0001", 0.93, "same customer (e-mail)"),
               DuplicateMatch("c-EARLIER-0002", 0.85, "same customer (phone)")]
    events = duplicate_events(event=event, matches=matches, now=NOW)
    assert [(e.complaint_id, e.duplicate_of, e.similarity) for e in events] == [
        (event.complaint_id, "c-EARLIER-0001", 0.93), (event.complaint_id, "c-EARLIER-0002", 0.85)]
    assert all(e.causation_id == str(event.id) for e in events)


def test_routed_complaint_carries_its_receipt_time_and_flags(received: Callable[..., ComplaintReceived],
                                                              book: RuleBook) -> None:
    event = received(description="My solicitor says you broke the law.", customer={"vulnerable": True})
    outcome = decide(event=event, book=book, staffing=Staffing(), now=NOW)
    assert isinstance(outcome, RoutingOutcome)
    assert outcome.routed.received_at == event.received_at
    assert outcome.routed.flags == ["legal_threat", "vulnerable"]


def test_complaint_no_team_can_take_impartially_becomes_a_failure_event_with_the_trace(
        received: Callable[..., ComplaintReceived], book: RuleBook) -> None:
    event = received(description="I will sue you.", about_team="legal-team", about_employee="emp-0800")
    outcome = decide(event=event, book=book, staffing=Staffing(), now=NOW)
    assert isinstance(outcome, RoutingFailure)
    assert outcome.cause == "no_impartial_team"
    assert outcome.failed.reason.startswith("no impartial team: every team that could take it")
    assert outcome.failed.causation_id == str(event.id)
    assert outcome.failed.rules_version == book.rules.version
    assert any(line.startswith("legal-threat:") for line in outcome.failed.rules_fired)


def test_complaint_in_a_year_without_holiday_data_becomes_a_failure_event(
        received: Callable[..., ComplaintReceived], book: RuleBook) -> None:
    event = received(received_at=datetime(2100, 3, 25, 10, 0, tzinfo=UTC))
    outcome = decide(event=event, book=book, staffing=Staffing(), now=NOW)
    assert isinstance(outcome, RoutingFailure)
    assert outcome.cause == "calendar_not_covered"
    assert "has no holiday data for 2100" in outcome.failed.reason


def test_a_decision_records_the_model_beside_the_rules(received: Callable[..., ComplaintReceived],
                                                       book_with_model: RuleBook) -> None:
    event = received(description="Посылку так и не привезли, курьер не отвечает уже неделю.", language="en")
    routed = assess_and_route(event=event, book=book_with_model, staffing=Staffing(), now=NOW).routed
    assert routed.rules_version == book_with_model.rules.version
    assert routed.model_version == book_with_model.model.version
    assert routed.triage is not None and routed.triage.text_language == "ru"
    assert {answer.field for answer in routed.triage.answers} == {"kind", "category", "priority", "department"}
    assert all(0 <= answer.confidence <= 1 and answer.features for answer in routed.triage.answers)
    assert any(line.startswith(f"model {routed.model_version}: category") for line in routed.rules_fired)
    assert "language: the text is written in ru; answers go in en as asked" in routed.rules_fired
    assert routed.needs_human_check == bool(routed.triage.doubts)


def test_the_deadline_explanation_states_the_receipt_convention(received: Callable[..., ComplaintReceived],
                                                                book: RuleBook) -> None:
    routed = assess_and_route(event=received(), book=book, staffing=Staffing(), now=NOW).routed
    calendar_line = next(line for line in routed.rules_fired if line.startswith("calendar:"))
    assert "GB calendar for jurisdiction GB (Europe/London)" in calendar_line
    assert "starts its clock at the next opening" in calendar_line
    assert "after the local date of receipt" in calendar_line
