import json
import os
import shutil
from pathlib import Path

import pytest
from complaint_contracts.types import Language
from complaints_calendar import CalendarBook
from routing.adapters.rules_files import RULES_DIR, ActiveRules
from routing.adapters.triage_model import (
    ARTEFACT_NAME,
    MANIFEST_NAME,
    MODEL_DIR,
    LinearTriageModel,
    Manifest,
    load_triage_model,
    model_inputs,
)
from routing.domain.language import analyse
from routing.domain.rule_set import RuleSet
from routing.domain.triage import FIELDS, TriageModelRefused

from tests.unit.routing.conftest import RECEIVED_AT


@pytest.fixture
def model_copy(tmp_path: Path) -> Path:
    for name in (ARTEFACT_NAME, MANIFEST_NAME):
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    return tmp_path


def edit_manifest(directory: Path, **changes: object) -> None:
    path = directory / MANIFEST_NAME
    path.write_text(json.dumps({**json.loads(path.read_text()), **changes}), encoding="utf-8")


def test_the_shipped_model_answers_every_field_with_its_reasons(model: LinearTriageModel, rule_set: RuleSet) -> None:
    opinion = model.opinion(analyse("The courier left my parcel in the rain and it was soaked."),
                            rule_set.compiled_lexicon)
    assert set(opinion.fields) == set(FIELDS)
    assert opinion["category"].value == "delivery"
    assert abs(sum(opinion["category"].probabilities.values()) - 1) < 1e-6
    assert opinion["category"].features and opinion.model_version == Manifest.read(MODEL_DIR).version


def test_a_run_read_at_once_gets_each_texts_own_opinion(model: LinearTriageModel, rule_set: RuleSet) -> None:
    texts = [analyse("The courier left my parcel in the rain and it was soaked."),
             analyse("Из розетки пошёл дым, запахло гарью.", declared=Language.RU),
             analyse("Вы двойчы спісалі грошы за адну замову.", declared=Language.BE)]
    lexicon = rule_set.compiled_lexicon

    together = model.opinions(texts, lexicon)

    assert together == [model.opinion(text, lexicon) for text in texts]
    assert [o["category"].value for o in together] == ["delivery", "safety", "billing"]
    assert model.opinions([], lexicon) == []


def test_the_shipped_model_was_trained_with_the_shipped_phrase_lists(rule_set: RuleSet) -> None:
    # The model reads the rules' phrase lists as features: a lexicon change needs `complaints triage train`.
    assert Manifest.read(MODEL_DIR).lexicon_sha256 == rule_set.lexicon_digest


def test_negated_words_and_phrase_lists_are_features_of_their_own(rule_set: RuleSet) -> None:
    _, words = model_inputs(analyse("It is not dangerous. The plug melted.", declared=Language.EN),
                            rule_set.compiled_lexicon)
    assert "not_dangerous" in words.split() and "lex_safety" in words.split()


def test_a_question_mark_is_a_feature_of_its_own(rule_set: RuleSet) -> None:
    def words(text: str) -> list[str]:
        return model_inputs(analyse(text, declared=Language.RU), rule_set.compiled_lexicon)[1].split()
    assert "mark_question" in words("Вы доставляете по субботам?")
    assert "mark_question" not in words("Вы доставляете по субботам.")


def test_the_phrase_lists_in_the_words_a_customer_stresses_are_features_of_their_own(rule_set: RuleSet) -> None:
    text = "The courier was a day late, fine, but you charged me twice."
    _, words = model_inputs(analyse(text, declared=Language.EN), rule_set.compiled_lexicon)
    assert {"lex_delivery", "lex_billing", "stress_lex_billing"} <= set(words.split())
    assert "stress_lex_delivery" not in words.split() and "lex_emphasis" not in words.split()
    _, unstressed = model_inputs(analyse("The courier was late and you charged me twice.", declared=Language.EN),
                                 rule_set.compiled_lexicon)
    assert not [word for word in unstressed.split() if word.startswith("stress_")]


@pytest.mark.parametrize(("change", "problem"), [
    ({"sha256": "0" * 64}, "SHA-256 differs from the manifest"),
    ({"scikit_learn": "0.1.0"}, "built with scikit-learn 0.1.0"),
])
def test_an_artefact_the_manifest_does_not_vouch_for_is_refused(model_copy: Path, change: dict[str, str],
                                                                problem: str) -> None:
    edit_manifest(model_copy, **change)
    with pytest.raises(TriageModelRefused, match=problem):
        load_triage_model(model_copy)


def test_a_missing_artefact_or_manifest_is_refused(model_copy: Path) -> None:
    (model_copy / ARTEFACT_NAME).unlink()
    with pytest.raises(TriageModelRefused, match="artefact is missing"):
        load_triage_model(model_copy)
    (model_copy / MANIFEST_NAME).unlink()
    with pytest.raises(TriageModelRefused, match="unreadable manifest"):
        load_triage_model(model_copy)


def test_the_rules_in_force_carry_the_model_and_a_promoted_model_counts_as_an_edit(
        tmp_path: Path, model_copy: Path, calendars: CalendarBook) -> None:
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    for name in ("default.yaml", "teams.yaml"):
        shutil.copy(RULES_DIR / name, rules_dir / name)
    active = ActiveRules(rules_file=rules_dir / "default.yaml", teams_file=rules_dir / "teams.yaml",
                         calendars=calendars, clock=lambda: RECEIVED_AT, model_dir=model_copy)
    assert active.current.model_version == Manifest.read(MODEL_DIR).version
    manifest = model_copy / MANIFEST_NAME
    stamp = manifest.stat().st_mtime + 5
    os.utime(manifest, (stamp, stamp))
    assert active.edited() is not None
    edit_manifest(model_copy, sha256="1" * 64)
    with pytest.raises(TriageModelRefused):
        active.reload()
    assert active.current.model_version == Manifest.read(MODEL_DIR).version   # the model in force stays
