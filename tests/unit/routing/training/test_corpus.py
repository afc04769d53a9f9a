"""The shipped labelled corpus: big enough, every label known, split deterministically."""

from collections import Counter
from pathlib import Path

import pytest
from complaint_contracts.types import Category, ComplaintKind, Language, Priority, Regime
from complaints_calendar import DataFileError
from routing.domain.rule_set import RuleSet
from routing.domain.teams import TeamDirectory
from routing.training.corpus import (
    HELD_OUT_PERCENT,
    Example,
    corpus_digest,
    examples_from_export,
    is_held_out,
    load_corpus,
)


@pytest.fixture(scope="module")
def corpus() -> list[Example]:
    return load_corpus()


def test_every_language_has_at_least_300_examples_across_every_category(corpus: list[Example]) -> None:
    for language in Language:
        mine = [example for example in corpus if example.language is language]
        assert len(mine) >= 300, language
        assert {example.category for example in mine} == set(Category), language
        assert {example.kind for example in mine} == set(ComplaintKind), language
        assert {example.priority for example in mine} == set(Priority), language


def test_every_label_is_one_routing_can_give(corpus: list[Example], rule_set: RuleSet,
                                            directory: TeamDirectory) -> None:
    assert {example.department for example in corpus} <= rule_set.departments() & set(directory.departments)
    assert {example.regime for example in corpus} <= set(Regime)
    assert all(example.regime is Regime.NONE for example in corpus if example.kind is ComplaintKind.ENQUIRY)


def test_the_split_is_by_text_hash_and_holds_out_about_a_quarter(corpus: list[Example]) -> None:
    held = Counter(example.language for example in corpus if example.held_out)
    total = Counter(example.language for example in corpus)
    for language in Language:
        assert abs(held[language] / total[language] - HELD_OUT_PERCENT / 100) < 0.08, language
    assert is_held_out("A text") == is_held_out("A   text")          # spacing does not move an example
    assert corpus_digest(corpus) == corpus_digest(load_corpus())      # same files, same corpus


def test_a_bad_corpus_file_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "xx.yaml").write_text("language: en\njurisdiction: GB\ngroups:\n"
                                      "  - label: {kind: complaint, category: weather, priority: low, "
                                      "department: customer_support}\n    texts: [It rained.]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"xx\.yaml: line 4"):
        load_corpus(tmp_path)


def test_a_text_listed_twice_is_refused(tmp_path: Path) -> None:
    (tmp_path / "xx.yaml").write_text("language: en\njurisdiction: GB\ngroups:\n"
                                      "  - label: {kind: enquiry, category: other, priority: low, "
                                      "department: customer_support}\n    texts: [Hello there, hello  there]\n",
                                      encoding="utf-8")
    with pytest.raises(ValueError, match="lists a text twice"):
        load_corpus(tmp_path)


def test_corrections_exported_by_routing_become_examples() -> None:
    export = ('{"examples": [{"complaint_id": "c-1", "text": "Parcel lost", "language": "en", "jurisdiction": "GB",'
              ' "product": null, "kind": "complaint", "category": "delivery", "priority": "medium",'
              ' "department": "customer_support", "regime": "none", "corrected": ["category"],'
              ' "corrected_at": "2026-05-01T10:00:00Z"}]}')
    [example] = examples_from_export(export, source="corrections.json")
    assert (example.text, example.category, example.source) == ("Parcel lost", Category.DELIVERY, "corrections.json")
