"""Cross-validation on the training split: deterministic folds, and the held-out split is never part of it."""

import pytest
from routing.domain.rule_set import RuleSet
from routing.training.corpus import load_corpus
from routing.training.validation import FOLDS, cross_validate, fold_of


def test_a_text_falls_in_the_same_fold_however_its_spaces_are_written() -> None:
    assert fold_of("The kettle  sparks\nwhen switched on.") == fold_of("The kettle sparks when switched on.")
    training = [example for example in load_corpus() if not example.held_out]
    sizes = [sum(fold_of(example.text) == fold for example in training) for fold in range(FOLDS)]
    assert min(sizes) > len(training) / FOLDS * 0.8


def test_cross_validation_refuses_held_out_examples(rule_set: RuleSet) -> None:
    held_out = [example for example in load_corpus() if example.held_out][:3]
    with pytest.raises(ValueError, match="training split only"):
        cross_validate(held_out, rule_set=rule_set)
