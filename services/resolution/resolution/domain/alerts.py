"""The warnings and breaches a case has raised, counted per round of each deadline's clock."""

from complaint_contracts.types import Clock

from .case import AlertKind, Case


def raised_since_start(case: Case) -> set[tuple[str, Clock, AlertKind]]:
    """The alerts raised on each deadline since its clock (last) started: a reopened case's deadlines run again,
    and what was raised in the earlier round does not count for the new one."""
    started = {(d.name, d.clock): d.started_at for d in case.deadlines}
    return {(a.deadline, a.clock, a.kind) for a in case.raised_alerts
            if (a.deadline, a.clock) not in started or a.at >= started[(a.deadline, a.clock)]}


def is_breached(case: Case) -> bool:
    """Tell whether a deadline of the open case passed unmet (the scan raised its breach)."""
    raised = raised_since_start(case)
    return case.is_open and any(d.met_at is None and (d.name, d.clock, AlertKind.BREACH) in raised
                                for d in case.deadlines)
