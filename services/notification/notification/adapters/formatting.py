"""Jinja filters that write dates, amounts and numbers the way the reader's locale does (Babel)."""

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_time, get_timezone
from babel.numbers import format_currency, format_decimal
from complaint_contracts import Money
from complaints_calendar import Shift, place_name, zone_city
from jinja2 import pass_context
from jinja2.runtime import Context

from ..domain.business_time import Workdays


@lru_cache(maxsize=128)
def _locale(identifier: str) -> Locale:
    # Babel parses a locale given by name on every call, which profiled as most of a mail's rendering time.
    return Locale.parse(identifier)


def format_when(value: datetime, *, locale: str, time_zone: str) -> str:
    """Date and time in the reader's zone, with the zone named so no one guesses."""
    return _when(_to_the_minute(value), locale, time_zone)


def format_day(value: datetime, *, locale: str, time_zone: str) -> str:
    """The calendar day in the reader's zone."""
    return _day(_to_the_minute(value), locale, time_zone)


def _to_the_minute(value: datetime) -> datetime:
    # What is written shows minutes at most; the complaints received in one minute share their deadlines' minutes.
    return value.replace(second=0, microsecond=0)


# Each moment is formatted once per locale and zone (a mail says it in its text and its HTML, and many mails name the
# same minute): Babel's formatting was ~40 % of rendering a mail.
@lru_cache(maxsize=4096)
def _when(value: datetime, locale: str, time_zone: str) -> str:
    zone = get_timezone(time_zone)
    local = value.astimezone(zone)
    clock = format_time(local, "short", tzinfo=zone, locale=_locale(locale))
    return f"{format_date(local, 'long', locale=_locale(locale))}, {clock} ({time_zone})"


@lru_cache(maxsize=4096)
def _day(value: datetime, locale: str, time_zone: str) -> str:
    return format_date(value.astimezone(get_timezone(time_zone)), "long", locale=_locale(locale))


def format_money(value: Money, *, locale: str) -> str:
    return format_currency(value.amount, value.currency, locale=_locale(locale))


def format_number(value: float | int | Decimal, *, locale: str) -> str:
    return _number(value, locale)


# Mails name few distinct numbers (a deadline's amount), and Babel parses the pattern on every call: ~6 % of
# notification's CPU under load before it was cached. Equal numbers of different types write alike with this pattern.
@lru_cache(maxsize=1024)
def _number(value: float | int | Decimal, locale: str) -> str:
    return format_decimal(value, format="#,##0.##", locale=_locale(locale))


@pass_context
def when_filter(context: Context, value: datetime) -> str:
    return format_when(value, locale=context["locale"], time_zone=context["time_zone"])


@pass_context
def day_filter(context: Context, value: datetime) -> str:
    return format_day(value, locale=context["locale"], time_zone=context["time_zone"])


@pass_context
def money_filter(context: Context, value: Money) -> str:
    return format_money(value, locale=context["locale"])


@pass_context
def number_filter(context: Context, value: float | int | Decimal) -> str:
    return format_number(value, locale=context["locale"])


def format_place(code: str, *, locale: str) -> str:
    """A calendar's place in the reader's language (`complaints_calendar.place_name`)."""
    return place_name(code, _locale(locale))


def format_city(time_zone: str, *, locale: str) -> str:
    """The city a time zone is named after, in the reader's language (`complaints_calendar.zone_city`)."""
    return zone_city(time_zone, _locale(locale))


def format_week(week: Sequence[Workdays], *, locale: str) -> str:
    """Working days and their hours as a schedule reads: "Mon–Fri 09:00–17:30", "пн–пт 09:00–13:00, 14:00–18:00"."""
    return _week(tuple(week), locale)


# A calendar's week is written in most acknowledgements, always the same for one calendar and language.
@lru_cache(maxsize=256)
def _week(week: tuple[Workdays, ...], locale: str) -> str:
    names = _locale(locale).days["stand-alone"]["abbreviated"]
    return "; ".join(f"{names[days.first]}{'' if days.first == days.last else '–' + names[days.last]} "
                     f"{', '.join(_shift(shift, locale) for shift in days.shifts)}" for days in week)


def _shift(shift: Shift, locale: str) -> str:
    end = "24:00" if shift.end is None else format_time(shift.end, "short", locale=_locale(locale))
    return f"{format_time(shift.start, 'short', locale=_locale(locale))}–{end}"


@pass_context
def place_filter(context: Context, code: str) -> str:
    return format_place(code, locale=context["locale"])


@pass_context
def city_filter(context: Context, time_zone: str) -> str:
    return format_city(time_zone, locale=context["locale"])


@pass_context
def week_filter(context: Context, week: Sequence[Workdays]) -> str:
    return format_week(week, locale=context["locale"])


def plural_form(count: float, forms: tuple[str, ...], *, locale: str) -> str:
    """The form of a word that goes with `count` by the language's CLDR plural rule: `forms` are the one, few and
    many forms (English: one and other); fractions take the last."""
    category = _locale(locale).plural_form(count)
    if category == "one":
        return forms[0]
    return forms[1] if category == "few" and len(forms) > 2 else forms[-1]


@pass_context
def plural_filter(context: Context, count: float, *forms: str) -> str:
    return plural_form(count, forms, locale=context["locale"])


FILTERS = {"when": when_filter, "day": day_filter, "money": money_filter, "number": number_filter,
           "plural": plural_filter, "place": place_filter, "city": city_filter, "week": week_filter}
