"""How the model's opinion is used beside the rules: hard rules keep the last word; doubt asks for a person."""

from collections.abc import Callable, Mapping

import pytest
from complaint_contracts.types import Category, ComplaintKind, Priority
from routing.domain.assessment import assess, choose_department
from routing.domain.facts import ComplaintFacts
from routing.domain.rule_set import RuleSet
from routing.domain.triage import FieldOpinion, ModelOpinion

PARCEL = "My parcel was never delivered and the courier does not answer."


def answer(value: str, confidence: float, others: Mapping[str, float] | None = None) -> FieldOpinion:
    return FieldOpinion(value=value, confidence=confidence, probabilities={value: confidence, **(others or {})},
                        features=("feature-a", "feature-b"))


def opinion(*, kind: FieldOpinion | None = None, category: FieldOpinion | None = None,
            priority: FieldOpinion | None = None, department: FieldOpinion | None = None) -> ModelOpinion:
    return ModelOpinion(model_version="test-model", fields={
        "kind": kind or answer("complaint", 0.9), "category": category or answer("delivery", 0.9),
        "priority": priority or answer("medium", 0.9), "department": department or answer("customer_support", 0.9)})


def test_a_confident_model_decides_the_category_and_says_why(rule_set: RuleSet,
                                                            facts_of: Callable[..., ComplaintFacts]) -> None:
    assessment = assess(facts=facts_of(description="You took the money for the order twice."), rule_set=rule_set,
                        opinion=opinion(category=answer("billing", 0.8)))
    assert assessment.category is Category.BILLING
    assert any(line.startswith("model test-model: category billing (confidence 0.80; features 'feature-a', "
                               "'feature-b')") for line in assessment.trace)
    assert not assessment.needs_human_check


def test_an_unsure_model_leaves_the_rules_in_charge_and_asks_for_a_person(
        rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts]) -> None:
    assessment = assess(facts=facts_of(), rule_set=rule_set, opinion=opinion(category=answer("billing", 0.3)))
    assert assessment.category is Category.DELIVERY          # the rules found a delivery complaint
    assert assessment.needs_human_check
    assert assessment.model is not None and assessment.model.doubts == ["category: the model is not sure (0.30 < 0.55)"]


@pytest.mark.parametrize(("confidence", "category"), [(0.34, Category.DELIVERY), (0.35, Category.BILLING),
                                                      (0.54, Category.BILLING)])
def test_below_the_bar_the_model_overrules_the_category_rules_from_the_overrule_bar_and_asks_for_a_person(
        rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts], confidence: float, category: Category) -> None:
    assert rule_set.triage.overrule == {"category": 0.35}
    assessment = assess(facts=facts_of(), rule_set=rule_set, opinion=opinion(category=answer("billing", confidence)))
    assert assessment.category is category
    assert assessment.needs_human_check
    overruled = [line for line in assessment.trace if "sure enough to overrule the rules (delivery)" in line]
    assert len(overruled) == (category is Category.BILLING)


def test_the_overrule_bar_is_per_field(rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts]) -> None:
    assessment = assess(facts=facts_of(), rule_set=rule_set, opinion=opinion(kind=answer("enquiry", 0.5)))
    assert "kind" not in rule_set.triage.overrule
    assert assessment.kind is ComplaintKind.COMPLAINT and assessment.needs_human_check
    assert not any("sure enough to overrule" in line for line in assessment.trace)


def test_when_no_rule_decides_the_models_best_guess_is_used_and_checked(
        rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts]) -> None:
    assessment = assess(facts=facts_of(description="Something about my visit last week."), rule_set=rule_set,
                        opinion=opinion(category=answer("service_quality", 0.4)))
    assert (assessment.category, assessment.needs_human_check) == (Category.SERVICE_QUALITY, True)


def test_the_topic_a_customer_stresses_is_not_overruled_by_the_model(
        rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts]) -> None:
    text = "The driver was rude when he delivered the fridge, but what matters is that the fridge does not cool."
    assessment = assess(facts=facts_of(description=text), rule_set=rule_set,
                        opinion=opinion(category=answer("delivery", 0.9)))
    assert assessment.category is Category.PRODUCT_QUALITY
    assert "category-stressed: the customer says which topic matters most, so the model is not asked" in \
        assessment.trace
    unstressed = assess(facts=facts_of(description="The driver delivered the fridge and it does not cool."),
                        rule_set=rule_set, opinion=opinion(category=answer("delivery", 0.9)))
    assert unstressed.category is Category.DELIVERY


def test_safety_always_wins_over_the_model(rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts]) -> None:
    assessment = assess(facts=facts_of(description="The heater caught fire."), rule_set=rule_set,
                        opinion=opinion(category=answer("product_quality", 0.99), priority=answer("low", 0.99),
                                        kind=answer("enquiry", 0.99)))
    assert (assessment.kind, assessment.category, assessment.priority) == (
        ComplaintKind.COMPLAINT, Category.SAFETY, Priority.CRITICAL)


def test_an_unsure_guess_of_safety_where_the_guard_saw_no_risk_takes_the_next_category(
        rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts]) -> None:
    assessment = assess(facts=facts_of(description="Something about my visit last week."), rule_set=rule_set,
                        opinion=opinion(category=answer("safety", 0.44, {"billing": 0.40, "other": 0.16})))
    assert (assessment.category, assessment.priority) == (Category.BILLING, Priority.MEDIUM)
    assert assessment.needs_human_check
    assert any(line.startswith("category-not-safety:") for line in assessment.trace)


@pytest.mark.parametrize(("language", "description"), [
    ("en", "Thanks for nothing, the parcel never arrived."),
    ("ru", "Благодарю за прекрасный сервис: заказ потеряли, деньги не вернули."),
    ("be", "Дзякуй за цудоўны сэрвіс: заказ згубілі, грошы не вярнулі."),
])
def test_sarcastic_thanks_beside_a_grievance_stays_a_complaint_whatever_the_model_says(
        rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts], language: str, description: str) -> None:
    assessment = assess(facts=facts_of(description=description, language=language), rule_set=rule_set,
                        opinion=opinion(kind=answer("enquiry", 0.99)))
    assert assessment.kind is ComplaintKind.COMPLAINT
    assert any(line.startswith("sarcastic-thanks: this rule has the last word") for line in assessment.trace)


@pytest.mark.parametrize(("model_kind", "confidence", "kind"), [
    ("enquiry", 0.9, ComplaintKind.ENQUIRY),
    ("enquiry", 0.5, ComplaintKind.COMPLAINT),
])
def test_thanks_for_a_problem_put_right_is_weighed_by_the_model(
        rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts], model_kind: str, confidence: float,
        kind: ComplaintKind) -> None:
    """Thanks beside words of a grievance reads as a complaint, but the grievance may be over: the model, which
    reads the whole text, may say it is praise; unsure, the safer reading stands."""
    description = "Thank you for fixing the mistake on my bill so quickly, the money was back the next day."
    assessment = assess(facts=facts_of(description=description), rule_set=rule_set,
                        opinion=opinion(kind=answer(model_kind, confidence)))
    assert any(line.startswith("thanks-beside-grievance:") for line in assessment.trace)
    assert assessment.kind is kind


def test_praise_alone_is_left_to_the_model(rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts]) -> None:
    assessment = assess(facts=facts_of(description="Brilliant service from the Leeds team, well done."),
                        rule_set=rule_set, opinion=opinion(kind=answer("enquiry", 0.9)))
    assert assessment.kind is ComplaintKind.ENQUIRY


def test_a_model_safety_cue_needs_only_a_low_bar_when_the_text_speaks_of_harm(
        rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts]) -> None:
    cue = answer("product_quality", 0.7, {"safety": 0.25})
    harm = assess(facts=facts_of(description="The cot came apart and my baby's hand was trapped."),
                  rule_set=rule_set, opinion=opinion(category=cue))
    no_harm = assess(facts=facts_of(description="The shelf came apart after a week."), rule_set=rule_set,
                     opinion=opinion(category=cue))
    assert (harm.category, harm.priority) == (Category.SAFETY, Priority.CRITICAL)
    assert no_harm.priority is not Priority.CRITICAL


@pytest.mark.parametrize(("description", "language", "critical"), [
    ("My son's torch stopped lighting up after a day, the batteries are new.", "en", False),
    ("The heater's remote does not work, the heater itself is fine.", "en", False),
    ("Nobody was hurt, but the toy's wheel squeaks.", "en", False),
    ("The cot side dropped and my baby nearly fell out.", "en", True),
    ("Детский фонарик не светит, батарейки новые.", "ru", False),
    ("Обогреватель так раскалился, что сын чуть не обжёгся.", "ru", True),
    ("Дзіцячы ліхтарык не свеціць, батарэйкі новыя.", "be", False),
    ("Абагравальнік так распаліўся, што сын ледзь не апёкся.", "be", True),
    # Poison within a child's reach is harm about to happen, with no word of harm done.
    ("The pest controller left poison pellets behind the sofa, where the baby crawls.", "en", True),
    ("Гранулы раскідалі пад батарэямі, адну я знайшла ў дзіцяці ў руцэ.", "be", True),
    ("Средство от моли пахнет слабо, моль осталась.", "ru", False),
    # A machine that would not stop, raw meat served to a child, a strap that snapped under a load.
    ("Got off the ride-on mower and the blades were still spinning with nobody on the seat.", "en", True),
    ("Сыну принесли бургер, а внутри сырое мясо, сок течёт.", "ru", True),
    ("Несучы піяніна па лесвіцы, у грузчыка парваўся рамень.", "be", True),
    # "Lies to my face" ("врёт в глаза") is a figure of speech, not something in the eyes.
    ("Мастер врёт в глаза уже три дня, машина стоит неразобранная.", "ru", False),
])
def test_the_low_safety_bar_needs_harm_described_not_objects_named(
        description: str, language: str, critical: bool, rule_set: RuleSet,
        facts_of: Callable[..., ComplaintFacts]) -> None:
    cue = answer("product_quality", 0.7, {"safety": 0.3})
    assessment = assess(facts=facts_of(description=description, language=language), rule_set=rule_set,
                        opinion=opinion(category=cue))
    assert (assessment.priority is Priority.CRITICAL) is critical


def test_a_confident_model_safety_cue_counts_without_harm_words(
        rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts]) -> None:
    assessment = assess(facts=facts_of(description="The pushchair folded in on itself with my daughter in it."),
                        rule_set=rule_set, opinion=opinion(category=answer("safety", 0.6)))
    assert (assessment.category, assessment.priority) == (Category.SAFETY, Priority.CRITICAL)


def test_the_model_may_raise_the_priority_but_never_below_a_rules_floor(
        rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts]) -> None:
    raised = assess(facts=facts_of(description=PARCEL + " I'll make sure you answer for this."), rule_set=rule_set,
                    opinion=opinion(priority=answer("high", 0.8)))
    kept = assess(facts=facts_of(description=PARCEL + " I will take you to court."), rule_set=rule_set,
                  opinion=opinion(priority=answer("low", 0.95)))
    assert (raised.priority, kept.priority) == (Priority.HIGH, Priority.HIGH)


def test_a_hard_department_rule_is_final_and_the_model_fills_the_default(
        rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts]) -> None:
    legal = assess(facts=facts_of(description=PARCEL + " My solicitor will hear of this."), rule_set=rule_set,
                   opinion=opinion(department=answer("customer_support", 0.99)))
    indirect = assess(facts=facts_of(description=PARCEL + " People who deal with firms like yours will be in touch."),
                      rule_set=rule_set, opinion=opinion(department=answer("legal", 0.9)))
    assert choose_department(assessment=legal, rule_set=rule_set)[0] == "legal"
    department, reason = choose_department(assessment=indirect, rule_set=rule_set)
    assert department == "legal" and "model test-model: department legal" in reason


def rule_category(overrides: dict[str, str]) -> str:
    return "product_quality" if "toaster" in overrides.get("description", "") else "delivery"


@pytest.mark.parametrize(("overrides", "model_says", "department"), [
    ({}, "sales", "customer_support"),                                  # not a department the policy lets it pick
    ({}, "compliance", "customer_support"),                             # compliance follows regime, category, flags
    ({"description": "The toaster is broken."}, "customer_support", "quality"),   # a rule placed it
])
def test_the_model_only_fills_the_default_with_departments_the_policy_allows(
        rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts], overrides: dict[str, str], model_says: str,
        department: str) -> None:
    assessment = assess(facts=facts_of(**overrides), rule_set=rule_set,
                        opinion=opinion(category=answer(rule_category(overrides), 0.9),
                                        department=answer(model_says, 0.99)))
    assert choose_department(assessment=assessment, rule_set=rule_set)[0] == department


def test_the_model_sends_only_enquiries_to_marketing(rule_set: RuleSet,
                                                     facts_of: Callable[..., ComplaintFacts]) -> None:
    complaint = assess(facts=facts_of(), rule_set=rule_set, opinion=opinion(department=answer("marketing", 0.99)))
    enquiry = assess(facts=facts_of(description="Could you tell me your opening hours on Sundays?"),
                     rule_set=rule_set, opinion=opinion(kind=answer("enquiry", 0.99), category=answer("other", 0.9),
                                                        department=answer("marketing", 0.99)))
    assert (complaint.kind, enquiry.kind) == (ComplaintKind.COMPLAINT, ComplaintKind.ENQUIRY)
    assert choose_department(assessment=complaint, rule_set=rule_set)[0] == "customer_support"
    assert choose_department(assessment=enquiry, rule_set=rule_set)[0] == "marketing"
    assert rule_set.triage.model_departments_for(ComplaintKind.COMPLAINT) == ["legal"]


@pytest.mark.parametrize("text", [
    "A man claiming to be my husband rang and your receptionist gave him my new address. She was rude to me as well.",
    "Администратор без моего ведома рассказала соседке, к какому врачу я записана, и ещё нагрубила мне.",
])
def test_personal_data_told_to_someone_else_is_privacy_whatever_the_model_says(
        rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts], text: str) -> None:
    assessment = assess(facts=facts_of(description=text), rule_set=rule_set,
                        opinion=opinion(category=answer("staff_conduct", 0.95)))
    assert (assessment.category, assessment.priority) == (Category.PRIVACY, Priority.HIGH)
    assert "category-breach: this rule has the last word on the category; the model is not asked" in assessment.trace
    assert choose_department(assessment=assessment, rule_set=rule_set)[0] == "compliance"


def test_a_doctor_named_in_a_complaint_about_personal_data_is_what_was_disclosed_not_harm(
        rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts]) -> None:
    disclosed = assess(facts=facts_of(description="Someone pretending to be my sister rang the surgery and was told "
                                                  "which doctor I see."), rule_set=rule_set)
    assert (disclosed.category, disclosed.priority) == (Category.PRIVACY, Priority.HIGH)


@pytest.mark.parametrize("text", [
    "The dentist was not there for my 9 o'clock appointment and nobody had rung to say.",
    "Записалась к врачу на 9 утра, приехала, а приём перенесли без предупреждения.",
    "Запісалася да доктара на 9 раніцы, а прыём перанеслі і нікому не сказалі.",
])
def test_a_named_doctor_is_no_hazard_on_its_own_but_lowers_the_models_bar_for_one(
        rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts], text: str) -> None:
    unlikely = answer("service_quality", 0.8, {"safety": 0.1})
    waited = assess(facts=facts_of(description=text), rule_set=rule_set, opinion=opinion(category=unlikely))
    assert (waited.category, waited.priority) == (Category.SERVICE_QUALITY, Priority.MEDIUM)

    possible = answer("service_quality", 0.6, {"safety": 0.25})  # above the guard's bar, below the bar alone
    harmed = assess(facts=facts_of(description="After eating your soup my son had to see a doctor."),
                    rule_set=rule_set, opinion=opinion(category=possible))
    assert (harmed.category, harmed.priority) == (Category.SAFETY, Priority.CRITICAL)
    unnamed = assess(facts=facts_of(description="After eating your soup my son stayed at home."),
                     rule_set=rule_set, opinion=opinion(category=possible))
    assert unnamed.priority is not Priority.CRITICAL
