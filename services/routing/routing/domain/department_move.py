"""A department staff corrected takes the complaint there: a first-tier team of that department (impartial, by the
team's strategy) takes it over, as a first routing to that department would have placed it. Without this the case kept
a team of the department routing first chose, labelled with another."""

from dataclasses import replace
from datetime import datetime

from complaint_contracts.resolution import AssessmentCorrected
from complaint_contracts.routing import ComplaintRerouted

from .assignment import NoImpartialTeam, place, recusal_for
from .records import DecisionChange, DecisionRecord
from .rulebook import RuleBook
from .workload import Staffing


def corrected_department(correction: AssessmentCorrected) -> str | None:
    """The department the correction changed to, if it changed the department."""
    return next((change.new for change in correction.changes if change.field == "department"), None)


def move_to_corrected_department(*, correction: AssessmentCorrected, record: DecisionRecord, book: RuleBook,
                                 staffing: Staffing, now: datetime) -> tuple[DecisionChange | None, Staffing]:
    """The move the correction calls for, or None: applied already, no department changed, the complaint's team is
    of that department already, or the department has no team routing knows (the label stays, people move it)."""
    department = corrected_department(correction)
    if department is None or correction.dedupe_key in record.applied or record.status != "routed":
        return None, staffing
    directory = book.teams
    current = next((team for team in directory.teams if team.id == record.team), None)
    if (current is not None and current.department == department) or department not in directory.departments:
        return None, staffing
    try:
        decision = place(facts=record.facts, department=department, tier=1, directory=directory, staffing=staffing,
                         recusal=recusal_for(facts=record.facts, directory=directory))
    except NoImpartialTeam:
        return None, staffing
    reason = f"department corrected to {department}"
    rerouted = ComplaintRerouted(
        complaint_id=correction.complaint_id, time=now, department=decision.department, team=decision.team,
        assignee=decision.assignee, rules_fired=[f"correction: {reason}", *decision.trace],
        rules_version=book.version, previous_team=record.team, reason=reason, tier=decision.tier,
        **correction.caused())
    moved = replace(record, version=record.version + 1, department=decision.department, team=decision.team,
                    assignee=decision.assignee, tier=decision.tier, rerouted_at=now,
                    applied=(*record.applied, correction.dedupe_key))
    return (DecisionChange(cause=correction, record=moved, events=(rerouted,)),
            staffing.assigned(team=decision.team, assignee=decision.assignee))
