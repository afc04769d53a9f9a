import re

import pytest
from complaint_contracts import Language, Outcome
from intake.domain.actions import CustomerAction
from intake.domain.progress import Stage, Status
from intake.domain.timeline import Milestone
from intake.domain.wording import wording_for

CYRILLIC = re.compile("[А-Яа-яЁёІіЎў]")


@pytest.mark.parametrize("language", list(Language))
def test_every_language_says_everything(language):
    words = wording_for(language)
    assert set(words.statuses) == set(words.next_steps) == set(Status)
    assert set(words.stages) == set(Stage)
    assert set(words.milestones) == set(Milestone)
    assert set(words.actions) == set(CustomerAction)
    assert set(words.outcomes) == set(Outcome)
    assert set(words.deadlines) == set(wording_for(Language.EN).deadlines)
    assert set(words.departments) == set(wording_for(Language.EN).departments)
    assert set(words.erasure) == {"request", "retention"} and words.after_erasure


def _texts(language: Language) -> list[str]:
    words = wording_for(language)
    return [*words.statuses.values(), *words.next_steps.values(), *(t for pair in words.stages.values() for t in pair),
            *words.milestones.values(), *words.actions.values(), *words.outcomes.values(),
            *words.deadlines.values(), *words.departments.values(), *words.erasure.values(), words.after_erasure]


@pytest.mark.parametrize("language", [Language.RU, Language.BE])
def test_russian_and_belarusian_texts_are_translated(language):
    untranslated = [text for text in _texts(language) if not CYRILLIC.search(text)]
    assert untranslated == []


def test_belarusian_is_not_a_copy_of_russian():
    same = set(_texts(Language.RU)) & set(_texts(Language.BE))
    assert same == set()
