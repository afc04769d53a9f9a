"""Where staff quoted the customer: the customer's personal values, broken into the parts a person writes on their
own, found in a text in any letter case and only as whole words, and blanked.

- a name: the whole name, and each part of it (split at spaces, and at hyphens too) of two characters or more, so a
  first or last name on its own is found too; honorifics (`Mr`, `Dr`…) and lower-case particles (`de`, `van`…)
  are not parts;
- a postal address: the whole address, and each part of it split at commas, semicolons and line breaks that has a
  letter and three characters or more (a house number on its own is not looked for: `12` would blank every 12);
- an e-mail address: as it is (any letter case);
- a phone number: its digits, however they are grouped and spelled (`+44 7700 900123`, `07700-900-123`,
  `+44 (0)7700 900123`, `0044…`, `8 029 …`): a run of digits matches when, once an international prefix (`00`,
  `011`) or a trunk prefix (`0`, `8`) is taken off, it is the end of the number, seven digits or more;
- anything else (a reference, an id, the title and the remedy in the customer's words): as a whole.

Words of a value may be set apart by any spaces or punctuation where it is quoted (`12 Oak Street` is found in
`12, Oak Street`). Each quotation becomes `[erased]`, the longest first, so the whole value is one blank.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from complaint_contracts.personal_data import ERASED_TEXT

Redact = Callable[[str], str]

MIN_PHRASE = 3
"""Shorter whole values (and address parts) are not looked for: too many innocent words are that short."""
MIN_NAME_PART = 2
"""A part of a name this long or longer is looked for on its own (a lone initial is not)."""
MIN_PHONE_DIGITS = 7
"""A run of digits shorter than this is never taken for (the end of) a phone number."""
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam", "dame", "lord", "lady",
                        "rev", "fr"})
PARTICLES = frozenset({"de", "da", "di", "du", "del", "della", "der", "den", "des", "la", "le", "van", "von", "zu",
                       "bin", "bint", "ibn", "al", "el", "y", "e", "dos", "das", "ter", "ten", "op"})
"""Parts of a name that are not looked for on their own when written in lower case (`de` of `Ana de Souza`)."""

_WORD = re.compile(r"\w+")
_HYPHENS = re.compile(r"[-‐‑–—]+")
_ADDRESS_PARTS = re.compile(r"[,;\n\r]+")
_LETTER = re.compile(r"[^\W\d_]")
_DIGITS = re.compile(r"\d+")
_NUMBER = re.compile(r"(?<![\w+])\+?(?:\(\s*)?\d(?:[\d\s().\-/]*\d)?(?!\w)")
"""A run of digits with the separators phone numbers are written with: the candidates for a phone number."""
INTERNATIONAL_PREFIXES = ("00", "011")
TRUNK_EIGHT = "8"
"""The trunk prefix of Belarus and Russia (`8 029 …`); a leading `0`, the usual one, is taken off any number."""


@dataclass(frozen=True)
class Quotable:
    """The customer's values to look for in what staff wrote, by kind (each kind is broken into parts its own way)."""

    names: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    """Values found only as a whole: references, ids, the employee's name, the customer's own short texts."""


def _words_pattern(value: str) -> str | None:
    """The value's words, set apart by anything that is not a word character (None: no word in it)."""
    words = _WORD.findall(value)
    return r"\W+".join(re.escape(word) for word in words) if words else None


def name_parts(name: str) -> list[str]:
    """A name and each part of it that is looked for on its own (a double-barrelled part whole and each half)."""
    spaced = name.split()
    parts = [part.strip(".'’,") for part in [*spaced, *(half for part in spaced for half in _HYPHENS.split(part))]]
    return [name.strip(), *(part for part in dict.fromkeys(parts)
                            if len(part) >= MIN_NAME_PART and _LETTER.search(part)
                            and part.casefold() not in HONORIFICS
                            and not (part.islower() and part in PARTICLES))]


def address_parts(address: str) -> list[str]:
    """An address and each part of it, split at commas, semicolons and line breaks."""
    parts = [part.strip() for part in _ADDRESS_PARTS.split(address)]
    return [address.strip(), *(part for part in parts if len(part) >= MIN_PHRASE and _LETTER.search(part))]


def _phrase_patterns(values: Quotable) -> list[str]:
    texts = [*(part for name in values.names for part in name_parts(name)),
             *(part for address in values.addresses for part in address_parts(address)),
             *(phrase.strip() for phrase in values.phrases if len(phrase.strip()) >= MIN_PHRASE)]
    patterns = {p for text in texts if (p := _words_pattern(text)) is not None}
    patterns |= {re.escape(email.strip()) for email in values.emails if len(email.strip()) >= MIN_PHRASE}
    return sorted(patterns, key=len, reverse=True)


def _forms(digits: str) -> set[str]:
    """The digits of a number as written, and without the international (`00`, `011`) or trunk (`0`, `8`) prefix it
    may be written with."""
    found = {digits, *(digits[len(p):] for p in INTERNATIONAL_PREFIXES if digits.startswith(p))}
    found |= {number.lstrip("0") for number in found}
    found |= {number[1:].lstrip("0") for number in found if number.startswith(TRUNK_EIGHT)}
    return {number for number in found if len(number) >= MIN_PHONE_DIGITS}


def phone_matcher(phones: Iterable[str]) -> Callable[[str], bool]:
    """Whether a run of digits in a text spells one of the phone numbers (kept in E.164 form, country code first):
    once a prefix is taken off, what is written is the number's end (the whole number, or a national or local
    form of it)."""
    stored = [digits for phone in phones if len(digits := re.sub(r"\D", "", phone)) >= MIN_PHONE_DIGITS]

    def matches(digits: str) -> bool:
        return any(number.endswith(written) for written in _forms(digits) for number in stored)

    return matches


def _blank_numbers(text: str, matches: Callable[[str], bool]) -> str:
    """The text with every run of digit groups that spells one of the numbers blanked (from each group on, the
    longest run first)."""
    out, last = [], 0
    for candidate in _NUMBER.finditer(text):
        written = candidate.group()
        # `+44 (0)7700 …`: the trunk zero in brackets is dialled only at home, never with the country code.
        groups = [g for g in _DIGITS.finditer(written) if written[max(g.start() - 1, 0):g.end() + 1] != "(0)"]
        start = 0
        while start < len(groups):
            end = next((end for end in range(len(groups) - 1, start - 1, -1)
                        if matches("".join(g.group() for g in groups[start:end + 1]))), None)
            if end is None:
                start += 1
                continue
            begin = candidate.start() + (groups[start].start() if start else 0)  # with its `+` or `(` when first
            out += [text[last:begin], ERASED_TEXT]
            last, start = candidate.start() + groups[end].end(), end + 1
    return "".join([*out, text[last:]])


def quoting(values: Quotable) -> Redact:
    """A function that replaces every quotation of the values (see the module's docstring) with ERASED_TEXT."""
    patterns = _phrase_patterns(values)
    words = re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)", re.IGNORECASE) if patterns else None
    phones = [phone for phone in values.phones if len(re.sub(r"\D", "", phone)) >= MIN_PHONE_DIGITS]
    number = phone_matcher(phones)
    if words is None and not phones:
        return lambda text: text

    def redact(text: str) -> str:
        if words is not None:
            text = words.sub(ERASED_TEXT, text)
        return _blank_numbers(text, number) if phones else text

    return redact
