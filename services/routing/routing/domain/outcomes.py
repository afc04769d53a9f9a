"""First decisions as pure functions: a received complaint becomes routed (or failed), plus possible duplicates."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from complaint_contracts.intake import ComplaintReceived
from complaint_contracts.routing import ComplaintRouted, ComplaintRoutingFailed, PossibleDuplicateDetected
from complaints_calendar import RECEIPT_CONVENTION, CalendarNotCovered

from .assessment import Assessment, assess, choose_department
from .assignment import AssignmentDecision, NoImpartialTeam, assign
from .deadlines import deadlines_at
from .duplicates import DuplicateMatch
from .facts import ComplaintFacts, facts_from_received
from .passages import opinions_of
from .records import DecisionRecord, kept_facts
from .rulebook import RuleBook
from .triage import ModelOpinion, explanation
from .workload import Staffing

Read = tuple[ComplaintFacts, ModelOpinion | None]
"""What routing read of a complaint before deciding: its facts, and the model's opinion of its text (if a model)."""


@dataclass(frozen=True)
class RoutingOutcome:
    """The routed event plus what the store keeps: the assessment, the assignment and the staffing after it."""

    routed: ComplaintRouted
    assessment: Assessment
    assignment: AssignmentDecision
    staffing: Staffing

    @property
    def event(self) -> ComplaintRouted:
        return self.routed


@dataclass(frozen=True)
class RoutingFailure:
    """No decision could be made; the event says why, `cause` names the reason for metrics."""

    failed: ComplaintRoutingFailed
    cause: str

    @property
    def event(self) -> ComplaintRoutingFailed:
        return self.failed


def assess_and_route(*, event: ComplaintReceived, book: RuleBook, staffing: Staffing, now: datetime,
                     read: Read | None = None) -> RoutingOutcome:
    """Assess a received complaint, assign it impartially and set both clocks' deadlines; `read` is what
    `read_all` found for it, when a whole run was read at once."""
    rule_set = book.rules
    facts, opinion = read or read_all([event], book=book)[0]
    assessment = assess(facts=facts, rule_set=rule_set, opinion=opinion)
    department, department_reason = choose_department(assessment=assessment, rule_set=rule_set)
    assignment = assign(facts=assessment.facts, department=department, directory=book.teams, staffing=staffing)
    calendar = book.calendars.for_jurisdiction(event.jurisdiction)
    deadlines = deadlines_at(priority=assessment.priority, regime=assessment.regime, received_at=event.received_at,
                             rule_set=rule_set, calendar=calendar)
    trace = [*assessment.trace, department_reason, *assignment.trace,
             f"calendar: business time follows the {calendar.code} calendar for jurisdiction {event.jurisdiction} "
             f"({calendar.zone.key}); {RECEIPT_CONVENTION}",
             f"teams: configuration {book.teams.version}"]
    model = assessment.model
    if assessment.needs_human_check:
        trace.append("human-check: the model was unsure of a field no hard rule settled; a person should check it")
    routed = ComplaintRouted(
        complaint_id=event.complaint_id, time=now, department=assignment.department, team=assignment.team,
        assignee=assignment.assignee, rules_fired=trace, rules_version=book.version, kind=assessment.kind,
        category=assessment.category, priority=assessment.priority, regime=assessment.regime, deadlines=deadlines,
        received_at=event.received_at, flags=sorted(assessment.facts.flags),
        model_version=model.opinion.model_version if model else None, needs_human_check=assessment.needs_human_check,
        triage=explanation(model=model, text_language=facts.analysis.language) if model else None,
        **event.caused())
    return RoutingOutcome(routed=routed, assessment=assessment, assignment=assignment,
                          staffing=staffing.assigned(team=assignment.team, assignee=assignment.assignee))


def read_all(events: Sequence[ComplaintReceived], *, book: RuleBook) -> list[Read]:
    """Each complaint's facts and the model's opinion of its text, the model asked once for all of them."""
    facts = [facts_from_received(event=event) for event in events]
    if book.model is None:
        return [(f, None) for f in facts]
    opinions = opinions_of(book.model, [f.analysis for f in facts], book.rules)
    return list(zip(facts, opinions, strict=True))


def decide(*, event: ComplaintReceived, book: RuleBook, staffing: Staffing, now: datetime,
           read: Read | None = None) -> RoutingOutcome | RoutingFailure:
    """Route a received complaint, or say in an event why it cannot be routed (never lose it)."""
    try:
        return assess_and_route(event=event, book=book, staffing=staffing, now=now, read=read)
    except NoImpartialTeam as exc:
        cause, reason = "no_impartial_team", f"no impartial team: {exc}"
    except CalendarNotCovered as exc:
        cause, reason = "calendar_not_covered", f"deadlines cannot be set: {exc}"
    trace = assess(facts=facts_from_received(event=event), rule_set=book.rules).trace
    failed = ComplaintRoutingFailed(complaint_id=event.complaint_id, time=now, reason=reason,
                                    rules_version=book.version, rules_fired=list(trace),
                                    received_at=event.received_at, **event.caused())
    return RoutingFailure(failed=failed, cause=cause)


def duplicate_events(*, event: ComplaintReceived, matches: list[DuplicateMatch],
                     now: datetime) -> list[PossibleDuplicateDetected]:
    """One `PossibleDuplicateDetected` per earlier complaint that looks the same."""
    return [PossibleDuplicateDetected(complaint_id=event.complaint_id, time=now, duplicate_of=match.duplicate_of,
                                      duplicate_of_tracking_number=match.duplicate_of_tracking_number,
                                      similarity=match.similarity, reason=match.reason, **event.caused())
            for match in matches]


def first_record(*, event: ComplaintReceived, outcome: RoutingOutcome | RoutingFailure, book: RuleBook,
                 now: datetime) -> DecisionRecord:
    """What is kept of a first decision (routed or failed): the outcome, and the facts re-routing needs."""
    if isinstance(outcome, RoutingFailure):
        return DecisionRecord(
            complaint_id=event.complaint_id, version=1, status="failed", received_event=event.dedupe_key,
            received_at=event.received_at, decided_at=now, rules_version=book.version,
            teams_version=book.teams.version, facts=kept_facts(facts_from_received(event=event)),
            rules_fired=tuple(outcome.failed.rules_fired), cause=outcome.cause, reason=outcome.failed.reason)
    routed = outcome.routed
    return DecisionRecord(
        complaint_id=event.complaint_id, version=1, status="routed", received_event=event.dedupe_key,
        received_at=event.received_at, decided_at=now, rules_version=book.version, teams_version=book.teams.version,
        facts=kept_facts(outcome.assessment.facts), rules_fired=tuple(routed.rules_fired),
        department=routed.department, team=routed.team, assignee=routed.assignee, tier=outcome.assignment.tier,
        kind=routed.kind, category=routed.category, priority=routed.priority, regime=routed.regime,
        model_version=routed.model_version, needs_human_check=routed.needs_human_check)
