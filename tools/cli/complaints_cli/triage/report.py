"""The evaluation as tables for docs/triage.md (between markers, so the hand-written labelling rules stay) and as
JSON for docs/triage.json."""

import json
from pathlib import Path
from typing import Any

from routing.training.evaluation import MAX_LANGUAGE_GAP, MAX_OVER_ESCALATION, TARGETS, Report, failures

START = "<!-- triage-eval:start -->"
END = "<!-- triage-eval:end -->"
FIELDS = ("kind", "category", "department", "priority_at_or_above_floor", "priority_exact", "over_escalation",
          "critical_safety_recall", "regime", "needs_human_check")


def _percent(value: float) -> str:
    return f"{value:.1%}"


def _target(name: str) -> str:
    if name in TARGETS:
        return f"≥ {TARGETS[name]:.0%}"
    if name == "over_escalation":
        return f"≤ {MAX_OVER_ESCALATION:.0%}"
    return "—"


def markdown(report: Report, *, baseline: Report | None = None) -> str:
    """The results section: per field and language, against the targets, the confusion matrix, and CPU cost."""
    languages = list(report.by_language)
    header = "| field | target | all | " + " | ".join(languages) + (" | rules alone |" if baseline else " |")
    lines = [f"Held-out split: {report.examples} examples "
             f"({', '.join(f'{language} {count}' for language, count in report.counts.items())}); "
             f"rules {report.rules_version}, model {report.model_version or 'none'}.", "",
             header, "|" + "---|" * (header.count("|") - 1)]
    for name in FIELDS:
        cells = [_percent(report.by_language[language][name]) for language in languages]
        extra = f" {_percent(baseline.overall[name])} |" if baseline else ""
        lines.append(f"| {name} | {_target(name)} | {_percent(report.overall[name])} | {' | '.join(cells)} |{extra}")
    missed = failures(report)
    lines += ["", "Targets missed: " + ("; ".join(missed) if missed else "none") + ".",
              f"(No language may trail another by more than {MAX_LANGUAGE_GAP:.0%} on any field.)", "",
              "Category confusion (rows: the officer's label, columns: routing's):", ""]
    categories = list(report.confusion)
    lines.append("| label \\ routed | " + " | ".join(categories) + " |")
    lines.append("|" + "---|" * (len(categories) + 1))
    lines += [f"| {truth} | " + " | ".join(str(report.confusion[truth][guess]) for guess in categories) + " |"
              for truth in categories]
    lines += ["", f"CPU per routing decision (assessment with the model, `time.process_time` over the held-out "
                  f"split): {report.cpu_ms_per_decision} ms."]
    return "\n".join(lines)


def write_docs(report: Report, *, markdown_path: Path, json_path: Path, baseline: Report | None = None) -> None:
    """Replace the results section of the markdown file and write the JSON report."""
    section = f"{START}\n{markdown(report, baseline=baseline)}\n{END}"
    text = markdown_path.read_text(encoding="utf-8") if markdown_path.exists() else f"# Triage\n\n{START}\n{END}\n"
    if START not in text or END not in text:
        text = f"{text.rstrip()}\n\n{START}\n{END}\n"
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    markdown_path.write_text(before + section + after, encoding="utf-8")
    payload: dict[str, Any] = {**report.as_json(), "targets_missed": failures(report)}
    if baseline is not None:
        payload["rules_alone"] = baseline.overall
    json_path.write_text(json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
