"""Erasing the quotations of a complaint's text from the explanation of its decision, and nothing else."""

from collections.abc import Callable
from datetime import UTC, datetime

from complaint_contracts.intake import ComplaintReceived
from complaint_contracts.personal_data import ERASED_TEXT
from routing.adapters.personal_data import without_quotes
from routing.domain.outcomes import decide
from routing.domain.rulebook import RuleBook
from routing.domain.workload import Staffing

NOW = datetime(2026, 3, 26, 10, 0, 5, tzinfo=UTC)
TEXT = ("I am having chemotherapy and I couldn't breathe when the heater started smoking; my parcel never "
        "arrived either.")


def explanation(received: Callable[..., ComplaintReceived], book: RuleBook) -> list[str]:
    return list(decide(event=received(description=TEXT), book=book, staffing=Staffing(), now=NOW).event.rules_fired)


def test_the_phrases_rules_matched_in_the_text_are_erased_and_the_rules_stay(received, book_with_model):
    lines = explanation(received, book_with_model)
    assert all(quoted in "\n".join(lines) for quoted in ("('chemotherapy')", "('couldn't breathe')", "('smoking')")), \
        "the decision must quote the text for this test to mean anything"

    scrubbed = without_quotes(lines)

    text = "\n".join(scrubbed)
    for phrase in ("chemotherapy", "couldn't breathe", "smoking"):
        assert phrase not in text
    assert f"(text mentions vulnerability ('{ERASED_TEXT}')) → flag vulnerable" in text
    assert [line.split(":", 1)[0] for line in scrubbed] == [line.split(":", 1)[0] for line in lines]
    unquoted = [line for line in lines if "('" not in line and "; features " not in line]
    assert unquoted and all(line in scrubbed for line in unquoted)


def test_the_features_the_model_weighed_are_erased_and_its_answer_stays(received, book_with_model):
    lines = [line for line in explanation(received, book_with_model) if line.startswith("model ")]
    assert lines and all("; features '" in line for line in lines)

    scrubbed = without_quotes(lines)

    for before, after in zip(lines, scrubbed, strict=True):
        answer, _, rest = before.partition(" (confidence")
        assert after.startswith(answer + " (confidence")
        assert f"; features {ERASED_TEXT}) → " in after
        assert after.endswith(rest.rsplit(") → ", 1)[1])
        # No quoted feature is left (the trace's own words may hold an apostrophe: "the rules' critical").
        features = rest.split("; features ", 1)[1].rsplit(") → ", 1)[0]
        assert all(f"'{quoted}'" not in after for quoted in features.strip("'").split("', '"))


def test_quotes_holding_apostrophes_and_brackets_are_erased_whole():
    lines = ["vulnerable-age: older customers (text mentions age ('i'm 7*'), money ('can't afford')) → flag old",
             "model m1: category safety (confidence 0.91; features 'don't', 'it) it', 'lex_safety') → flag safety",
             "model m1: kind complaint (confidence 0.30; features none) → below the confidence bar; the rules decide "
             "(complaint)"]

    assert without_quotes(lines) == [
        f"vulnerable-age: older customers (text mentions age ('{ERASED_TEXT}'), money ('{ERASED_TEXT}')) → flag old",
        f"model m1: category safety (confidence 0.91; features {ERASED_TEXT}) → flag safety",
        f"model m1: kind complaint (confidence 0.30; features {ERASED_TEXT}) → below the confidence bar; the rules "
        "decide (complaint)"]


def test_scrubbing_twice_changes_nothing_more(received, book_with_model):
    once = without_quotes(explanation(received, book_with_model))
    assert without_quotes(once) == once
