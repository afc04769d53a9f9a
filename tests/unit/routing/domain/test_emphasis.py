import pytest
from complaint_contracts.types import Language
from routing.domain.emphasis import EMPHASIS, stressed_part
from routing.domain.language import analyse
from routing.domain.text_matching import Lexicon

LEXICON = Lexicon.compile({EMPHASIS: {Language.EN: ["but", "but what matters is", "however"],
                                      Language.RU: ["но", "главное"]}})


@pytest.mark.parametrize(("text", "marker", "stressed"), [
    ("The parcel was late, which I can live with, but the vase is chipped.", "but", "the vase is chipped ."),
    # the last marker counts: it is where the writer ends up
    ("Late, but fine, however you charged me twice.", "however", "you charged me twice ."),
    # at one place the longer marker counts, so its own words are not taken for the stressed part
    ("The driver was rude, but what matters is the fridge.", "but what matters is", "the fridge ."),
    ("Курьер опоздал, ладно, но главное — списали дважды.", "главное", "— списали дважды ."),
])
def test_the_words_after_the_last_marker_are_stressed(text: str, marker: str, stressed: str) -> None:
    stress = stressed_part(analyse(text, declared=Language.EN), LEXICON)
    assert stress is not None
    assert (stress.marker, stress.analysis.text) == (marker, stressed)
    assert [token.surface for token in stress.analysis.words] == [word for word in stressed.split() if word.isalnum()]


@pytest.mark.parametrize("text", [
    "But why was I charged twice?",           # nothing before the marker: no two parts compete
    "Charged twice, but why?",                # one word after it is too little to hold a topic
    "I was charged twice for one order.",     # no marker at all
])
def test_nothing_is_stressed_without_words_on_both_sides_of_a_marker(text: str) -> None:
    assert stressed_part(analyse(text, declared=Language.EN), LEXICON) is None


@pytest.mark.parametrize(("text", "against"), [
    ("The parcel was late. I can live with that, but the vase is chipped.", "i can live with that ,"),
    # a marker that opens a sentence turns from the sentence before it; markers in a row are one
    ("The driver was rude. But what matters is the fridge.", "the driver was rude ."),
    ("The driver was rude, but what matters is the fridge.", "the driver was rude ,"),
])
def test_what_the_stressed_part_is_set_against_is_the_sentence_it_turns_from(text: str, against: str) -> None:
    stress = stressed_part(analyse(text, declared=Language.EN), LEXICON)
    assert stress is not None and stress.against.text == against


def test_negation_is_kept_in_the_stressed_part() -> None:
    stress = stressed_part(analyse("The box was dented, but the lamp is not broken.", declared=Language.EN), LEXICON)
    assert stress is not None and [token.negated for token in stress.analysis.words][-1]
