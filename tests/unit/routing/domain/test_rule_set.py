from pathlib import Path

import pytest
from complaint_contracts.types import Language
from complaints_calendar import DataFileError, parse_yaml_model
from routing.adapters.rules_files import load_rules
from routing.domain.language import analyse
from routing.domain.rule_set import RuleSet

MINIMAL = """\
version: "t.1"
lexicon:
  legal:
    en: [lawyer*]
flag_rules:
  - id: legal-threat
    because: Mentions lawyers
    when: {mentions_any: [legal]}
    flag: legal_threat
kind_rules: []
category_rules:
  - id: category-billing
    because: Charges
    when: {channels: [email]}
    category: billing
priority_matrix:
  low: {low: low, medium: low, high: medium, critical: high}
  medium: {low: medium, medium: medium, high: high, critical: high}
  high: {low: high, medium: high, high: high, critical: critical}
  critical: {low: critical, medium: critical, high: critical, critical: critical}
priority_rules:
  - id: raise-legal
    because: Legal threats need attention
    when: {flags_any: [legal_threat]}
    raise_by: 1
default_department: customer_support
service_levels:
  critical: {acknowledge: {business_hours: 1}, first_response: {business_hours: 2}, resolve: {business_days: 1}}
  high: {acknowledge: {business_hours: 1}, first_response: {business_hours: 2}, resolve: {business_days: 2}}
  medium: {acknowledge: {business_hours: 1}, first_response: {business_hours: 2}, resolve: {business_days: 3}}
  low: {acknowledge: {business_hours: 1}, first_response: {business_hours: 2}, resolve: {business_days: 4}}
"""


def test_minimal_rules_file_is_valid() -> None:
    assert parse_yaml_model(text=MINIMAL, model=RuleSet, source="rules.yaml").version == "t.1"


@pytest.mark.parametrize(("broken", "line", "fragment"), [
    (MINIMAL.replace("mentions_any: [legal]", "mentions_any: [legl]"), 8,
     "(flag_rules.0.when): rule 'legal-threat' mentions unknown lexicon lists: legl"),
    (MINIMAL.replace("mentions_any: [legal]", "mentions_all: [legal, legl]"), 8,
     "(flag_rules.0.when): rule 'legal-threat' mentions unknown lexicon lists: legl"),
    (MINIMAL.replace("flags_any: [legal_threat]", "flags_any: [legal]"), 24,
     "(priority_rules.0.when.flags_any): rule 'raise-legal' tests flags no flag rule raises: legal"),
    (MINIMAL.replace("when: {channels: [email]}", "when: {channels: [fax]}"), 14, "Input should be 'web'"),
    (MINIMAL.replace("when: {channels: [email]}", "when: {regimes: [uk_psd]}"), 14,
     "rule 'category-billing' tests regimes, not yet decided when category_rules run"),
    (MINIMAL.replace("  critical: {low: critical, medium: critical, high: critical, critical: critical}\n", ""), 17,
     "priority matrix lacks severity×impact cells: critical×low"),
    (MINIMAL.replace("    raise_by: 1\n", ""), 22, "a priority rule needs at_least or raise_by"),
    (MINIMAL.replace("resolve: {business_days: 4}", "resolve: {business_days: 4, business_hours: 2}"), 31,
     "(service_levels.low.resolve): Value error, give exactly one of business_hours or business_days"),
    (MINIMAL.replace("  low: {acknowledge", "  lowest: {acknowledge"), 31, "Input should be 'low'"),
    (MINIMAL.replace("category: billing", "category: billing\n    severity: extreme"), 16,
     "Input should be 'low', 'medium', 'high' or 'critical'"),
    (MINIMAL.replace("id: category-billing", "id: legal-threat"), 12,
     "(category_rules.0.id): rule id 'legal-threat' is used twice"),
    (MINIMAL.replace("kind_rules: []", "kind_rules: [\n"), 13, "expected the node content, but found '-'"),
])
def test_bad_rules_file_names_the_line_and_the_problem(broken: str, line: int, fragment: str) -> None:
    with pytest.raises(DataFileError) as caught:
        parse_yaml_model(text=broken, model=RuleSet, source="rules.yaml")
    assert f"line {line}, " in str(caught.value)
    assert fragment in str(caught.value)


def test_rules_file_on_disk_names_itself_in_the_error(tmp_path: Path) -> None:
    path = tmp_path / "2026.06.yaml"
    path.write_text(MINIMAL.replace("raise_by: 1", "raise_by: 9"), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"^2026\.06\.yaml: line 25, column 15 \(priority_rules\.0\.raise_by\)"):
        load_rules(path=path)


# The guard's risk words lower the bar the model must clear to call a hazard; figures of speech do not count.
@pytest.mark.parametrize(("text", "language", "described"), [
    ("The heater nearly caught the curtains.", Language.EN, True),
    ("That bill nearly gave me a heart attack.", Language.EN, False),
    ("The label says 50mg twice a day; she had already taken one.", Language.EN, True),
    ("Я боюсь, что он снова перегреется.", Language.RU, True),
    ("Сын очень боится уколов, а медсестра его успокоила.", Language.RU, False),
    ("Я ледзь не выбухнуў, калі пачуў музыку ў трэці раз.", Language.BE, False),
])
def test_the_guard_reads_risk_told_and_not_figures_of_speech(text: str, language: Language, described: bool) -> None:
    assert load_rules().describes_risk(analyse(text, declared=language)) is described
