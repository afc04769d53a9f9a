"""The knobs of the case rules; config.py fills them from the environment."""

from datetime import timedelta
from typing import Literal

from complaint_contracts.types import ACKNOWLEDGEMENT_DEADLINES
from pydantic import BaseModel, ConfigDict, Field

from .states import CaseAction

FIRST_CONTACT = frozenset({CaseAction.REQUEST_INFORMATION, CaseAction.ADD_PUBLIC_NOTE, CaseAction.PROPOSE_RESOLUTION,
                           CaseAction.RESOLVE})
"""Actions that tell the customer something substantive about their complaint."""


class CasePolicy(BaseModel):
    """Rules an operator may tune without touching code."""

    model_config = ConfigDict(frozen=True)

    reopen_window: timedelta = Field(default=timedelta(days=56),
                                     description="How long after the final response (or closing) a case may reopen")
    warn_fraction: float = Field(default=0.75, gt=0, lt=1,
                                 description="Share of a deadline's time used when a DeadlineWarning is raised")
    max_tier: int = Field(default=3, ge=1, description="Highest escalation tier (1 = first line)")
    customer_reopen_window: timedelta = Field(
        default=timedelta(days=56), description="How long after the final response (or closing) the customer may "
                                                "ask to reopen; later requests become a task for staff")
    restart_service_sla_on_reopening: bool = Field(
        default=True, description="A reopened case gets its service-SLA targets again, counted from the reopening")
    minimum_content: Literal["advise", "enforce"] = Field(
        default="advise", description="A final response lacking the ISO 10002 minimum is refused (enforce) or "
                                      "issued with the gaps recorded for review (advise)")
    deadline_milestones: dict[str, frozenset[CaseAction]] = Field(
        default_factory=lambda: {
            "first_response": FIRST_CONTACT,
            # CFPB: the company responds to the consumer; a response may say the work is in progress.
            "company_response": FIRST_CONTACT,
            "holding_response": frozenset({CaseAction.ADD_PUBLIC_NOTE, CaseAction.PROPOSE_RESOLUTION,
                                           CaseAction.RESOLVE}),
        },
        description="Deadline name → actions that meet it; any other deadline is met by the final response "
                    "(except those met by a report to a regulator)")
    deadlines_met_by_reports: frozenset[str] = Field(
        default=frozenset({"mdr_report", "mdr_five_day_report"}),
        description="Deadlines only a report to a regulator meets (FDA 21 CFR 803), never an answer to the "
                    "customer; they are watched after the case finishes, until met")
    deadlines_kept_elsewhere: frozenset[str] = Field(
        default=ACKNOWLEDGEMENT_DEADLINES,
        description="Deadlines another service fulfils (intake acknowledges receipt); resolution does not scan them")
    informational_deadlines: frozenset[str] = Field(
        default=frozenset({"summary_resolution_window"}),
        description="Windows that open an option rather than oblige (FCA DISP 1.5); never warned about or breached")

    def alerts_on(self, deadline: str) -> bool:
        """Tell whether resolution warns about and breaches the named deadline."""
        return deadline not in self.deadlines_kept_elsewhere and deadline not in self.informational_deadlines

    def meets(self, *, deadline: str, action: CaseAction) -> bool:
        """Tell whether applying the action meets the named deadline (a report to a regulator is no case action)."""
        if deadline in self.deadlines_met_by_reports:
            return False
        milestone = self.deadline_milestones.get(deadline)
        if milestone is None:
            return action is CaseAction.RESOLVE
        return action in milestone


DEFAULT_POLICY = CasePolicy()
