from datetime import UTC, datetime, timedelta

from complaints_calendar import BusinessCalendar
from hypothesis import given, settings
from hypothesis import strategies as st

# Holiday data covers 2024-2035; starts stop early enough that the longest addition stays covered.
instants = st.datetimes(min_value=datetime(2024, 1, 2), max_value=datetime(2035, 9, 30), timezones=st.just(UTC))
durations = st.integers(min_value=0, max_value=300 * 60).map(lambda minutes: timedelta(minutes=minutes))
day_counts = st.integers(min_value=0, max_value=60)
calendar_indexes = st.integers(min_value=0, max_value=6)


def pick(every_calendar: list[BusinessCalendar], index: int) -> BusinessCalendar:
    return every_calendar[index % len(every_calendar)]


@settings(max_examples=300)
@given(index=calendar_indexes, start=instants, duration=durations)
def test_business_hours_deadline_is_working_time_and_not_before_start(every_calendar, index, start, duration):
    calendar = pick(every_calendar, index)
    due = calendar.add_business_hours(start, duration)
    assert calendar.is_working_time(due)
    assert due >= start


@settings(max_examples=300)
@given(index=calendar_indexes, start=instants, first=durations, second=durations)
def test_more_business_hours_never_give_an_earlier_deadline(every_calendar, index, start, first, second):
    calendar = pick(every_calendar, index)
    shorter, longer = sorted([first, second])
    assert calendar.add_business_hours(start, shorter) <= calendar.add_business_hours(start, longer)


@settings(max_examples=200)
@given(index=calendar_indexes, start=instants, later_by=durations, duration=durations)
def test_a_later_start_never_gives_an_earlier_deadline(every_calendar, index, start, later_by, duration):
    calendar = pick(every_calendar, index)
    assert calendar.add_business_hours(start, duration) <= calendar.add_business_hours(start + later_by, duration)


@settings(max_examples=300)
@given(index=calendar_indexes, start=instants, duration=durations)
def test_working_time_elapsed_until_the_deadline_equals_the_time_added(every_calendar, index, start, duration):
    calendar = pick(every_calendar, index)
    assert calendar.working_time_between(start, calendar.add_business_hours(start, duration)) == duration


@settings(max_examples=300)
@given(index=calendar_indexes, start=instants, days=day_counts)
def test_business_days_deadline_is_working_time_on_a_business_day(every_calendar, index, start, days):
    calendar = pick(every_calendar, index)
    due = calendar.add_business_days(start, days)
    assert calendar.is_working_time(due)
    assert calendar.holiday_name(calendar.local_date(due)) is None
    assert due >= start


@settings(max_examples=300)
@given(index=calendar_indexes, start=instants, first=day_counts, second=day_counts)
def test_more_business_days_never_give_an_earlier_deadline(every_calendar, index, start, first, second):
    calendar = pick(every_calendar, index)
    fewer, more = sorted([first, second])
    assert calendar.add_business_days(start, fewer) <= calendar.add_business_days(start, more)


@settings(max_examples=300)
@given(index=calendar_indexes, start=instants, days=st.integers(min_value=1, max_value=60))
def test_counting_business_days_undoes_adding_them(every_calendar, index, start, days):
    calendar = pick(every_calendar, index)
    assert calendar.business_days_between(start, calendar.add_business_days(start, days)) == days


@settings(max_examples=300)
@given(index=calendar_indexes, start=instants, days=st.integers(min_value=0, max_value=400))
def test_calendar_days_keep_local_wall_time_unless_the_clock_skips_it(every_calendar, index, start, days):
    calendar = pick(every_calendar, index)
    local_start = start.astimezone(calendar.zone)
    due_local = calendar.add_calendar_days(start, days).astimezone(calendar.zone)
    assert due_local.date() == local_start.date() + timedelta(days=days)
    skipped_by_dst = abs(due_local.utcoffset() - local_start.utcoffset())
    wall_clock_shift = abs(datetime.combine(due_local.date(), due_local.time()) -
                           datetime.combine(due_local.date(), local_start.time()))
    assert wall_clock_shift in (timedelta(0), skipped_by_dst)
