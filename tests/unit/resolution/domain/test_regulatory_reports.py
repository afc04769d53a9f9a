"""FDA MDR deadlines are met by a report to the regulator, as of when it was filed, never by the final response; the
scan watches them after the customer's case finishes; a report the case owes nothing to is refused."""

from datetime import timedelta

import pytest
from complaint_contracts.resolution import DeadlineBreached, DeadlineWarning, RegulatoryReportFiled
from complaint_contracts.types import Clock, Deadline, Regime
from resolution.domain.changes import Before, CaseChange
from resolution.domain.deadlines import next_alert_at, raise_deadline_alerts
from resolution.domain.errors import RuleViolation
from resolution.domain.policy import DEFAULT_POLICY
from resolution.domain.regulatory_reports import file_regulatory_report
from resolution.domain.states import CaseAction, CaseState

from tests.unit.resolution.builders import (
    ALWAYS_OPEN,
    MONDAY_9AM,
    open_case_in,
    regulatory_deadline,
    service_deadline,
    staff,
)

THIRTY_DAY_DUE = MONDAY_9AM + timedelta(days=30)
FIVE_DAY_DUE = MONDAY_9AM + timedelta(days=7)


def mdr_case(state=CaseState.INVESTIGATING, *, five_day: bool = False, **routed):
    deadlines = [service_deadline(MONDAY_9AM + timedelta(days=10)),
                 Deadline(name="mdr_report", clock=Clock.REGULATORY, due_at=THIRTY_DAY_DUE, basis="21 CFR 803.50")]
    if five_day:
        deadlines.append(Deadline(name="mdr_five_day_report", clock=Clock.REGULATORY, due_at=FIVE_DAY_DUE,
                                  basis="21 CFR 803.53"))
    return open_case_in(state, regime=Regime.US_FDA_MDR, deadlines=deadlines, **routed)


def file(case, *, at_hour: float = 48, filed_hour: float = 40, report_type="mdr_30_day", reference="MW5012345"):
    return file_regulatory_report(case=case, acting=staff(at_hour, version=case.version), report_type=report_type,
                                  reference=reference, filed_at=MONDAY_9AM + timedelta(hours=filed_hour))


def met_at(case, name: str):
    return next(d.met_at for d in case.deadlines if d.name == name)


class TestFileRegulatoryReport:
    def test_a_30_day_report_meets_the_mdr_deadline_as_of_its_filing(self):
        case = mdr_case()
        version = case.version

        [event] = file(case)

        filed = MONDAY_9AM + timedelta(hours=40)
        assert met_at(case, "mdr_report") == filed
        assert met_at(case, "final_response") is None  # the customer is still owed an answer
        assert isinstance(event, RegulatoryReportFiled)
        assert (event.report_type, event.reference, event.filed_at, event.deadlines_met, event.by) == (
            "mdr_30_day", "MW5012345", filed, ["mdr_report"], "emp-0042")
        [report] = case.regulatory_reports
        assert (report.reference, report.filed_at, report.recorded_at, report.deadlines_met) == (
            "MW5012345", filed, staff(48).at, ["mdr_report"])
        assert case.version == version + 1 and case.audit[-1].action is CaseAction.FILE_REGULATORY_REPORT
        assert case.state is CaseState.INVESTIGATING

    def test_a_5_day_report_stands_for_the_30_day_report_too(self):
        case = mdr_case(five_day=True)

        [event] = file(case, report_type="mdr_5_day")

        assert sorted(event.deadlines_met) == ["mdr_five_day_report", "mdr_report"]
        assert met_at(case, "mdr_five_day_report") == met_at(case, "mdr_report") == MONDAY_9AM + timedelta(hours=40)

    def test_a_30_day_report_leaves_the_5_day_report_owed(self):
        case = mdr_case(five_day=True)

        file(case)

        assert met_at(case, "mdr_five_day_report") is None

    def test_a_supplemental_report_follows_an_initial_one_and_meets_nothing(self):
        case = mdr_case()
        file(case)

        [event] = file(case, at_hour=60, filed_hour=59, report_type="supplemental", reference="MW5012345-S1")

        assert event.deadlines_met == []
        assert [r.report_type for r in case.regulatory_reports] == ["mdr_30_day", "supplemental"]

    def test_a_report_may_be_filed_after_the_customer_case_finished(self):
        case = mdr_case(CaseState.CLOSED)

        file(case, at_hour=100, filed_hour=99)

        assert met_at(case, "mdr_report") == MONDAY_9AM + timedelta(hours=99)
        assert case.state is CaseState.CLOSED


class TestRefusedReports:
    @pytest.mark.parametrize(("kwargs", "field"), [
        ({"filed_hour": 49}, "filed_at"),  # after the moment it is recorded: in the future
        ({"filed_hour": -1}, "filed_at"),  # before the complaint was received
        ({"reference": "  "}, "reference"),
        ({"report_type": "supplemental"}, "report_type"),  # nothing filed yet to supplement
    ])
    def test_a_report_that_cannot_be_right_names_the_field_and_changes_nothing(self, kwargs, field):
        case = mdr_case()
        before = case.model_dump()

        with pytest.raises(RuleViolation) as refused:
            file(case, **kwargs)

        assert refused.value.field == field
        assert case.model_dump() == before

    def test_the_same_reference_twice_is_refused(self):
        case = mdr_case()
        file(case)

        with pytest.raises(RuleViolation) as refused:
            file(case, at_hour=50)

        assert refused.value.field == "reference"
        assert len(case.regulatory_reports) == 1

    def test_a_case_without_a_reporting_deadline_is_refused(self):
        case = open_case_in(CaseState.INVESTIGATING, regime=Regime.UK_FCA_DISP,
                            deadlines=[regulatory_deadline(MONDAY_9AM + timedelta(weeks=8))])

        with pytest.raises(RuleViolation, match="uk_fca_disp") as refused:
            file(case)

        assert refused.value.field == "report_type"
        assert case.regulatory_reports == []


class TestFinalResponse:
    def test_the_final_response_meets_the_service_deadline_but_not_the_mdr_deadline(self):
        case = mdr_case(CaseState.RESOLVED)

        assert met_at(case, "final_response") is not None
        assert met_at(case, "mdr_report") is None


def scan(case, at):
    return raise_deadline_alerts(case=case, now=at, calendar=ALWAYS_OPEN)


class TestScanAfterTheCaseFinished:
    def test_an_unreported_mdr_deadline_of_a_closed_case_is_warned_about_and_breached(self):
        case = mdr_case(CaseState.CLOSED)

        [warning] = scan(case, MONDAY_9AM + timedelta(days=23))
        [breach] = scan(case, THIRTY_DAY_DUE)

        assert isinstance(warning, DeadlineWarning) and isinstance(breach, DeadlineBreached)
        assert (breach.deadline, breach.clock) == ("mdr_report", Clock.REGULATORY)
        assert next_alert_at(case=case, calendar=ALWAYS_OPEN) is None

    def test_a_closed_case_looks_again_at_its_reporting_deadline_only(self):
        case = mdr_case(CaseState.CLOSED)

        assert next_alert_at(case=case, calendar=ALWAYS_OPEN) == MONDAY_9AM + timedelta(days=22.5)

    def test_a_reported_closed_case_raises_nothing(self):
        case = mdr_case(CaseState.CLOSED)
        file(case, at_hour=100, filed_hour=99)

        assert scan(case, THIRTY_DAY_DUE) == []
        assert next_alert_at(case=case, calendar=ALWAYS_OPEN) is None

    def test_a_case_merged_into_another_leaves_the_duty_to_that_one(self):
        case = mdr_case(CaseState.CLOSED)
        case.merged_into = "c-same-device-0002"

        assert scan(case, THIRTY_DAY_DUE) == []


def change_of(case, step) -> CaseChange:
    before = Before.of(case)
    events = step(case)
    return CaseChange.of(case, list(events), before=before, next_alert_at=None, policy=DEFAULT_POLICY)


class TestCountingMet:
    def test_a_report_filed_in_time_counts_as_met_once(self):
        case = mdr_case()

        change = change_of(case, file)

        assert [(d.name, d.clock) for d in change.deadlines_met] == [("mdr_report", Clock.REGULATORY)]

    def test_a_report_recorded_after_the_breach_leaves_the_breach_standing(self):
        case = mdr_case()
        scan(case, THIRTY_DAY_DUE)

        # Filed a day before the deadline, recorded only after the scan had breached it.
        change = change_of(case, lambda c: file(c, at_hour=24 * 31, filed_hour=24 * 29))

        assert change.deadlines_met == []
        assert met_at(case, "mdr_report") == MONDAY_9AM + timedelta(days=29)
