"""The shipped phrase lists tell harm from words that only look like it (docs/triage.md, ambiguous stems)."""

import pytest
from complaint_contracts.types import Language
from routing.domain.language import analyse
from routing.domain.rule_set import RuleSet


@pytest.mark.parametrize(("text", "language"), [
    ("Сильная боль в спине после падения", Language.RU),
    ("У сына болит рука", Language.RU),
    ("Дети обожгли руки", Language.RU),
    ("Сыпь на лице у ребёнка", Language.RU),
    ("На коже волдыри", Language.RU),
    ("I slipped and hurt my back", Language.EN),
    ("Моцны боль у жываце", Language.BE),
    ("Свяцільня ўпала са столі", Language.BE),
])
def test_words_for_bodies_children_and_pain_still_name_harm(rule_set: RuleSet, text: str,
                                                            language: Language) -> None:
    assert rule_set.compiled_lexicon.find("topic_harm", analyse(text, declared=language)) is not None


@pytest.mark.parametrize(("text", "language"), [
    ("С меня взяли больше, чем на ценнике", Language.RU),          # боль*
    ("Руководство магазина не отвечает", Language.RU),              # рук*
    ("В шкафу не хватает деталей", Language.RU),                    # дет*
    ("Платёж не зачислили на лицевой счёт", Language.RU),           # лиц*
    ("Кожаная сумка облезла", Language.RU),                         # кож*
    ("Please get back to me about my refund", Language.EN),         # back
    ("З мяне ўзялі больш, чым трэба", Language.BE),                 # бол*
    ("Стол хістаецца", Language.BE),                                # стол*
])
def test_look_alike_words_name_no_harm(rule_set: RuleSet, text: str, language: Language) -> None:
    analysis = analyse(text, declared=language)
    for name in ("topic_harm", "safety", "health"):
        assert rule_set.compiled_lexicon.find(name, analysis) is None, name


@pytest.mark.parametrize(("text", "language"), [
    ("My son cut his finger on the lid", Language.EN),
    ("Муж сломал зуб о камешек в хлебе", Language.RU),
    ("Я чуть его не проглотил", Language.RU),
    ("Аккумулятор раздулся во время зарядки", Language.RU),
    ("Мама спатыкнулася і зламала руку", Language.BE),
    ("The pharmacy gave my dad 50 mg tablets instead of 5 mg", Language.EN),
    ("В аптеке выдали 50 мг вместо 5", Language.RU),
    ("Экран выгнуло, задняя крышка вздулась", Language.RU),
    ("The screen is bowing out as if something is pushing it from inside", Language.EN),
])
def test_hazards_told_in_everyday_words_are_safety(rule_set: RuleSet, text: str, language: Language) -> None:
    assert rule_set.compiled_lexicon.find("safety", analyse(text, declared=language)) is not None


@pytest.mark.parametrize(("text", "language"), [
    ("The button fell off the first time I wore it", Language.EN),
    ("My watch fell on the pavement and broke my heart", Language.EN),
    ("The display shows the wrong price", Language.EN),
    ("The bill shocked me", Language.EN),
    ("Швы на куртке разошлись", Language.RU),
])
def test_faults_that_endanger_nobody_are_not_safety(rule_set: RuleSet, text: str, language: Language) -> None:
    assert rule_set.compiled_lexicon.find("safety", analyse(text, declared=language)) is None


@pytest.mark.parametrize(("text", "language"), [
    ("Как вернуть платье, которое не подошло?", Language.RU),
    ("Работает ли горячая линия в праздники?", Language.RU),
    ("Ці працуе крама ў нядзелю?", Language.BE),
    ("Will the store be open on Monday?", Language.EN),
])
def test_everyday_question_forms_are_questions(rule_set: RuleSet, text: str, language: Language) -> None:
    assert rule_set.compiled_lexicon.find("question", analyse(text, declared=language)) is not None


@pytest.mark.parametrize(("text", "language", "name"), [
    ("Жду ответа почти неделю", Language.RU, "delivery"),           # почт* found "почти" (almost)
    ("Пятнадцать минут простояла на кассе", Language.RU, "product_defect"),  # пятн* found "пятнадцать"
    ("The stainless steel pan I ordered", Language.EN, "product_defect"),     # stain* found "stainless"
    ("A rustic oak table", Language.EN, "product_defect"),                    # rust* found "rustic"
    ("The moulded plastic handle", Language.EN, "product_defect"),            # mould* found "moulded"
])
def test_look_alike_words_name_no_topic(rule_set: RuleSet, text: str, language: Language, name: str) -> None:
    assert rule_set.compiled_lexicon.find(name, analyse(text, declared=language)) is None


@pytest.mark.parametrize(("text", "language", "name"), [
    ("Посылку отправили почтой", Language.RU, "delivery"),
    ("На куртке пятна после первой стирки", Language.RU, "product_defect"),
    ("The shirt is stained", Language.EN, "product_defect"),
    ("The hinges have gone rusty", Language.EN, "product_defect"),
])
def test_the_words_that_replaced_the_look_alike_stems_still_name_the_topic(rule_set: RuleSet, text: str,
                                                                           language: Language, name: str) -> None:
    assert rule_set.compiled_lexicon.find(name, analyse(text, declared=language)) is not None


@pytest.mark.parametrize(("text", "language"), [
    ("We had to call an ambulance for my wife", Language.EN),
    ("Ночью вызывали скорую, у мужа температура под 39", Language.RU),
    ("Всю ночь не вылезали из туалета", Language.RU),
    ("Ингалятор оказался пустым, узнали во время приступа", Language.RU),
    ("Давялося выклікаць хуткую", Language.BE),
])
def test_harm_to_health_told_in_everyday_words_is_health(rule_set: RuleSet, text: str, language: Language) -> None:
    assert rule_set.compiled_lexicon.find("health", analyse(text, declared=language)) is not None


@pytest.mark.parametrize(("text", "language"), [
    ("Would you do smaller portions for the children?", Language.EN),
    ("Можно ли прийти с детьми и собакой?", Language.RU),
    ("Ці можна прыйсці з дзецьмі і сабакам?", Language.BE),
])
def test_family_and_pets_name_people_not_harm(rule_set: RuleSet, text: str, language: Language) -> None:
    """The model reads whom a text is about apart from harm: naming a child or a dog describes no hazard."""
    analysis = analyse(text, declared=language)
    assert rule_set.compiled_lexicon.find("topic_harm", analysis) is None
    assert rule_set.compiled_lexicon.find("topic_people", analysis) is not None
