"""The trained model's opinion beside the rules: when it is used, when it is not, and when a person must look.

The hard rules keep the last word: a safety cue (found by the rules, or seen by the model with a low bar, because
recall comes first) makes a complaint critical; a legal threat sends it to legal; a regulated product to
compliance. Otherwise a confident model answer decides kind and category, may raise the priority, and picks the
department when no rule did. An answer below the confidence bar is not used, and the case is flagged for a check.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, get_args

from complaint_contracts.routing import ModelAnswer, TriageExplanation
from complaint_contracts.types import Category, Language, Priority

from .language import TextAnalysis
from .rules import TriageField, TriagePolicy
from .text_matching import Lexicon

FIELDS: tuple[str, ...] = get_args(TriageField)
"""What the model answers, each with its own head."""

SAFETY_FLAG = "safety"
"""The flag the rules raise for a risk to safety; a model safety cue raises it too."""


@dataclass(frozen=True)
class FieldOpinion:
    """The model's answer for one field: the value, its probability, and the features that pushed it most."""

    value: str
    confidence: float
    probabilities: Mapping[str, float]
    features: tuple[str, ...] = ()

    def probability(self, value: str) -> float:
        return self.probabilities.get(value, 0.0)


@dataclass(frozen=True)
class ModelOpinion:
    """Everything the model said about one text."""

    model_version: str
    fields: Mapping[str, FieldOpinion]
    passage_safety: float | None = None
    """The most weight on safety (or critical) the model put on one sentence that describes harm, read alone; None
    when no sentence of a longer text describes harm (see passages.py)."""

    def __getitem__(self, name: str) -> FieldOpinion:
        return self.fields[name]

    @property
    def safety_weight(self) -> float:
        """How much the model leans to a risk to safety: its probability of safety or of critical, the larger."""
        return max(self["category"].probability(Category.SAFETY.value),
                   self["priority"].probability(Priority.CRITICAL.value))


class TriageModelRefused(ValueError):
    """The model artefact is missing, altered, or built by another scikit-learn: it is not loaded."""


class TriageModel(Protocol):
    """A trained model that reads a text (the adapter loads it from its artefact)."""

    @property
    def version(self) -> str: ...

    def opinion(self, analysis: TextAnalysis, lexicon: Lexicon) -> ModelOpinion:
        """The model's answer for every field in FIELDS (it reads which of the rules' phrase lists the text hits)."""
        ...

    def opinions(self, analyses: Sequence[TextAnalysis], lexicon: Lexicon) -> list[ModelOpinion]:
        """`opinion` for many texts at once, in their order: one prediction per field for the whole run, since a
        prediction's fixed cost is many times that of a row."""
        ...


@dataclass
class ModelUse:
    """What the model decided in one assessment, and why a person should check it (filled as stages run)."""

    opinion: ModelOpinion
    policy: TriagePolicy
    used: set[str] = field(default_factory=set)
    doubts: list[str] = field(default_factory=list)

    def confident(self, name: str) -> bool:
        return self.opinion[name].confidence >= self.policy.confidence

    def overrules(self, name: str) -> bool:
        """Whether the model, not confident, is still sure enough to overrule the rules on this field."""
        bar = self.policy.overrule.get(name)
        return bar is not None and self.opinion[name].confidence >= bar

    def describe(self, name: str) -> str:
        answer = self.opinion[name]
        features = ", ".join(f"'{feature}'" for feature in answer.features) or "none"
        return (f"model {self.opinion.model_version}: {name} {answer.value} "
                f"(confidence {answer.confidence:.2f}; features {features})")

    def safety_bar(self, *, risk_described: bool) -> float:
        """How much weight on safety (or critical) the model must put for the hard safety rule to apply: a low bar
        when the text describes harm or a risk of it (recall first), a higher one when it does not — a text that
        only names a child, a heater or a battery describes no hazard."""
        return self.policy.safety_probability if risk_described else self.policy.safety_probability_alone

    def sees_safety_risk(self, *, bar: float) -> bool:
        return self.opinion.safety_weight >= bar

    def sees_risk_in_passage(self) -> bool:
        """Whether one sentence describing harm, read alone, is a hazard to the model: told in passing in a text
        about something else, a hazard's weight is diluted by the rest, and safety still wins."""
        weight = self.opinion.passage_safety
        return weight is not None and weight >= self.policy.safety_probability

    def take(self, name: str, rules_value: str, *, rules_decided: bool = True) -> tuple[str | None, str]:
        """The model's value for a field when it differs from the rules' and the model is confident — or, when no
        rule decided the field (a default), its best guess all the same; the trace line says which."""
        answer = self.opinion[name]
        if not self.confident(name):
            self.doubts.append(f"{name}: the model is not sure ({answer.confidence:.2f} < "
                               f"{self.policy.confidence:.2f})")
            if answer.value != rules_value and rules_decided and self.overrules(name):
                self.used.add(name)
                return answer.value, (f"{self.describe(name)} → below the confidence bar, but sure enough to overrule "
                                      f"the rules ({rules_value}): {name} {answer.value} for now, a person checks it")
            if rules_decided or answer.value == rules_value:
                return None, f"{self.describe(name)} → below the confidence bar; the rules decide ({rules_value})"
            self.used.add(name)
            return answer.value, (f"{self.describe(name)} → below the confidence bar, but no rule decided: "
                                  f"{name} {answer.value} for now, a person checks it")
        if answer.value == rules_value:
            return None, f"{self.describe(name)} → agrees with the rules"
        self.used.add(name)
        return answer.value, f"{self.describe(name)} → {name} {answer.value} (the rules said {rules_value})"


def explanation(*, model: ModelUse, text_language: Language | None) -> TriageExplanation:
    """What the decision event says about the model: its version, answers, confidences, features and doubts."""
    return TriageExplanation(
        model_version=model.opinion.model_version, text_language=text_language, doubts=list(model.doubts),
        answers=[ModelAnswer(field=name, value=answer.value, confidence=round(answer.confidence, 4),
                             features=list(answer.features), used=name in model.used)
                 for name, answer in model.opinion.fields.items()])
