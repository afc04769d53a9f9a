"""Phrase lists matched against a complaint's words in any language.

A phrase is one or more words: `word` matches that word only, `stem*` any word starting with the stem, and
`~lemma` any inflected form of a dictionary word (English and Russian: `~суд` finds суда, судом, but not судьба),
and `#low-high` a number in that range, with any suffix written after it (`#65-119-year-old` finds "80-year-old"):
an age is told in digits, and a word start (`8*`) would find a child of eight as readily as a man of eighty.
Words of a phrase must follow one another with no punctuation between them, except a comma the phrase itself
writes ("что делать, если": Russian and Belarusian put one before every subordinate clause). A list can honour
negation: then a phrase whose first word a negator covers ("not dangerous", "не опасно", "не небяспечна") does not
count, nor one whose first word stands in a figure of speech the rules name, where a hazard word means something
else ("burning through my data", "загорелся чек": a warning light came on).
"""

import re
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from complaint_contracts.types import Language

from .language import TextAnalysis, Token, normalise_text

NUMBER_RANGE = re.compile(r"#(\d+)-(\d+)(\S*)")
LEADING_NUMBER = re.compile(r"(\d+)(\S*)")


@dataclass(frozen=True)
class WordPattern:
    text: str
    kind: str
    """"word", "stem", "lemma" or "number" (then `text` is the suffix written after the number)."""
    low: int = 0
    high: int = 0
    """The range of a "number" pattern, both ends included."""

    @classmethod
    def parse(cls, written: str) -> "WordPattern":
        number = NUMBER_RANGE.fullmatch(written)
        if number:
            low, high, suffix = number.groups()
            return cls(suffix, "number", int(low), int(high))
        if written.startswith("~"):
            return cls(written[1:], "lemma")
        if written.endswith("*"):
            return cls(written[:-1], "stem")
        return cls(written, "word")

    def matches(self, token: Token) -> bool:
        if not token.is_word:
            return self.text == "," and token.surface == ","  # a comma the phrase writes
        if self.kind == "number":
            number = LEADING_NUMBER.fullmatch(token.surface)
            return bool(number) and number[2] == self.text and self.low <= int(number[1]) <= self.high
        if self.kind == "stem":
            return token.surface.startswith(self.text)
        if self.kind == "lemma":
            return token.lemma == self.text or token.surface == self.text
        return token.surface == self.text


@dataclass(frozen=True)
class Phrase:
    written: str
    words: tuple[WordPattern, ...]

    @classmethod
    def parse(cls, written: str, language: Language | None = None) -> "Phrase":
        normalised = normalise_text(written, keep_yo=language is Language.BE).replace(",", " , ")
        return cls(written, tuple(WordPattern.parse(word) for word in normalised.split()))

    def matches_at(self, tokens: Sequence[Token], start: int) -> bool:
        """Whether the phrase's words follow one another from token `start`."""
        if start + len(self.words) > len(tokens):
            return False
        return all(pattern.matches(tokens[start + offset]) for offset, pattern in enumerate(self.words))


@dataclass(frozen=True)
class Found:
    """A phrase of a list found in a text; `negated` when a negator covers it."""

    phrase: str
    negated: bool


FIGURES = "(figures of speech)"
"""The list of figures of speech inside a compiled lexicon: not an identifier, so no list of the rules is named so."""


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Named phrase lists compiled once; `find` says which phrase of a list a text contains."""

    phrases: Mapping[str, Sequence[Phrase]]
    negatable: frozenset[str] = frozenset()

    @classmethod
    def compile(cls, lists: Mapping[str, Mapping[Language, Sequence[str]]], negatable: Collection[str] = (),
                figures: Mapping[Language, Sequence[str]] | None = None) -> "Lexicon":
        """`figures`: phrases whose words do not count in a negatable list (found with the others, in one pass)."""
        named = {**lists, FIGURES: figures} if figures else lists
        return cls(phrases={name: [Phrase.parse(phrase, language) for language, phrases in by_language.items()
                                   for phrase in phrases]
                            for name, by_language in named.items()},
                   negatable=frozenset(negatable))

    @cached_property
    def _index(self) -> dict[tuple[str, str], list[tuple[str, int, Phrase]]]:
        # Phrases by (kind, text) of their first word, so a scan looks up each token instead of trying every phrase.
        index: dict[tuple[str, str], list[tuple[str, int, Phrase]]] = defaultdict(list)
        for name, phrases in self.phrases.items():
            for order, phrase in enumerate(phrases):
                first = phrase.words[0]
                index[(first.kind, "" if first.kind == "number" else first.text)].append((name, order, phrase))
        return dict(index)

    def _candidates(self, token: Token) -> list[tuple[str, int, Phrase]]:
        keys = [("word", token.surface), ("lemma", token.lemma), ("lemma", token.surface)]
        keys += [("stem", token.surface[:length]) for length in range(1, len(token.surface) + 1)]
        if token.surface[:1].isdigit():
            keys.append(("number", ""))
        return [entry for key in dict.fromkeys(keys) for entry in self._index.get(key, [])]

    def scan(self, analysis: TextAnalysis) -> dict[str, tuple[Found, ...]]:
        """Every phrase found in the text, per list in list order, each marked negated when a negator covers it."""
        return _scan(self, analysis)

    def find(self, name: str, analysis: TextAnalysis) -> str | None:
        """The first phrase of list `name` found in the text and not negated (when the list honours negation)."""
        return next((found.phrase for found in self.found(name, analysis) if not found.negated), None)

    def spans(self, name: str, analysis: TextAnalysis) -> list[tuple[int, int, str]]:
        """Where phrases of list `name` stand in the text: (first token, token after the last, phrase), in text order
        (at one place, the longer phrase last)."""
        tokens = analysis.tokens
        return sorted((start, start + len(phrase.words), phrase.written)
                      for start, token in enumerate(tokens) if token.is_word
                      for list_name, _, phrase in self._candidates(token)
                      if list_name == name and phrase.matches_at(tokens, start))

    def found(self, name: str, analysis: TextAnalysis) -> tuple[Found, ...]:
        """Every phrase of list `name` found in the text, negated or not, in list order."""
        return self.scan(analysis).get(name, ())


@lru_cache(maxsize=256)
def _scan(lexicon: Lexicon, analysis: TextAnalysis) -> dict[str, tuple[Found, ...]]:
    # Rules ask about the same lists many times per complaint: one pass over the words answers them all.
    tokens = analysis.tokens
    hits: dict[tuple[str, int], tuple[Phrase, list[int]]] = {}
    for start, token in enumerate(tokens):
        if not token.is_word:
            continue
        for name, order, phrase in lexicon._candidates(token):
            if phrase.matches_at(tokens, start):
                hits.setdefault((name, order), (phrase, []))[1].append(start)
    figurative = {start + offset for (name, _), (phrase, starts) in hits.items() if name == FIGURES
                  for start in starts for offset in range(len(phrase.words))}
    found: dict[str, list[tuple[int, Found]]] = defaultdict(list)
    for (name, order), (phrase, starts) in hits.items():
        if name == FIGURES:
            continue
        negated = name in lexicon.negatable and all(tokens[start].negated or start in figurative for start in starts)
        found[name].append((order, Found(phrase.written, negated)))
    return {name: tuple(item for _, item in sorted(items, key=lambda pair: pair[0])) for name, items in found.items()}
