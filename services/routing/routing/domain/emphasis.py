"""What a customer stresses when a complaint has two topics: the words after the last marker that puts the weight
on what follows ("late, which I can live with, but the vase is chipped"; "…, но главное — …"; "…, але галоўнае …").

A careful officer files such a complaint under its main issue (docs/triage.md), and people mark the main issue this
way in every language served. The markers are the rules' phrase list `emphasis`; a marker counts only with words
on both sides of it, and the category rules take it only when the words it turns from name another topic ("I
emailed about the double charge but got no reply" stresses no second topic: the charge stays the issue).
"""

from dataclasses import dataclass
from functools import lru_cache

from .language import SENTENCE_ENDS, TextAnalysis, Token
from .text_matching import Lexicon

EMPHASIS = "emphasis"
"""The phrase list of markers that put the weight on what follows."""

MIN_WORDS_BEFORE = 2
MIN_WORDS_AFTER = 2


@dataclass(frozen=True)
class Stress:
    """The part of a text its writer stresses, the marker that stresses it, and what it is set against."""

    marker: str
    analysis: TextAnalysis
    against: TextAnalysis
    """The words the marker turns from: its sentence up to the marker, or the sentence before when the marker
    opens one ("The driver was rude. But what matters is…")."""


@lru_cache(maxsize=256)  # rules and model ask about the same text; one answer keeps one analysis (a scan's cache key)
def stressed_part(analysis: TextAnalysis, lexicon: Lexicon) -> Stress | None:
    """The words after the last emphasis marker with words before it, or None when nothing is stressed."""
    tokens = analysis.tokens
    spans = lexicon.spans(EMPHASIS, analysis)
    for start, end, marker in reversed(spans):
        # Markers in a row are one ("but what matters is", "однако главное"): what is turned from precedes them all.
        while any(other_end == start for _, other_end, _ in spans):
            start = next(other_start for other_start, other_end, _ in spans if other_end == start)
        before = sum(token.is_word for token in tokens[:start])
        rest = tokens[end:]
        if before >= MIN_WORDS_BEFORE and sum(token.is_word for token in rest) >= MIN_WORDS_AFTER:
            return Stress(marker=marker, analysis=analysis.part(rest),
                          against=analysis.part(_sentence_before(tokens[:start])))
    return None


def _sentence_before(tokens: tuple[Token, ...]) -> tuple[Token, ...]:
    ends = [index for index, token in enumerate(tokens) if token.surface in SENTENCE_ENDS]
    if ends and ends[-1] == len(tokens) - 1:  # the marker opens a sentence: the one before it
        ends = ends[:-1]
    return tokens[ends[-1] + 1:] if ends else tokens

