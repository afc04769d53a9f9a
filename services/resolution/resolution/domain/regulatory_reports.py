"""Reports to a regulator: recorded as their own action, they meet the reporting deadlines of their type.

FDA medical device reporting (21 CFR 803) is owed to the regulator, not to the customer: the final response
meets none of its deadlines (policy.deadlines_met_by_reports), a report does, as of when it was filed."""

from datetime import datetime

from complaint_contracts.resolution import RegulatoryReportFiled, RegulatoryReportType
from complaint_contracts.types import Clock

from .case import Acting, Case, case_event, check_action, record
from .case_parts import RegulatoryReport
from .errors import RuleViolation
from .policy import DEFAULT_POLICY, CasePolicy
from .states import CaseAction

DEADLINES_OF_REPORT: dict[RegulatoryReportType, frozenset[str]] = {
    "mdr_30_day": frozenset({"mdr_report"}),
    # 803.53: a 5-day report carries everything 803.52 asks of the 30-day report, so it stands for it too.
    "mdr_5_day": frozenset({"mdr_five_day_report", "mdr_report"}),
    # 803.56: new information on a report already filed; it meets no initial deadline.
    "supplemental": frozenset(),
}
"""Report type → the regulatory-clock deadlines it meets."""

INITIAL_REPORTS: frozenset[str] = frozenset({"mdr_30_day", "mdr_5_day"})


def file_regulatory_report(*, case: Case, acting: Acting, report_type: RegulatoryReportType, reference: str,
                           filed_at: datetime, policy: CasePolicy = DEFAULT_POLICY) -> list[RegulatoryReportFiled]:
    """Record a report filed with the regulator and meet, as of `filed_at`, the deadlines its type satisfies."""
    check_action(case, action=CaseAction.FILE_REGULATORY_REPORT, acting=acting)
    _check_report(case, acting=acting, report_type=report_type, reference=reference, filed_at=filed_at,
                  policy=policy)
    met = []
    for deadline in case.deadlines:
        if (deadline.clock is Clock.REGULATORY and deadline.met_at is None
                and deadline.name in DEADLINES_OF_REPORT[report_type]):
            deadline.met_at = filed_at
            met.append(deadline.name)
    case.regulatory_reports.append(RegulatoryReport(report_type=report_type, reference=reference, filed_at=filed_at,
                                                    recorded_at=acting.at, by=acting.by, deadlines_met=met))
    record(case, action=CaseAction.FILE_REGULATORY_REPORT, acting=acting, policy=policy,
           detail={"report_type": report_type, "reference": reference, "deadlines_met": ",".join(met)})
    return [case_event(RegulatoryReportFiled, case, acting, report_type=report_type, reference=reference,
                       filed_at=filed_at, deadlines_met=met, by=acting.by)]


def _check_report(case: Case, *, acting: Acting, report_type: RegulatoryReportType, reference: str,
                  filed_at: datetime, policy: CasePolicy) -> None:
    if not any(d.clock is Clock.REGULATORY and d.name in policy.deadlines_met_by_reports for d in case.deadlines):
        # Routing gave the case no reporting duty: fix the assessment (and its regime) rather than record a report
        # that would meet nothing and leave the duty untracked.
        raise RuleViolation(f"the case has no deadline a report to a regulator meets (regime {case.regime})",
                            field="report_type")
    if filed_at > acting.at:
        raise RuleViolation("a report cannot be recorded before it is filed: filed_at is in the future",
                            field="filed_at")
    received = case.received_at or case.opened_at
    if filed_at < received:
        raise RuleViolation(f"the report is filed before the complaint was received ({received:%Y-%m-%d %H:%M} UTC)",
                            field="filed_at")
    if not reference.strip():
        raise RuleViolation("give the regulator's or the submission's id of the report", field="reference")
    if any(r.reference == reference for r in case.regulatory_reports):
        raise RuleViolation(f"report {reference} is already recorded on this case", field="reference")
    if report_type not in INITIAL_REPORTS and not any(r.report_type in INITIAL_REPORTS
                                                      for r in case.regulatory_reports):
        raise RuleViolation("a supplemental report adds to a report already filed: record that one first",
                            field="report_type")
