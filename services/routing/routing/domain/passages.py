"""Hazards told in passing: each sentence of a longer text that describes harm is also read by the model alone.

A complaint about a bill may say, in one sentence among several, that the router's power box gets so hot that the
shelf under it has blistered. Read as a whole, the text is about billing, and the rest dilutes the model's weight on
safety below any bar; a careful officer still makes it critical, because safety always wins (docs/triage.md). So
the sentences in which the guard's `risk_words` describe harm are asked about on their own, in the same prediction
as the whole texts (a prediction's fixed cost is many times a row's), and the highest weight one gets on safety is
kept beside the whole text's opinion for the safety flag: such a sentence describes harm, so it meets the same
bar as a whole text that does (`TriagePolicy.safety_probability`).
"""

from collections.abc import Sequence
from dataclasses import replace

from .language import TextAnalysis
from .rule_set import RuleSet
from .triage import ModelOpinion, TriageModel

MIN_PASSAGE_WORDS = 3
"""A shorter sentence ("Ouch!") says too little to be read alone."""


def risk_passages(analysis: TextAnalysis, rule_set: RuleSet) -> list[TextAnalysis]:
    """The sentences of a text of several that describe harm or a risk of it; none for a one-sentence text (the
    whole text's opinion is that sentence's)."""
    sentences = [part for part in analysis.sentences() if len(part.words) >= MIN_PASSAGE_WORDS]
    if len(sentences) < 2:
        return []
    return [sentence for sentence in sentences if rule_set.describes_risk(sentence)]


def opinions_of(model: TriageModel, analyses: Sequence[TextAnalysis], rule_set: RuleSet) -> list[ModelOpinion]:
    """The model's opinion of each text, with the weight on safety of its riskiest sentence read alone."""
    passages = [risk_passages(analysis, rule_set) for analysis in analyses]
    rows = [*analyses, *(passage for found in passages for passage in found)]
    answers = model.opinions(rows, rule_set.compiled_lexicon)
    whole, read_alone = answers[:len(analyses)], iter(answers[len(analyses):])
    return [replace(opinion, passage_safety=max(next(read_alone).safety_weight for _ in found)) if found
            else opinion for opinion, found in zip(whole, passages, strict=True)]
