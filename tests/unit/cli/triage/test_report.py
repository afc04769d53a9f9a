import json
from pathlib import Path

from complaints_cli.triage.report import END, START, markdown, write_docs
from routing.training.evaluation import Report

SCORES = {"kind": 0.97, "category": 0.9, "department": 0.9, "regime": 1.0, "priority_exact": 0.8,
          "priority_at_or_above_floor": 0.95, "over_escalation": 0.05, "critical_safety_recall": 1.0,
          "needs_human_check": 0.3}


def report(**overall: float) -> Report:
    scores = {**SCORES, **overall}
    return Report(examples=4, overall=scores, by_language={"en": scores, "ru": scores},
                  confusion={"safety": {"safety": 2, "other": 0}, "other": {"safety": 1, "other": 1}},
                  cpu_ms_per_decision=3.2, model_version="2026.06.1+abc", rules_version="2026.06.1",
                  counts={"en": 2, "ru": 2})


def test_the_tables_show_each_field_against_its_target_and_the_confusion() -> None:
    text = markdown(report(category=0.8), baseline=report(category=0.4))
    assert "| category | ≥ 85% | 80.0% | 80.0% | 80.0% | 40.0% |" in text
    assert "| over_escalation | ≤ 10% | 5.0% |" in text
    assert "Targets missed: category 80.0% < 85%." in text
    assert "| other | 1 | 1 |" in text
    assert "3.2 ms" in text


def test_writing_replaces_only_the_results_section(tmp_path: Path) -> None:
    doc = tmp_path / "triage.md"
    doc.write_text(f"# Triage\n\nHow officers label.\n\n{START}\nold numbers\n{END}\n\nMore prose.\n", encoding="utf-8")
    write_docs(report(), markdown_path=doc, json_path=tmp_path / "triage.json")
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("# Triage\n\nHow officers label.") and text.endswith("More prose.\n")
    assert "old numbers" not in text and "Targets missed: none." in text
    assert json.loads((tmp_path / "triage.json").read_text())["targets_missed"] == []
