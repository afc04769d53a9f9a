"""A hazard told in passing: the sentences that describe harm are read by the model alone, and safety still wins."""

from collections.abc import Callable, Sequence
from dataclasses import replace

from complaint_contracts.types import Category, Language, Priority
from routing.domain.assessment import assess
from routing.domain.facts import ComplaintFacts
from routing.domain.language import TextAnalysis, analyse
from routing.domain.passages import opinions_of, risk_passages
from routing.domain.rule_set import RuleSet
from routing.domain.text_matching import Lexicon
from routing.domain.triage import FieldOpinion, ModelOpinion

from .test_triage import answer, opinion

BILL = ("My bill went from £38 to £52 in April with no letter. I rang twice and was told it is in the terms. "
        "Also the hub's power box gets so hot that the varnish on the shelf has bubbled. "
        "I want the old price back.")


class SentenceModel:
    """A stand-in model that puts weight on safety only for texts with the word 'hot', and records its calls."""

    version = "sentences"

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def opinion(self, analysis: TextAnalysis, lexicon: Lexicon) -> ModelOpinion:
        return self.opinions([analysis], lexicon)[0]

    def opinions(self, analyses: Sequence[TextAnalysis], lexicon: Lexicon) -> list[ModelOpinion]:
        self.calls.append([analysis.text for analysis in analyses])
        return [opinion(category=_hot(analysis)) for analysis in analyses]


def _hot(analysis: TextAnalysis) -> FieldOpinion:
    weight = 0.9 if "hot" in analysis.text.split() and len(analysis.sentences()) == 1 else 0.05
    return answer("billing", 1 - weight, {Category.SAFETY.value: weight})


def test_only_the_sentences_of_a_longer_text_that_describe_harm_are_read_alone(rule_set: RuleSet) -> None:
    passages = risk_passages(analyse(BILL, declared=Language.EN), rule_set)
    assert [passage.text for passage in passages] == [
        "also the hub's power box gets so hot that the varnish on the shelf has bubbled ."]
    assert risk_passages(analyse("The power box gets so hot it bubbled the varnish.", declared=Language.EN),
                         rule_set) == []  # one sentence: the whole text's opinion is that sentence's
    calm = "My bill went up in April. Nobody wrote to me about it. I want the old price back."
    assert risk_passages(analyse(calm, declared=Language.EN), rule_set) == []


def test_the_riskiest_sentence_is_weighed_in_the_same_prediction_as_the_whole_texts(rule_set: RuleSet) -> None:
    model = SentenceModel()
    texts = [analyse(BILL, declared=Language.EN), analyse("Where is my parcel? It is late.", declared=Language.EN)]
    with_hazard, without = opinions_of(model, texts, rule_set)
    assert len(model.calls) == 1 and len(model.calls[0]) == 3  # two texts and one sentence, asked once
    assert with_hazard.safety_weight < 0.2 and with_hazard.passage_safety == 0.9
    assert without.passage_safety is None


def test_a_hazard_told_in_passing_makes_the_complaint_critical_and_the_decision_says_why(
        rule_set: RuleSet, facts_of: Callable[..., ComplaintFacts]) -> None:
    facts = facts_of(description=BILL)
    whole = opinion(category=answer("billing", 0.9, {Category.SAFETY.value: 0.05}))
    bar = rule_set.triage.safety_probability
    calm = assess(facts=facts, rule_set=rule_set, opinion=replace(whole, passage_safety=bar - 0.01))
    assert calm.category is Category.BILLING and calm.priority is not Priority.CRITICAL
    risky = assess(facts=facts, rule_set=rule_set, opinion=replace(whole, passage_safety=bar))
    assert (risky.category, risky.priority) == (Category.SAFETY, Priority.CRITICAL)
    assert any("a sentence that describes harm, read alone, is a risk to safety" in line for line in risky.trace)
