import pytest
from complaint_contracts.types import Language
from routing.domain.text_matching import Lexicon, normalise_text


@pytest.mark.parametrize(("phrase", "text", "found"), [
    ("fire", "the kettle caught FIRE", True),
    ("fire", "you fired the wrong person", False),          # whole word unless the phrase ends with *
    ("injur*", "I was injured", True),
    ("травм*", "Получил травму руки", True),
    ("травм*", "автотравма", False),                         # a stem matches word starts only
    ("отравлен*", "пищевое отравление", True),
    ("апек*", "Атрымаў апёк рукі", True),                     # ё and е are the same letter to the matcher
    ("не працуе", "Чайнік   не\nпрацуе зусім", True),        # spaces and line breaks between words are alike
    ("small claims", "I will go to the small-claims court", False),
    ("суд", "подам в суд", True),
    ("суд", "судя по всему", False),
])
def test_phrases_match_whole_words_or_word_starts(phrase: str, text: str, found: bool) -> None:
    lexicon = Lexicon.compile({"words": {Language.EN: [phrase]}})
    assert (lexicon.find("words", normalise_text(text)) == phrase) is found


def test_find_reports_the_phrase_from_any_language_list() -> None:
    lexicon = Lexicon.compile({"legal": {Language.EN: ["lawyer*"], Language.RU: ["юрист*"], Language.BE: ["юрыст*"]}})
    assert lexicon.find("legal", normalise_text("Я звярнуся да юрыста")) == "юрыст*"
