import pytest
from complaint_contracts.types import Language
from routing.domain.language import analyse
from routing.domain.text_matching import Lexicon


@pytest.mark.parametrize(("phrase", "text", "found"), [
    ("fire", "the kettle caught FIRE", True),
    ("fire", "you fired the wrong person", False),          # whole word unless the phrase ends with *
    ("injur*", "I was injured", True),
    ("травм*", "Получил травму руки", True),
    ("травм*", "автотравма", False),                         # a stem matches word starts only
    ("отравлен*", "пищевое отравление", True),
    ("отравлен*", "пищевое отравлёние", True),              # in Russian ё and е are the same letter
    ("не працуе", "Чайнік   не\nпрацуе зусім", True),        # spaces and line breaks between words are alike
    ("small claims", "I will go to the small-claims court", False),
    ("суд", "подам в суд", True),
    ("суд", "судя по всему", False),
    ("~суд", "встретимся в суде", True),                    # any inflected form of a dictionary word
    ("~суд", "такая судьба", False),
    ("~обжечься", "сын обжёгся о плиту", True),
    ("~burn", "my son got burnt", True),
    ("court", "the court, I said", True),
    ("legal action", "legal, action", False),               # no punctuation between the words of a phrase
    ("what to do, if", "What to do, if it breaks?", True),     # unless the phrase writes the comma itself
    ("he is #65-119", "my dad, he is 82 and lives alone", True),  # a number in the range
    ("he is #65-119", "he is 8 and loves the toy", False),   # not a word start: a child of eight is not eighty
    ("he is #65-119", "he is 120", False),
    ("#65-119-year-old", "an 80-year-old customer", True),  # the suffix written after the range
    ("#65-119-year-old", "an 80-page manual", False),
    ("ему #65-119 лет", "Ему 78 лет, живёт один", True),
    ("ему #65-119 лет", "перевёл ему 78 рублей", False),
    ("what to do, if", "What to do if it breaks?", False),
    ("уцечк* даных", "пасля ўцечкі даных", True),           # Belarusian ў after a vowel is у to the matcher
])
def test_phrases_match_whole_words_word_starts_or_dictionary_forms(phrase: str, text: str, found: bool) -> None:
    lexicon = Lexicon.compile({"words": {Language.EN: [phrase]}})
    assert (lexicon.find("words", analyse(text)) == phrase) is found


@pytest.mark.parametrize(("phrase", "text", "found"), [
    ("памёр", "Мой бацька памёр месяц таму", True),
    ("памёр", "Памер курткі не адпавядае", False),           # in Belarusian ё tells "died" from "size"
    ("апёк*", "Атрымаў апёк рукі", True),
])
def test_belarusian_keeps_yo_as_a_letter_of_its_own(phrase: str, text: str, found: bool) -> None:
    lexicon = Lexicon.compile({"words": {Language.BE: [phrase]}})
    assert (lexicon.find("words", analyse(text, declared=Language.BE)) == phrase) is found


def test_find_reports_the_phrase_from_any_language_list() -> None:
    lexicon = Lexicon.compile({"legal": {Language.EN: ["lawyer*"], Language.RU: ["юрист*"], Language.BE: ["юрыст*"]}})
    assert lexicon.find("legal", analyse("Я звярнуся да юрыста")) == "юрыст*"


@pytest.mark.parametrize(("text", "counts"), [
    ("The kettle is not dangerous", False),
    ("No one was hurt", False),
    ("Never dangerous, but noisy", False),
    ("It didn't hurt anyone", False),
    ("Чайник не опасный", False),
    ("Не было никаких травм", False),
    ("Чайнік не небяспечны", False),
    ("It is dangerous", True),
    ("It is not safe and it is dangerous", True),            # a later mention is not negated
    ("Чайник не выключился и задымился", True),              # "и" ends the negation's reach
    ("The fan didn't stop, it started to smoke", True),      # so does a comma
])
def test_a_negated_phrase_does_not_count_in_a_negatable_list(text: str, counts: bool) -> None:
    lexicon = Lexicon.compile({"safety": {Language.EN: ["dangerous", "hurt", "smoke"],
                                          Language.RU: ["опасн*", "травм*", "задымил*"],
                                          Language.BE: ["небяспечн*"]}}, negatable=["safety"])
    assert (lexicon.find("safety", analyse(text)) is not None) is counts


def test_negation_is_ignored_in_lists_that_do_not_honour_it() -> None:
    lexicon = Lexicon.compile({"defect": {Language.EN: ["working"]}})
    assert lexicon.find("defect", analyse("It is not working")) == "working"


FIGURATIVE = Lexicon.compile(
    {"safety": {Language.EN: ["burning", "fire"], Language.RU: ["~загореться"], Language.BE: ["шклом"]},
     "topic": {Language.EN: ["burning"]}},
    negatable=["safety"],
    figures={Language.EN: ["burning through", "fire him"], Language.RU: ["загорелся чек", "ошибка горит"],
             Language.BE: ["за шклом"]})


@pytest.mark.parametrize(("text", "counts"), [
    ("I'm burning through my mobile data", False),
    ("You should fire him for that", False),
    ("Приехал, потому что загорелся чек", False),
    ("Стаялі за шклом і пілі чай", False),
    ("The charger was burning", True),
    ("The fire alarm went off, there was a fire", True),
    ("Телевизор загорелся ночью", True),
    ("Загорелся чек, а потом загорелся двигатель", True),    # the second mention is no figure
    ("У салаце быў кавалак шкла, парэзаўся шклом", True),
])
def test_a_hazard_word_in_a_figure_of_speech_does_not_count_in_a_negatable_list(text: str, counts: bool) -> None:
    assert (FIGURATIVE.find("safety", analyse(text)) is not None) is counts


def test_figures_of_speech_leave_other_lists_alone_and_are_no_list_of_their_own() -> None:
    found = FIGURATIVE.scan(analyse("I'm burning through my mobile data"))
    assert FIGURATIVE.find("topic", analyse("I'm burning through my mobile data")) == "burning"
    assert set(found) == {"safety", "topic"} and found["safety"][0].negated
