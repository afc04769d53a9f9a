import re

import pytest
from complaint_contracts import Language
from intake.domain.progress import Stage, Status, record_event
from intake.domain.receipt import filing_receipt
from intake.domain.status_page import status_page
from intake.domain.timeline import Milestone


def page(story, count: int | None = None, language: Language | None = None, extra=()):
    entries: tuple = ()
    for event in [*story.lifecycle()[:count], *extra]:
        entries = record_event(entries=entries, event=event)
    return status_page(entries=entries, tracking_number=story.received.tracking_number, language=language)


def test_page_speaks_the_customers_language_by_default(story):
    shown = page(story, 4)
    assert shown.language == Language.BE
    assert shown.status_text == "Вашу скаргу разглядаюць."
    assert shown.handled_by == "Служба падтрымкі кліентаў"


def test_page_can_be_asked_for_in_another_language(story):
    shown = page(story, 4, Language.EN)
    assert (shown.status_text, shown.handled_by) == ("Your complaint is being looked into.", "Customer support")


def test_deadlines_that_apply_are_shown_soonest_first_with_their_basis(story):
    shown = page(story, 5, Language.EN)
    assert [(d.name, d.due_at) for d in shown.deadlines] == [
        ("First response", story.routed.deadlines[1].due_at),
        ("Your answer, please, by", story.question.respond_by),
        ("Final response", story.routed.deadlines[0].due_at),
    ]
    assert shown.deadlines[-1].basis == "8 weeks from receipt (FCA DISP 1.6)"


def test_no_deadlines_once_resolved(story):
    assert page(story, 10).deadlines == []


def test_open_question_and_proposal_are_shown_for_the_customer_to_answer(story):
    asked = page(story, 5)
    assert (asked.open_question.request_id, asked.open_question.question) == ("req-1", "Калі ласка, дашліце чэк.")
    proposed = page(story, 7)
    assert proposed.open_question is None
    assert proposed.open_proposal.proposal_id == "prop-1"
    assert proposed.open_proposal.remedies[0].amount.currency == "BYN"
    assert [a.action for a in proposed.actions] == ["reply", "decide", "withdraw", "ask_escalation"]


def test_timeline_shows_milestones_in_plain_words(story):
    shown = page(story, None, Language.RU)
    assert [item.title for item in shown.timeline][:3] == ["Жалоба получена", "Получение подтверждено",
                                                           "Передана команде"]
    final = next(item for item in shown.timeline if item.milestone == Milestone.RESOLVED)
    assert (final.text, final.outcome) == ("Грошы вернуты.", "Мы признаём вашу жалобу обоснованной.")


def test_page_never_shows_who_handles_it_personally(story):
    shown = page(story, None, extra=story.unseen).model_dump_json()
    for secret in ("emp-0042", "emp-0077", "support-be", "SECRET", "SECRET-RULE"):
        assert secret not in shown


@pytest.mark.parametrize(("count", "current"), [(1, Stage.RECEIPT), (4, Stage.INVESTIGATION), (12, Stage.CLOSING)])
def test_published_process_marks_the_current_step(story, count, current):
    steps = page(story, count).process
    states = {step.stage: step.state for step in steps}
    assert states[current] == "current"
    assert list(states.values()).count("current") == 1
    index = [step.stage for step in steps].index(current)
    assert all(step.state == "done" for step in steps[:index])
    assert all(step.state == "next" for step in steps[index + 1:])


def test_unknown_department_is_shown_readably(story):
    rerouted = story.routed.model_copy(update={"department": "supplier_quality", "id": story.opened.id})
    assert page(story, 1, Language.EN, extra=[rerouted]).handled_by == "Supplier quality"


def test_filing_receipt_gives_the_code_once_and_what_happens_next(story):
    receipt = filing_receipt(received=story.received, access_code="7K3Q-9XWA-F2MB-HT4C",
                             status_url="/v1/complaints/CMP-7K3Q-9XWA-F")
    assert receipt.tracking_number == "CMP-7K3Q-9XWA-F"
    assert receipt.what_happens_next.startswith("Мы пацвердзім атрыманне")
    assert [step.state for step in receipt.process] == ["current", "next", "next", "next", "next", "next"]
    assert re.search("[А-Яа-яЎў]", receipt.process[0].title)


def test_status_before_intake_record_exists_says_not_found(story):
    entries = record_event(entries=(), event=story.routed)
    assert status_page(entries=entries, tracking_number="CMP-7K3Q-9XWA-F").status == Status.NOT_FOUND
