"""Deadlines follow the priority: when staff correct it, the complaint's deadlines are counted again from receipt
under the corrected priority (its service levels, and the regime's clocks that apply at it); and the complaint
follows a corrected department (department_move.py)."""

from dataclasses import replace
from datetime import datetime

from complaint_contracts.resolution import AssessmentCorrected
from complaint_contracts.routing import DeadlinesRevised

from .deadlines import deadlines_at
from .department_move import move_to_corrected_department
from .records import DecisionChange, DecisionRecord
from .rulebook import RuleBook
from .workload import Staffing


def revise_deadlines(*, correction: AssessmentCorrected, record: DecisionRecord, book: RuleBook,
                     now: datetime) -> DecisionChange | None:
    """The revision a correction calls for, or None: applied already, no priority change, or nothing routed to
    revise (a failed routing has no deadlines; people set the case up by hand)."""
    if correction.dedupe_key in record.applied or record.status != "routed" or record.regime is None:
        return None
    if correction.priority == record.priority:
        return None
    calendar = book.calendars.for_jurisdiction(record.facts.jurisdiction)
    deadlines = deadlines_at(priority=correction.priority, regime=record.regime, received_at=record.received_at,
                             rule_set=book.rules, calendar=calendar)
    revised = DeadlinesRevised(
        complaint_id=correction.complaint_id, time=now, priority=correction.priority,
        previous_priority=record.priority, deadlines=deadlines, rules_version=book.version,
        reason=f"priority corrected from {record.priority} to {correction.priority}", **correction.caused())
    changed = replace(record, version=record.version + 1, priority=correction.priority,
                      applied=(*record.applied, correction.dedupe_key))
    return DecisionChange(cause=correction, record=changed, events=(revised,))


def follow_correction(*, correction: AssessmentCorrected, record: DecisionRecord, book: RuleBook, staffing: Staffing,
                      now: datetime) -> tuple[DecisionChange | None, Staffing]:
    """Everything a correction calls for, as one change of the decision (applied once): its deadlines counted again
    (a new priority) and the complaint taken to the department staff named (a new department)."""
    revision = revise_deadlines(correction=correction, record=record, book=book, now=now)
    move, staffing = move_to_corrected_department(correction=correction, record=record, book=book, staffing=staffing,
                                                  now=now)
    if revision is None or move is None:
        return revision or move, staffing
    both = replace(move.record, priority=revision.record.priority)
    return DecisionChange(cause=correction, record=both, events=(*revision.events, *move.events)), staffing
