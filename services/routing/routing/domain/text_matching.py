"""Phrase lists matched against complaint text in any language: whole words, or word starts with `*`."""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from complaint_contracts.types import Language


def normalise_text(text: str) -> str:
    """Case-fold and fold ё into е so that spelling variants match the same phrase."""
    return " ".join(text.casefold().replace("ё", "е").split())


def _phrase_pattern(phrase: str) -> str:
    words = normalise_text(phrase).split(" ")
    stem = r"\s+".join(re.escape(word.rstrip("*")) + (r"\w*" if word.endswith("*") else "") for word in words)
    return rf"(?<!\w){stem}(?!\w)"


@dataclass(frozen=True)
class Lexicon:
    """Named phrase lists compiled once; `find` says which phrase of a list a text contains."""

    patterns: Mapping[str, Sequence[tuple[str, re.Pattern[str]]]]

    @classmethod
    def compile(cls, lists: Mapping[str, Mapping[Language, Sequence[str]]]) -> "Lexicon":
        return cls(patterns={
            name: [(phrase, re.compile(_phrase_pattern(phrase))) for phrases in by_language.values()
                   for phrase in phrases]
            for name, by_language in lists.items()
        })

    def find(self, name: str, normalised_text: str) -> str | None:
        """The first phrase of list `name` found in the text, or None."""
        return next((phrase for phrase, pattern in self.patterns[name] if pattern.search(normalised_text)), None)
