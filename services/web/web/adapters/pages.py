"""Rendering pages: one Jinja2 environment per language, with that language's catalogue and formats installed.

Templates are autoescaped; dates, numbers and money are formatted for the page's locale by Babel.
"""

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time, format_timedelta, get_datetime_format
from babel.numbers import format_currency, format_decimal
from babel.support import NullTranslations
from babel.units import format_unit
from complaints_calendar import place_name, zone_city
from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..domain.languages import NAMES, SUPPORTED, locale_of

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"
HTMX = "htmx-2.0.11.min.js"


class Pages:
    """Renders a template in the request's language (set on `request.state.language` by the language middleware)."""

    def __init__(self, catalogues: Mapping[str, NullTranslations], *, time_zone: str,
                 templates_dir: Path = TEMPLATES_DIR) -> None:
        self._environments = {language: _environment(language, catalogues.get(language, NullTranslations()),
                                                     ZoneInfo(time_zone), templates_dir)
                              for language in SUPPORTED}
        self._catalogues = catalogues

    def gettext(self, language: str, message: str) -> str:
        """A message of the code (not a template) in the page's language."""
        return self._catalogues.get(language, NullTranslations()).gettext(message)

    def render(self, request: Request, template: str, context: Mapping[str, Any] | None = None, *,
               status_code: int = 200, headers: Mapping[str, str] | None = None) -> HTMLResponse:
        language = getattr(request.state, "language", "en")
        page = self._environments[language].get_template(template)
        body = page.render(**_common(request, language), **(context or {}))
        return HTMLResponse(body, status_code=status_code, headers=dict(headers or {}))


def _common(request: Request, language: str) -> dict[str, Any]:
    token = request.scope.get("csrftoken")
    return {"request": request, "language": language, "languages": NAMES, "htmx": HTMX,
            "csrftoken": token() if callable(token) else "", "staff": getattr(request.state, "staff", None)}


def _environment(language: str, catalogue: NullTranslations, zone: ZoneInfo, templates_dir: Path) -> Environment:
    locale = locale_of(language)
    environment = Environment(loader=FileSystemLoader(templates_dir), autoescape=select_autoescape(["html"]),
                              extensions=["jinja2.ext.i18n"], undefined=StrictUndefined, trim_blocks=True,
                              lstrip_blocks=True)
    environment.install_gettext_translations(catalogue, newstyle=True)  # type: ignore[attr-defined]

    def when(value: datetime | str | None, style: str = "medium") -> str:
        """The date in the given style and the time to the minute with its zone: the reader may live elsewhere."""
        if value is None:
            return ""
        moment = (datetime.fromisoformat(value) if isinstance(value, str) else value).astimezone(zone)
        time = f"{format_time(moment, 'short', locale=locale)} {format_time(moment, 'z', locale=locale)}"
        return (get_datetime_format(style, locale=locale).replace("'", "")
                .replace("{0}", time).replace("{1}", format_date(moment, style, locale=locale)))

    def day(value: datetime | str | None, style: str = "medium") -> str:
        if value is None:
            return ""
        moment = datetime.fromisoformat(value) if isinstance(value, str) else value
        return format_date(moment.astimezone(zone) if isinstance(moment, datetime) else moment, style, locale=locale)

    def money(amount: Decimal | str | float, currency: str) -> str:
        return format_currency(Decimal(str(amount)), currency, locale=locale)

    def number(value: float | int | Decimal) -> str:
        return format_decimal(value, locale=locale)

    def duration(seconds: float) -> str:
        """Minutes and up as Babel rounds them; under a minute in seconds (an acknowledgement takes well under one)."""
        if abs(seconds) < 60:
            return format_unit(round(seconds, 1 if abs(seconds) < 10 else 0), "duration-second", length="long",
                               locale=locale)
        return format_timedelta(seconds, granularity="minute", threshold=1.0, locale=locale)

    def days(count: int) -> str:
        """A number of days in words, with the language's plural ("3 дня", "5 дней")."""
        return format_unit(count, "duration-day", length="long", locale=locale)

    def territory(code: str) -> str:
        return place_name(code, locale)

    def city(time_zone: str) -> str:
        return zone_city(time_zone, locale)

    environment.filters.update(when=when, day=day, money=money, number=number, duration=duration, days=days,
                               territory=territory, city=city)
    return environment
