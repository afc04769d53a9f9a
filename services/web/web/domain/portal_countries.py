"""The countries a complaint can be filed under (ISO 3166-1), named in the page's language by Babel's CLDR data.

The country decides which rules apply (the UK's FCA, Ireland's CBI, …). It is asked, not guessed: neither the page
language nor the browser's locale says where someone bought something.
"""

import unicodedata
from functools import cache

from babel import Locale
from complaints_calendar import is_jurisdiction

CYRILLIC_ORDER = "абвгдеёжзіийклмнопрстуўфхцчшщъыьэюя"
"""Russian and Belarusian alphabetical order at once (і sits where и does: no language has both)."""


@cache
def countries(locale: Locale) -> list[tuple[str, str]]:
    """Every ISO 3166-1 country as (code, name in the locale), in the locale's alphabetical order."""
    # CLDR names more two-letter territories than ISO 3166-1 has countries (groupings, reserved codes): intake's
    # test of a real code decides which are offered, so the form offers nothing intake refuses.
    names = {code: name for code, name in Locale.parse("en").territories.items() if is_country(code)}
    named = [(code, locale.territories.get(code, english)) for code, english in names.items()]
    return sorted(named, key=lambda pair: _collation_key(pair[1]))


def is_country(code: str) -> bool:
    """An ISO 3166-1 country code (two capital letters), as intake checks it."""
    return len(code) == 2 and code.isalpha() and code.isupper() and is_jurisdiction(code)


def _collation_key(name: str) -> tuple[tuple[int, int], ...]:
    """Dictionary order without ICU: accents ignored (Å as A), Latin before Cyrillic, Cyrillic by its alphabet
    (code-point order would put ё and і after я)."""
    key = []
    for letter in name.casefold():
        if letter in CYRILLIC_ORDER:
            key.append((2, CYRILLIC_ORDER.index(letter)))
            continue
        base = unicodedata.normalize("NFKD", letter)[0]
        key.append((1 if base.isalpha() else 0, ord(base)))
    return tuple(key)
