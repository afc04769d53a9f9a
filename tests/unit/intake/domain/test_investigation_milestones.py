"""Opening a case and starting to investigate are two steps on the customer's timeline, each in its own words."""

import pytest
from complaint_contracts import Decision, Language, ResolutionDecisionReceived, ResolutionProposed
from intake.domain.progress import Status, progress_of, record_event
from intake.domain.status_page import status_page
from intake.domain.timeline import Milestone

OPENED_WORDS = {Language.EN: "Case opened: your complaint is being assessed",
                Language.RU: "Дело открыто: жалоба оценивается",
                Language.BE: "Справа адкрыта: скарга ацэньваецца"}
STARTED_WORDS = {Language.EN: "Investigation started", Language.RU: "Рассмотрение начато",
                 Language.BE: "Разгляд пачаты"}


def entries_of(events) -> tuple:
    entries: tuple = ()
    for event in events:
        entries = record_event(entries=entries, event=event)
    return entries


def titles(story, events, language: Language) -> list[tuple[Milestone, str]]:
    page = status_page(entries=entries_of(events), tracking_number=story.received.tracking_number, language=language)
    return [(item.milestone, item.title) for item in page.timeline]


@pytest.mark.parametrize("language", list(Language))
def test_an_opened_case_is_being_assessed_not_investigated(story, language):
    shown = titles(story, [story.received, story.routed, story.opened], language)

    assert shown[-1] == (Milestone.CASE_OPENED, OPENED_WORDS[language])
    assert all(milestone != Milestone.INVESTIGATION_STARTED for milestone, _ in shown)


@pytest.mark.parametrize("language", list(Language))
def test_the_investigation_shows_when_an_agent_starts_it(story, language):
    shown = titles(story, [story.received, story.routed, story.opened, story.started], language)

    assert shown[-2:] == [(Milestone.CASE_OPENED, OPENED_WORDS[language]),
                          (Milestone.INVESTIGATION_STARTED, STARTED_WORDS[language])]


def test_the_start_is_dated_by_the_agent_and_shown_once_however_often_it_arrives(story):
    entries = entries_of([story.received, story.opened, story.started, story.started])

    started = [e for e in entries if e.milestone == Milestone.INVESTIGATION_STARTED]
    assert [e.at for e in started] == [story.started.started_at]
    assert progress_of(entries).status == Status.IN_PROGRESS


def test_a_restart_after_a_rejected_proposal_is_a_second_step_and_work_goes_on(story):
    proposal = ResolutionProposed(complaint_id=story.received.complaint_id, proposal_id="prop-9", by="emp-0042",
                                  summary="Вернем 10 BYN", time=story.started.time.replace(hour=14),
                                  remedies=[{"kind": "refund", "amount": {"amount": "10", "currency": "BYN"}}])
    rejected = ResolutionDecisionReceived(complaint_id=story.received.complaint_id, proposal_id="prop-9",
                                          decision=Decision.REJECTED, time=proposal.time.replace(hour=15))
    restarted = story.started.model_copy(update={"id": "restart-1", "restarted": True,
                                                 "time": proposal.time.replace(hour=16)})

    entries = entries_of([story.received, story.opened, story.started, proposal, rejected, restarted])

    assert [e.milestone for e in entries][-4:] == [Milestone.INVESTIGATION_STARTED, Milestone.RESOLUTION_PROPOSED,
                                                   Milestone.RESOLUTION_REJECTED, Milestone.INVESTIGATION_STARTED]
    assert progress_of(entries).status == Status.IN_PROGRESS
