"""What routing reads in a complaint's text: its language, its words, their dictionary forms, and what is negated.

Dictionary forms come from simplemma (English and Russian). No maintained Belarusian lemmatiser works offline
(simplemma has no Belarusian dictionary; lemmatizer-be and ramonak download their data at first use), so
Belarusian words keep their written form: the rules use word starts (`стэм*`) there, and the trained model reads
character n-grams, which see through inflection in every language. The language of the text itself is checked
with lingua, because customers often write in one language and ask for answers in another.
"""

from dataclasses import dataclass
from functools import lru_cache

import simplemma
from complaint_contracts.types import Language
from lingua import Language as LinguaLanguage
from lingua import LanguageDetector, LanguageDetectorBuilder

NEGATORS: dict[Language, frozenset[str]] = {
    Language.EN: frozenset({"not", "no", "never", "without", "nobody", "none", "nothing", "neither", "nor"}),
    Language.RU: frozenset({"не", "нет", "ни", "без", "никто", "ничего", "никогда", "ничто", "никакой", "никаких",
                            "никакого", "никакие", "нисколько"}),
    Language.BE: frozenset({"не", "няма", "ні", "без", "ніхто", "нічога", "ніколі", "ніякі", "ніякіх", "ніякага",
                            "ніякай"}),
}
"""Words that negate what follows them (English contractions in n't count too)."""

CLAUSE_BREAKS = frozenset({"but", "and", "however", "although", "though", "yet", "or", "so", "но", "и", "а",
                           "однако", "зато", "или", "хотя", "але", "і", "ды", "аднак", "або", "хоць", "таму"})
"""Words that end a negation's reach, as punctuation does: "не выключился и задымился" still smoked."""

ALMOST = frozenset({"чуть", "едва", "ледзь", "ледва", "чуць"})
"""Before "не" these mean "almost": "ледзь не падавілася" (nearly choked) happened in all but name, so the "не"
negates nothing. One word may stand between them in the same clause: "чуть было не", "чуть ли не", "чуть его не
проглотил", "ледзь яго не праглынуў"."""

NEGATION_REACH = 3
"""How many words after a negator it still covers ("no one was hurt", "не было никаких травм")."""

_LEMMATISED = {Language.EN: "en", Language.RU: "ru"}
_LINGUA = {LinguaLanguage.ENGLISH: Language.EN, LinguaLanguage.RUSSIAN: Language.RU,
           LinguaLanguage.BELARUSIAN: Language.BE}
_MIN_LANGUAGE_CONFIDENCE = 0.6


def normalise_text(text: str, *, keep_yo: bool = False) -> str:
    """Case-fold, fold apostrophes alike and ў into у; fold ё into е unless asked to keep it.

    Russian writes ё as е at will, so the two are one letter there; Belarusian always writes ё, and it tells words
    apart that would otherwise collide (памёр "died" and памер "size").
    """
    # Belarusian writes у as ў after a vowel (у краме, ва ўсіх): one letter to the matcher.
    folded = text.casefold().replace("’", "'").replace("ʼ", "'").replace("ў", "у")
    if not keep_yo:
        folded = folded.replace("ё", "е")
    return " ".join(folded.split())


SENTENCE_ENDS = frozenset({".", "!", "?", "…", ";"})
"""Tokens that end a sentence (a semicolon ends a clause that reads as one)."""


@dataclass(frozen=True)
class Token:
    """One token of the text: a word (with its dictionary form) or a punctuation mark."""

    surface: str
    lemma: str
    is_word: bool
    negated: bool = False
    """A negator stands at most NEGATION_REACH words before it in the same clause."""


@dataclass(frozen=True, eq=False)  # identity equality: an analysis is a cache key, compared by who it is
class TextAnalysis:
    """A complaint's text read once: normalised, tokenised, lemmatised, negation marked, its language checked."""

    text: str
    tokens: tuple[Token, ...]
    language: Language | None
    """Language the text is written in, when the check is sure; None for short or foreign texts."""

    @property
    def words(self) -> list[Token]:
        return [token for token in self.tokens if token.is_word]

    def part(self, tokens: tuple[Token, ...]) -> "TextAnalysis":
        """A stretch of this text's tokens read as a text of its own (its language is the whole text's)."""
        return TextAnalysis(text=" ".join(token.surface for token in tokens), tokens=tokens, language=self.language)

    def sentences(self) -> list["TextAnalysis"]:
        """The text's sentences, each as a part of its own (an unfinished last one included)."""
        found: list[TextAnalysis] = []
        start = 0
        for index, token in enumerate(self.tokens):
            if token.surface in SENTENCE_ENDS:
                found.append(self.part(self.tokens[start:index + 1]))
                start = index + 1
        if start < len(self.tokens):
            found.append(self.part(self.tokens[start:]))
        return found

    @property
    def asks_question(self) -> bool:
        """The text has a question mark: how Russian and Belarusian ask yes/no questions, with no question word."""
        return any(token.surface == "?" for token in self.tokens)


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    # Only the three languages served, so the models stay small; loaded with the detector (see prepare_languages).
    return LanguageDetectorBuilder.from_languages(*_LINGUA).with_preloaded_language_models().build()


def prepare_languages() -> list[str]:
    """Load the language check's models and the lemmatisers' dictionaries now, at start-up: loaded on first use, the
    first Russian complaint after a start waited ~1.4 s for them. Returns the dictionaries loaded."""
    _detector()
    for code in _LEMMATISED.values():
        simplemma.lemmatize("a", lang=code)
    return sorted(_LEMMATISED.values())


def detect_language(text: str) -> Language | None:
    """The language a text is written in, or None when the check is not sure (too short, another language)."""
    if sum(character.isalpha() for character in text) < 3:
        return None
    best = _detector().compute_language_confidence_values(text)[0]
    return _LINGUA[best.language] if best.value >= _MIN_LANGUAGE_CONFIDENCE else None


def _is_negator(word: str, language: Language | None) -> bool:
    if word.endswith("n't"):
        return True
    languages = [language] if language else list(Language)
    return any(word in NEGATORS[candidate] for candidate in languages)


def _almost(before: list[str]) -> bool:
    """The negator follows "чуть", "ледзь"… directly or with one word between."""
    return any(word in ALMOST for word in before[-2:])


def _lemma(word: str, language: Language | None) -> str:
    code = _LEMMATISED.get(language) if language else None
    if code is None or not any(character.isalpha() for character in word):
        return word
    return normalise_text(simplemma.lemmatize(word, lang=code))


def analyse(text: str, *, declared: Language | None = None) -> TextAnalysis:
    """Read a text: its language (the declared one when the check is unsure), words, lemmas and negations."""
    detected = detect_language(text)
    language = detected or declared
    normalised = normalise_text(text, keep_yo=language is Language.BE)
    tokens: list[Token] = []
    reach = 0
    before: list[str] = []
    """The clause's last two words, to tell "almost" (чуть не) from a negation."""
    for piece in simplemma.simple_tokenizer(normalised):
        is_word = any(character.isalnum() for character in piece)
        if not is_word or piece in CLAUSE_BREAKS:
            reach = 0
            before = []
        tokens.append(Token(surface=piece, lemma=_lemma(piece, language) if is_word else piece, is_word=is_word,
                            negated=is_word and reach > 0))
        if is_word and piece not in CLAUSE_BREAKS:
            negates = _is_negator(piece, language) and not _almost(before)
            reach = NEGATION_REACH if negates else max(reach - 1, 0)
        if is_word:
            before = [*before[-1:], piece]
    return TextAnalysis(text=normalised, tokens=tuple(tokens), language=detected)
