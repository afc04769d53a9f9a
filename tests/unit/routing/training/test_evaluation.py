"""A real check of the shipped model: train on the training split, route the held-out split, meet the targets.

This retrains from the shipped corpus (a few seconds of CPU) and compares with the shipped manifest, so it also
proves the committed artefact is what the corpus and the command produce.
"""

import pytest
from routing.adapters.triage_model import MODEL_DIR, Manifest
from routing.domain.rule_set import RuleSet
from routing.training.corpus import corpus_digest, load_corpus
from routing.training.evaluation import Report, evaluate, failures
from routing.training.pipeline import Trained, regressions, train_and_evaluate


@pytest.fixture(scope="module")
def trained(rule_set: RuleSet) -> Trained:
    return train_and_evaluate(rule_set=rule_set)


def test_retraining_reproduces_the_shipped_models_metrics(trained: Trained) -> None:
    manifest = Manifest.read(MODEL_DIR)
    assert trained.metrics()["overall"] == manifest.metrics["overall"]
    assert trained.metrics()["by_language"] == manifest.metrics["by_language"]
    assert manifest.trained_on == len(trained.training)
    assert manifest.corpus_sha256 == corpus_digest(trained.training)


def test_routing_meets_the_targets_on_the_held_out_split(trained: Trained) -> None:
    report = trained.report
    assert failures(report) == []
    assert report.overall["critical_safety_recall"] == 1.0


def test_the_model_beside_the_rules_beats_the_rules_alone(trained: Trained, rule_set: RuleSet) -> None:
    held_out = [example for example in load_corpus() if example.held_out]
    alone = evaluate(held_out, rule_set=rule_set, model=None)
    for name in ("kind", "category", "department", "priority_at_or_above_floor", "critical_safety_recall"):
        assert trained.report.overall[name] > alone.overall[name], name


def test_a_candidate_worse_on_any_metric_or_language_is_not_promoted() -> None:
    in_force = {"overall": {"category": 0.8, "over_escalation": 0.05}, "by_language": {"be": {"kind": 0.95}}}
    candidate = {"overall": {"category": 0.82, "over_escalation": 0.07}, "by_language": {"be": {"kind": 0.94}}}
    assert regressions(candidate=candidate, in_force=in_force) == [
        "overall over_escalation: 7.0% > 5.0%", "be kind: 94.0% < 95.0%"]
    assert regressions(candidate=in_force, in_force=in_force) == []


def test_failures_name_every_missed_target_and_language_gap() -> None:
    scores = {"kind": 0.96, "category": 0.9, "department": 0.9, "regime": 1.0, "priority_at_or_above_floor": 0.95,
              "over_escalation": 0.12, "critical_safety_recall": 0.9}
    report = Report(examples=2, overall=scores, by_language={"en": scores, "be": {**scores, "kind": 0.85}},
                    confusion={}, cpu_ms_per_decision=1.0, model_version="m", rules_version="r")
    assert failures(report) == ["critical_safety_recall 90.0% < 100%", "over_escalation 12.0% > 10%",
                                "kind: languages more than 5% apart {'en': 0.96, 'be': 0.85}"]
