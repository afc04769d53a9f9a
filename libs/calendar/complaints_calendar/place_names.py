"""How a calendar's place and a time zone are named to a reader, in the reader's language (Babel's CLDR data):
the one wording the customer's messages and the staff pages share."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale
from babel.dates import get_timezone_location


def place_name(code: str, locale: Locale) -> str:
    """A calendar's place: the country's name, with the code when the calendar is a subdivision's (CLDR names no
    subdivisions): GB-SCT → "United Kingdom (GB-SCT)", DE → "Germany"; a code CLDR does not know, as it is."""
    country, _, subdivision = code.partition("-")
    name = locale.territories.get(country)
    if name is None:
        return code
    return f"{name} ({code})" if subdivision else name


def zone_city(time_zone: str, locale: Locale) -> str:
    """The city a time zone is named after (Europe/Berlin: Berlin, Берлин, Берлін); a zone this machine does not
    know, as it is named."""
    try:
        return get_timezone_location(ZoneInfo(time_zone), locale=locale, return_city=True)
    except (ZoneInfoNotFoundError, ValueError):
        return time_zone
