"""FCA DISP return on the GB business calendar: Easter 2026 is Good Friday 3 April and Easter Monday 6 April.

The complaints are English (GB): timed on their own calendar, as routing counts, they fall where the regime's one
calendar put them."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from analytics.domain.regulatory_return import closure_bucket, regulatory_return
from complaints_calendar import CalendarBook, load_calendars
from complaints_calendar.business_calendar import BusinessCalendar
from complaints_calendar.model import CalendarData

GB = BusinessCalendar(CalendarData(
    code="GB", name="England and Wales", time_zone="Europe/London", jurisdictions=["GB"],
    working_hours={day: ["09:00-17:30"] for day in ("mon", "tue", "wed", "thu", "fri")},
    holidays={
        2025: {date(2025, 12, 25): "Christmas Day", date(2025, 12, 26): "Boxing Day"},
        2026: {date(2026, 1, 1): "New Year's Day", date(2026, 4, 3): "Good Friday",
               date(2026, 4, 6): "Easter Monday", date(2026, 5, 4): "May Day"},
    },
))
BOOK = CalendarBook(calendars={"GB": GB}, default_code="GB")
H1_START, H1_END = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 7, 1, tzinfo=UTC)


def at(month, day, hour=9, minute=0, year=2026):
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(("received", "ended", "bucket"), [
    (at(4, 1), at(4, 8, 14), "within_3_business_days"),  # 2, 7, 8 April: Easter days do not count
    (at(4, 1), at(4, 9, 14), "within_4_weeks"),
    (at(4, 1), at(4, 8, 16, 30), "within_3_business_days"),  # closing time, 17:30 BST
    (at(4, 1), at(4, 8, 16, 31), "within_4_weeks"),
    (at(1, 9, 17), at(1, 13, 16), "within_3_business_days"),  # Friday evening, then Monday and Tuesday
    (at(2, 2), at(3, 2), "within_4_weeks"),  # exactly four weeks
    (at(2, 2), at(3, 2, 10), "within_4_to_8_weeks"),
    (at(3, 2), at(4, 27, 8, 30), "after_8_weeks"),  # 8 local weeks end at 08:00 UTC once BST starts
    (at(3, 2), at(4, 27, 7, 59), "within_4_to_8_weeks"),
])
def test_closure_buckets_use_business_days_and_local_weeks(received, ended, bucket):
    assert closure_bucket(received_at=received, ended_at=ended, calendar=GB) == bucket


@pytest.fixture(scope="module")
def half_year(fact):
    """Thirteen complaints around the first half of 2026; the expected figures are worked out in the tests."""
    return [
        fact("c-easter-3bd", received_at=at(4, 1), marks=(("resolved", at(4, 8, 14)),), outcome="upheld",
             payments=((at(4, 10), "100.00", "GBP"),)),
        fact("c-easter-4bd", received_at=at(4, 1), marks=(("resolved", at(4, 9, 14)),), outcome="not_upheld"),
        fact("c-weekend-01", received_at=at(1, 9, 17), marks=(("resolved", at(1, 13, 16)),),
             outcome="partially_upheld"),
        fact("c-exactly-4w", received_at=at(2, 2), marks=(("resolved", at(3, 2)),), outcome="not_upheld"),
        fact("c-4w-plus-01", received_at=at(2, 2), marks=(("resolved", at(3, 2, 10)),), outcome="upheld",
             payments=((at(3, 5), "50.50", "GBP"),)),
        fact("c-dst-8-week", received_at=at(3, 2), marks=(("resolved", at(4, 27, 8, 30)),), outcome="upheld"),
        fact("c-still-open", received_at=at(6, 20)),
        fact("c-last-year1", received_at=at(12, 20, 10, year=2025), marks=(("resolved", at(1, 5, 12)),),
             outcome="not_upheld", payments=((at(12, 31, year=2025), "20.00", "GBP"),)),
        fact("c-cfpb-00001", received_at=at(3, 3), regime="us_cfpb", marks=(("resolved", at(3, 4)),),
             outcome="upheld", payments=((at(3, 5), "10.00", "USD"),)),
        fact("c-enquiry-01", received_at=at(3, 3), kind="enquiry", marks=(("resolved", at(3, 4)),)),
        fact("c-reopen-late", received_at=at(6, 1), marks=(("resolved", at(6, 3)), ("reopened", at(7, 5))),
             outcome="upheld"),
        fact("c-long-runner", received_at=at(11, 3, year=2025), marks=(("closed", at(8, 1)),)),
        fact("c-reopen-open", received_at=at(5, 4), marks=(("resolved", at(5, 5)), ("reopened", at(5, 10)))),
        fact("c-unrouted-01", received_at=at(6, 29), category=None),
    ]


@pytest.fixture(scope="module", params=["hand-made", "national"])
def disp(request, half_year):
    """The return on the hand-made calendar above, and on the national calendars the services count on."""
    calendars = BOOK if request.param == "hand-made" else load_calendars()
    return regulatory_return(facts=half_year, regime="uk_fca_disp", period_start=H1_START, period_end=H1_END,
                             calendars=calendars)


def test_opened_counts_complaints_received_in_the_period(disp):
    assert disp.opened == 9


def test_closed_complaints_fall_in_business_day_and_week_buckets(disp):
    assert disp.closed == 8
    assert disp.closed_by_time == {"within_3_business_days": 3, "within_4_weeks": 3, "within_4_to_8_weeks": 1,
                                   "after_8_weeks": 1}


def test_upheld_share_of_closed_includes_partially_upheld(disp):
    assert (disp.upheld.numerator, disp.upheld.denominator, disp.upheld.percent) == (5, 8, 62.5)


def test_redress_paid_in_the_period_only(disp):
    assert disp.redress_paid == {"GBP": Decimal("150.50")}


def test_outstanding_at_both_ends_of_the_period(disp):
    assert (disp.outstanding_at_start, disp.outstanding_at_end) == (2, 3)


def test_unrouted_complaints_are_reported_apart(disp):
    assert disp.not_yet_routed == 1


def test_other_regimes_have_their_own_return(half_year):
    cfpb = regulatory_return(facts=half_year, regime="us_cfpb", period_start=H1_START, period_end=H1_END,
                             calendars=BOOK)
    assert (cfpb.opened, cfpb.closed, cfpb.redress_paid) == (1, 1, {"USD": Decimal("10.00")})
