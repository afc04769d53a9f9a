"""Train on the training split (plus any staff corrections), measure on the held-out split, and decide promotion."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..adapters.rules_files import load_rules
from ..adapters.triage_model import Manifest
from ..domain.rule_set import RuleSet
from .corpus import Example, load_corpus
from .evaluation import Report, evaluate
from .training import model_of, train_artefact, write_artefact

HIGHER_IS_BETTER = ("kind", "category", "department", "regime", "priority_at_or_above_floor",
                    "critical_safety_recall")
LOWER_IS_BETTER = ("over_escalation",)


@dataclass
class Trained:
    """A freshly trained artefact, what it was trained on, and how routing did with it on the held-out split."""

    artefact: dict[str, Any]
    training: list[Example]
    report: Report
    lexicon_sha256: str

    def metrics(self) -> dict[str, Any]:
        return {"overall": self.report.overall, "by_language": self.report.by_language}


def train_and_evaluate(*, corpus: Sequence[Example] | None = None, corrections: Sequence[Example] = (),
                       rule_set: RuleSet | None = None) -> Trained:
    """Train on the corpus' training split and the corrections (never on held-out texts), evaluate on held-out."""
    corpus = list(corpus) if corpus is not None else load_corpus()
    rule_set = rule_set or load_rules()
    held_out = [example for example in corpus if example.held_out]
    held_texts = {example.text for example in held_out}
    training = [example for example in corpus if not example.held_out]
    training += [example for example in corrections if example.text not in held_texts and not example.held_out]
    artefact = train_artefact(training, lexicon=rule_set.compiled_lexicon)
    report = evaluate(held_out, rule_set=rule_set, model=model_of(artefact, version="candidate"))
    return Trained(artefact=artefact, training=training, report=report, lexicon_sha256=rule_set.lexicon_digest)


def regressions(*, candidate: dict[str, Any], in_force: dict[str, Any]) -> list[str]:
    """Every metric (overall and per language) where the candidate does worse than the model in force."""
    worse = []
    scopes = [("overall", candidate["overall"], in_force.get("overall", {}))]
    scopes += [(language, scores, in_force.get("by_language", {}).get(language, {}))
               for language, scores in candidate["by_language"].items()]
    for scope, new, old in scopes:
        worse += [f"{scope} {name}: {new[name]:.1%} < {old[name]:.1%}" for name in HIGHER_IS_BETTER
                  if name in old and new[name] < old[name]]
        worse += [f"{scope} {name}: {new[name]:.1%} > {old[name]:.1%}" for name in LOWER_IS_BETTER
                  if name in old and new[name] > old[name]]
    return worse


def promote(trained: Trained, *, directory: Path, release: str) -> Manifest:
    """Write the trained artefact and its manifest (the manifest last, so a watcher sees a complete model)."""
    return write_artefact(trained.artefact, directory=directory, release=release, trained_on=trained.training,
                          rules_version=trained.report.rules_version, lexicon_sha256=trained.lexicon_sha256,
                          metrics=trained.metrics())
