"""How the status page writes a file's size: in the unit a person reads at a glance, in the page's language."""

from babel import Locale
from babel.units import format_unit

KILOBYTE = 1024
UNITS = ("digital-byte", "digital-kilobyte", "digital-megabyte", "digital-gigabyte")


def readable_size(size_bytes: int, locale: Locale) -> str:
    """`512 B`, `12.3 kB`, `1.5 MB` (`12,3 КБ` in Belarusian): one decimal at most, never 0 of a larger unit."""
    value, unit = float(size_bytes), 0
    while value >= KILOBYTE and unit < len(UNITS) - 1:
        value, unit = value / KILOBYTE, unit + 1
    return format_unit(round(value, 1), UNITS[unit], length="short", format="#,##0.#", locale=locale)
