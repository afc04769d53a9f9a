"""Deadlines follow the priority staff correct: counted again from receipt under the corrected priority."""

from collections.abc import Callable
from datetime import UTC, datetime

from complaint_contracts.routing import DeadlinesRevised
from complaint_contracts.types import Clock, Priority
from routing.domain.deadlines import regulatory_deadlines, service_deadlines
from routing.domain.records import DecisionRecord
from routing.domain.revision import revise_deadlines
from routing.domain.rulebook import RuleBook

from tests.unit.routing.stand_ins import AssessmentChange, corrected_event

NOW = datetime(2026, 3, 30, 9, 0, tzinfo=UTC)


def corrected(record: DecisionRecord, priority: Priority) -> object:
    return corrected_event(complaint_id=record.complaint_id, by="emp-0042", reason="a child was hurt",
                           changes=[AssessmentChange(field="priority", old=str(record.priority), new=str(priority))])


def test_a_raised_priority_counts_the_service_deadlines_again_from_receipt(
        decided: Callable[..., DecisionRecord], book: RuleBook) -> None:
    record = decided()
    assert record.priority is Priority.MEDIUM
    correction = corrected(record, Priority.CRITICAL)

    change = revise_deadlines(correction=correction, record=record, book=book, now=NOW)

    assert change is not None
    [revised] = change.events
    assert isinstance(revised, DeadlinesRevised)
    calendar = book.calendars.for_jurisdiction("GB")
    expected = service_deadlines(priority=Priority.CRITICAL, received_at=record.received_at, rule_set=book.rules,
                                 calendar=calendar)
    assert [(d.name, d.due_at) for d in revised.deadlines if d.clock is Clock.SERVICE] == [
        (d.name, d.due_at) for d in expected]
    medium = service_deadlines(priority=Priority.MEDIUM, received_at=record.received_at, rule_set=book.rules,
                               calendar=calendar)
    assert all(new.due_at < old.due_at for new, old in zip(expected, medium, strict=True))  # sooner, every one
    assert (revised.priority, revised.previous_priority) == (Priority.CRITICAL, Priority.MEDIUM)
    assert revised.reason == "priority corrected from medium to critical"  # never the staff member's words
    assert revised.causation_id == str(correction.id)
    assert (change.record.priority, change.record.version, change.expected_version) == (Priority.CRITICAL, 2, 1)
    assert change.record.applied == (correction.dedupe_key,)


def test_a_lowered_priority_drops_the_urgent_report_only_a_critical_complaint_owes(
        decided: Callable[..., DecisionRecord], book: RuleBook) -> None:
    record = decided(jurisdiction="US-NY", product="hearing-aid-basic",
                     description="The charging case of my hearing aid came scratched.")
    assert (record.priority, str(record.regime)) == (Priority.CRITICAL, "us_fda_mdr")

    change = revise_deadlines(correction=corrected(record, Priority.HIGH), record=record, book=book, now=NOW)

    assert change is not None
    regulatory = [d for d in change.events[0].deadlines if d.clock is Clock.REGULATORY]  # type: ignore[attr-defined]
    assert [d.name for d in regulatory] == ["mdr_report"]
    calendar = book.calendars.for_jurisdiction("US-NY")
    assert regulatory == regulatory_deadlines(regime=record.regime, priority=Priority.HIGH,  # type: ignore[arg-type]
                                              received_at=record.received_at, calendar=calendar)


def test_nothing_to_revise_without_a_new_priority_a_decision_or_twice(
        decided: Callable[..., DecisionRecord], book: RuleBook) -> None:
    record = decided()
    same = corrected_event(complaint_id=record.complaint_id, by="emp-0042", reason="billing, not delivery",
                           changes=[AssessmentChange(field="category", old="delivery", new="billing")])
    assert revise_deadlines(correction=same, record=record, book=book, now=NOW) is None

    correction = corrected(record, Priority.HIGH)
    change = revise_deadlines(correction=correction, record=record, book=book, now=NOW)
    assert change is not None
    assert revise_deadlines(correction=correction, record=change.record, book=book, now=NOW) is None  # redelivered


def test_a_department_routing_does_not_staff_or_the_one_already_handling_it_moves_nothing(
        decided: Callable[..., DecisionRecord], book: RuleBook) -> None:
    from routing.domain.department_move import move_to_corrected_department
    from routing.domain.workload import Staffing

    record = decided()
    for department in ("sales", record.department):
        correction = corrected_event(complaint_id=record.complaint_id, by="emp-0042", reason="wrong desk",
                                     changes=[AssessmentChange(field="department", old="x", new=department)])
        change, _ = move_to_corrected_department(correction=correction, record=record, book=book, staffing=Staffing(),
                                                 now=NOW)
        assert change is None, department
