import pytest
from complaint_contracts.types import Language
from routing.domain.language import analyse, detect_language, normalise_text, prepare_languages


@pytest.mark.parametrize(("text", "language"), [
    ("The kettle caught fire in my kitchen this morning.", Language.EN),
    ("Посылку так и не привезли, курьер молчит.", Language.RU),
    ("Пасылку так і не прывезлі, кур'ер маўчыць.", Language.BE),
    ("ok", None),                                            # too short to tell
])
def test_the_language_of_the_text_itself_is_checked(text: str, language: Language | None) -> None:
    assert detect_language(text) is language


def test_the_text_language_decides_the_lemmas_not_the_answer_language() -> None:
    analysis = analyse("Встретимся в суде, я уже нашёл юриста.", declared=Language.EN)
    assert analysis.language is Language.RU
    assert {"суд", "юрист"} <= {token.lemma for token in analysis.words}


def test_english_words_get_their_dictionary_forms() -> None:
    assert [token.lemma for token in analyse("the children were burnt").words] == ["the", "child", "be", "burn"]


def test_belarusian_words_keep_their_written_form() -> None:
    analysis = analyse("Дзеці атрымалі апёкі", declared=Language.BE)
    assert [token.lemma for token in analysis.words] == [token.surface for token in analysis.words]


def test_negation_reaches_three_words_within_a_clause() -> None:
    words = analyse("No one was hurt, but the plug melted").words
    assert [token.surface for token in words if token.negated] == ["one", "was", "hurt"]


@pytest.mark.parametrize(("text", "language"), [
    ("Дачка ледзь не падавілася дэталлю", Language.BE),
    ("Сын чуть не подавился деталью", Language.RU),
    ("Он чуть было не обжёгся", Language.RU),
    ("Я чуть его не проглотил", Language.RU),
    ("Я ледзь яго не праглынуў", Language.BE),
])
def test_nearly_happened_is_not_a_negation(text: str, language: Language) -> None:
    # "ледзь не" / "чуть не" mean "nearly": the hazard happened in all but name and must not be read as denied.
    assert not any(token.negated for token in analyse(text, declared=language).words)


def test_a_plain_negation_still_negates_after_the_almost_rule() -> None:
    assert [t.surface for t in analyse("Никто не пострадал", declared=Language.RU).words if t.negated] == [
        "не", "пострадал"]
    # "almost" reaches only the clause it stands in
    assert [t.surface for t in analyse("Едва включила, не опасно", declared=Language.RU).words if t.negated] == [
        "опасно"]


def test_normalising_folds_case_apostrophes_and_russian_yo() -> None:
    assert normalise_text("Кур’ер  ПРИВЁЗ") == "кур'ер привез"
    assert normalise_text("памёр", keep_yo=True) == "памёр"


def test_start_up_loads_a_dictionary_for_every_language_lemmatised_and_texts_read_alike_after_it():
    text = "Коробка была смята, внутри разбита ваза, это не опасно."
    before = analyse(text)

    assert prepare_languages() == ["en", "ru"]
    after = analyse(text)
    assert (after.language, [t.lemma for t in after.words]) == (before.language, [t.lemma for t in before.words])
    assert after.language is Language.RU and "быть" in [t.lemma for t in after.words]
