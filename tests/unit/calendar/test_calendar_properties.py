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
    intended = datetime.combine(due_local.date(), local_start.time())
    wall_clock_shift = datetime.combine(due_local.date(), due_local.time()) - intended
    if _exists(intended, calendar):
        assert wall_clock_shift == timedelta(0)
    else:  # the clock jumps over that wall time on the due day (e.g. 01:00 on the last Sunday of March in London)
        assert timedelta(0) < wall_clock_shift <= _gap_at(intended, calendar)


def _exists(wall: datetime, calendar: BusinessCalendar) -> bool:
    """Whether the naive local wall time happens at all in the calendar's zone (not skipped by a DST change)."""
    aware = wall.replace(tzinfo=calendar.zone)
    return aware.astimezone(UTC).astimezone(calendar.zone).replace(tzinfo=None) == wall


def _gap_at(wall: datetime, calendar: BusinessCalendar) -> timedelta:
    """How far the clock jumps forward around that wall time."""
    before = (wall - timedelta(hours=3)).replace(tzinfo=calendar.zone).utcoffset()
    after = (wall + timedelta(hours=3)).replace(tzinfo=calendar.zone).utcoffset()
    assert before is not None and after is not None
    return after - before


def test_a_due_time_the_clock_skips_moves_to_the_first_wall_time_after_it(every_calendar):
    london = next(c for c in every_calendar if str(c.zone) == "Europe/London")
    # 01:00 BST on 20 September 2032 + 188 days = 01:00 on 27 March 2033, the hour British Summer Time skips.
    due = london.add_calendar_days(datetime(2032, 9, 20, 0, 0, tzinfo=UTC), 188).astimezone(london.zone)
    assert (due.date().isoformat(), due.hour, due.minute) == ("2033-03-27", 2, 0)
