"""`complaints triage retrain` promotes a model only when no held-out metric gets worse."""

import json
from pathlib import Path

import pytest
from complaints_cli.triage import commands
from routing.training.evaluation import Report
from routing.training.pipeline import Trained
from typer.testing import CliRunner

SCORES = {"kind": 0.97, "category": 0.8, "department": 0.9, "regime": 1.0, "priority_exact": 0.8,
          "priority_at_or_above_floor": 0.95, "over_escalation": 0.05, "critical_safety_recall": 1.0,
          "needs_human_check": 0.3}
EXPORT = {"examples": [{"complaint_id": "c-1", "text": "Parcel lost again", "language": "en", "jurisdiction": "GB",
                        "product": None, "kind": "complaint", "category": "delivery", "priority": "medium",
                        "department": "customer_support", "regime": "none", "corrected": ["category"],
                        "corrected_at": "2026-05-01T10:00:00Z"}]}


def trained(category: float) -> Trained:
    scores = {**SCORES, "category": category}
    return Trained(artefact={}, training=[], lexicon_sha256="x", report=Report(
        examples=1, overall=scores, by_language={"en": scores}, confusion={}, cpu_ms_per_decision=1.0,
        model_version="candidate", rules_version="2026.06.1"))


@pytest.fixture
def model_dir(tmp_path: Path) -> Path:
    (tmp_path / "manifest.json").write_text(json.dumps({
        "version": "2026.06.1+old", "sha256": "0" * 64, "corpus_sha256": "1" * 64, "rules_version": "2026.06.1",
        "lexicon_sha256": "x", "scikit_learn": "1.9.1", "trained_on": 1,
        "metrics": {"overall": SCORES, "by_language": {"en": SCORES}}}), encoding="utf-8")
    return tmp_path


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "corrections.json"
    path.write_text(json.dumps(EXPORT), encoding="utf-8")
    return path


def test_a_worse_candidate_is_not_promoted(monkeypatch: pytest.MonkeyPatch, model_dir: Path, export: Path) -> None:
    seen = {}

    def fake_train(*, corrections):
        seen["corrections"] = corrections
        return trained(category=0.7)

    monkeypatch.setattr(commands, "train_and_evaluate", fake_train)
    monkeypatch.setattr(commands, "promote", lambda *_, **__: pytest.fail("must not promote"))
    result = CliRunner().invoke(commands.app, ["retrain", str(export), "--model-dir", str(model_dir)])
    assert result.exit_code == 1
    assert "overall category: 70.0% < 80.0%" in result.output
    assert [example.text for example in seen["corrections"]] == ["Parcel lost again"]


def test_a_candidate_no_worse_anywhere_is_promoted(monkeypatch: pytest.MonkeyPatch, model_dir: Path,
                                                   export: Path) -> None:
    promoted = {}
    monkeypatch.setattr(commands, "train_and_evaluate", lambda *, corrections: trained(category=0.82))
    monkeypatch.setattr(commands, "promote", lambda candidate, *, directory, release: promoted.update(
        directory=directory, release=release) or type("M", (), {"version": "2026.06.1+new"})())
    result = CliRunner().invoke(commands.app, ["retrain", str(export), "--model-dir", str(model_dir)])
    assert result.exit_code == 0, result.output
    assert promoted == {"directory": model_dir, "release": "2026.06.1"}
    assert "promoted model 2026.06.1+new" in result.output
