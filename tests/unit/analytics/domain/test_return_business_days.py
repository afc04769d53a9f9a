"""Within 3 business days, as routing counts the DISP 1.5 window: on the complaint's own jurisdiction's calendar, to
close of business (17:30 in GB) on business day 3 after the local date of receipt.

November 2026: Monday 30 is St Andrew's Day in Scotland and an ordinary Monday in England; GMT is UTC.
"""

from datetime import UTC, date, datetime

import pytest
from analytics.domain.projections import build_facts
from analytics.domain.regulatory_return import PeriodNotCovered, closure_bucket, regulatory_return
from complaint_contracts import CaseDeadlinesChanged
from complaints_calendar import CalendarBook, load_calendars
from complaints_calendar.business_calendar import BusinessCalendar
from complaints_calendar.model import CalendarData

from tests.unit.analytics.builders import deadline, received, reopened, resolved, routed

CALENDARS = load_calendars()
NOVEMBER, DECEMBER = datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)
PERIOD = {"period_start": NOVEMBER, "period_end": datetime(2027, 1, 1, tzinfo=UTC)}


def at(month, day, hour, minute=0):
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def story(cid, *, jurisdiction, received_at, resolved_at, window_due=None):
    """A DISP complaint received and resolved; routing's summary window deadline when given."""
    deadlines = (deadline("summary_resolution_window", "regulatory", window_due),) if window_due else ()
    return [received(cid, received_at, jurisdiction=jurisdiction), routed(cid, received_at, deadlines=deadlines),
            resolved(cid, resolved_at)]


def buckets(events, **options):
    disp = regulatory_return(facts=build_facts(events), regime="uk_fca_disp", calendars=CALENDARS, **PERIOD,
                             **options)
    return {bucket: count for bucket, count in disp.closed_by_time.items() if count}


class TestOwnJurisdiction:
    def test_a_scottish_complaint_skips_st_andrews_day(self):
        scotland = CALENDARS.for_jurisdiction("GB-SCT")

        assert closure_bucket(received_at=at(11, 25, 10), ended_at=at(12, 1, 15),
                              calendar=scotland) == "within_3_business_days"

    def test_the_same_days_in_england_run_past_the_window(self):
        england = CALENDARS.for_jurisdiction("GB-ENG")

        assert closure_bucket(received_at=at(11, 25, 10), ended_at=at(12, 1, 15), calendar=england) == "within_4_weeks"

    def test_the_return_times_each_complaint_on_its_own_calendar(self):
        events = (story("c-sct-0001", jurisdiction="GB-SCT", received_at=at(11, 25, 10), resolved_at=at(12, 1, 15))
                  + story("c-eng-0001", jurisdiction="GB-ENG", received_at=at(11, 25, 10), resolved_at=at(12, 1, 15)))

        assert buckets(events) == {"within_3_business_days": 1, "within_4_weeks": 1}

    def test_a_calendar_asked_for_times_every_complaint_on_it(self):
        events = story("c-sct-0002", jurisdiction="GB-SCT", received_at=at(11, 25, 10), resolved_at=at(12, 1, 15))

        assert buckets(events, jurisdiction="GB") == {"within_4_weeks": 1}
        assert buckets(events, jurisdiction="GB-SCT") == {"within_3_business_days": 1}


class TestCloseOfBusiness:
    @pytest.mark.parametrize(("ended_at", "bucket"), [
        (at(11, 26, 17), "within_3_business_days"),
        (at(11, 26, 17, 30), "within_3_business_days"),  # closing time itself
        (at(11, 26, 20), "within_4_weeks"),  # the third business day's date, after closing
        (at(11, 28, 10), "within_4_weeks"),  # the Saturday after
    ])
    def test_the_window_ends_at_close_of_business_on_the_third_day(self, ended_at, bucket):
        england = CALENDARS.for_jurisdiction("GB")

        assert closure_bucket(received_at=at(11, 23, 10), ended_at=ended_at, calendar=england) == bucket

    def test_the_window_ends_where_routing_counts_its_deadline(self):
        england = CALENDARS.for_jurisdiction("GB")

        assert england.add_span(at(11, 23, 10), 3, "business_days") == at(11, 26, 17, 30)

    def test_the_return_files_an_evening_closure_on_day_three_after_the_window(self):
        events = (story("c-late-0001", jurisdiction="GB", received_at=at(11, 23, 10), resolved_at=at(11, 26, 20))
                  + story("c-ontime-01", jurisdiction="GB", received_at=at(11, 23, 10), resolved_at=at(11, 26, 17)))

        assert buckets(events) == {"within_3_business_days": 1, "within_4_weeks": 1}


class TestRoutedDeadline:
    def test_the_summary_window_routing_set_decides(self):
        # Routing's deadline a day earlier than the calendar counts now (say, a holiday added since): routing's stands.
        events = story("c-routed-01", jurisdiction="GB-SCT", received_at=at(11, 25, 10), resolved_at=at(12, 1, 15),
                       window_due=at(11, 30, 17, 30))

        assert buckets(events) == {"within_4_weeks": 1}

    def test_a_calendar_asked_for_counts_instead_of_routing(self):
        events = story("c-routed-02", jurisdiction="GB-SCT", received_at=at(11, 25, 10), resolved_at=at(12, 1, 15),
                       window_due=at(11, 30, 17, 30))

        assert buckets(events, jurisdiction="GB-SCT") == {"within_3_business_days": 1}

    def test_a_window_run_again_from_a_reopening_does_not_move_the_one_from_receipt(self):
        cid = "c-reopened-1"
        run_again = deadline("summary_resolution_window", "regulatory", at(11, 30, 17, 30))  # 3 days from Wed
        again = CaseDeadlinesChanged(complaint_id=cid, time=at(11, 25, 12), reason="reopened", deadlines=[run_again])
        events = [*story(cid, jurisdiction="GB", received_at=at(11, 23, 10), resolved_at=at(11, 24, 10),
                         window_due=at(11, 26, 17, 30)),
                  reopened(cid, at(11, 25, 11)), again, resolved(cid, at(11, 27, 12), step="resolved-2")]
        [window] = build_facts(events)[0].deadlines.values()

        assert (window.due_at, window.routed_due_at) == (at(11, 30, 17, 30), at(11, 26, 17, 30))
        assert buckets(events) == {"within_4_weeks": 1}


def test_a_calendar_a_closed_complaint_counts_on_must_cover_the_period():
    hours = {day: ["09:00-17:00"] for day in ("mon", "tue", "wed", "thu", "fri")}
    short = BusinessCalendar(CalendarData(code="XX", name="2025 only", time_zone="UTC", jurisdictions=["XX"],
                                          working_hours=hours, holidays={2025: {date(2025, 12, 25): "Christmas"}}))
    long = BusinessCalendar(CalendarData(code="GB", name="England", time_zone="Europe/London", jurisdictions=["GB"],
                                         working_hours=hours, holidays={2025: {}, 2026: {}}))
    calendars = CalendarBook(calendars={"GB": long, "XX": short}, default_code="GB")
    events = story("c-xx-000001", jurisdiction="XX", received_at=at(11, 23, 10), resolved_at=at(11, 26, 10))

    with pytest.raises(PeriodNotCovered, match="XX calendar has no holidays for 2026"):
        regulatory_return(facts=build_facts(events), regime="uk_fca_disp", period_start=NOVEMBER,
                          period_end=DECEMBER, calendars=calendars)
