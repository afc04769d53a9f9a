"""Which Babel locale and time zone a message is written for."""

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from complaint_contracts import Language


def babel_locale(*, language: Language, territory: str | None) -> str:
    """The language as written in the territory (en_GB dates for a British customer), or the bare language."""
    if territory:
        try:
            return str(Locale(language.value, territory))
        except UnknownLocaleError:
            pass
    return language.value


def time_zone_for(*, territory: str) -> str:
    """The territory's time zone when it has exactly one, else UTC (a guess across zones would mislead)."""
    zones = get_global("territory_zones").get(territory, [])
    return zones[0] if len(zones) == 1 else "UTC"
