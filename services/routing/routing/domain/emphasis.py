"""What a customer stresses when a complaint has two topics: the words after the last marker that puts the weight
on what follows ("late, which I can live with, but the vase is chipped"; "…, но главное — …"; "…, але галоўнае …").

A careful officer files such a complaint under its main issue (docs/triage.md), and people mark the main issue this
way in every language served. The markers are the rules' phrase list `emphasis`; a marker counts only with words
on both sides of it, because only then do two parts compete.
"""

from dataclasses import dataclass
from functools import lru_cache

from .language import TextAnalysis
from .text_matching import Lexicon

EMPHASIS = "emphasis"
"""The phrase list of markers that put the weight on what follows."""

MIN_WORDS_BEFORE = 2
MIN_WORDS_AFTER = 2


@dataclass(frozen=True)
class Stress:
    """The part of a text its writer stresses, and the marker that stresses it."""

    marker: str
    analysis: TextAnalysis


@lru_cache(maxsize=256)  # rules and model ask about the same text; one answer keeps one analysis (a scan's cache key)
def stressed_part(analysis: TextAnalysis, lexicon: Lexicon) -> Stress | None:
    """The words after the last emphasis marker with words before it, or None when nothing is stressed."""
    tokens = analysis.tokens
    for start, end, marker in reversed(lexicon.spans(EMPHASIS, analysis)):
        before = sum(token.is_word for token in tokens[:start])
        rest = tokens[end:]
        if before >= MIN_WORDS_BEFORE and sum(token.is_word for token in rest) >= MIN_WORDS_AFTER:
            text = " ".join(token.surface for token in rest)
            return Stress(marker=marker, analysis=TextAnalysis(text=text, tokens=rest, language=analysis.language))
    return None
