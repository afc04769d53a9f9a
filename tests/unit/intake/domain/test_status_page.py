import re
from datetime import timedelta

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
    assert shown.deadlines[-1].terms == story.routed.deadlines[0].terms  # for the portal to say in any language
    assert shown.deadlines[-1].terms is not None


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


def test_deadline_names_routing_uses_are_in_plain_words_in_every_language(story):
    from complaint_contracts import Clock, ComplaintRouted, Deadline

    names = ["acknowledge", "resolve", "summary_resolution_window", "final_response_exceptional", "a_new_clock"]
    routed = story.routed.model_copy(update={"deadlines": [
        Deadline(name=name, clock=Clock.SERVICE, due_at=story.routed.time, basis="rule") for name in names]})
    assert isinstance(routed, ComplaintRouted)
    shown = {language: [d.name for d in page(story, 1, language, extra=[routed]).deadlines] for language in Language}
    assert shown[Language.RU][:2] == ["Подтверждение получения", "Решение"]
    assert shown[Language.BE][:2] == ["Пацвярджэнне атрымання", "Рашэнне"]
    assert "Final response (exceptional cases)" in shown[Language.EN]
    for labels in shown.values():
        assert not set(labels) & set(names)  # never the raw code
        assert "A new clock" in labels  # an unknown one is at least readable


def test_deadlines_the_acknowledgement_meets_are_no_longer_counted_down_once_it_is_sent(story):
    from complaint_contracts import Clock, Deadline

    names = ["acknowledge", "acknowledgement", "first_response", "final_response"]
    routed = story.routed.model_copy(update={"deadlines": [
        Deadline(name=name, clock=Clock.SERVICE, due_at=story.routed.time, basis="rule") for name in names]})
    received, acknowledged = story.lifecycle()[:2]
    assert acknowledged.template == "acknowledgement"
    before = page(story, 1, Language.EN, extra=[routed]).deadlines
    after = page(story, 1, Language.EN, extra=[routed, acknowledged]).deadlines
    assert [d.name for d in before] == ["Confirming receipt"] * 2 + ["First response", "Final response"]
    assert [d.name for d in after] == ["First response", "Final response"]


def test_service_deadlines_are_on_hold_while_we_wait_for_the_customer_and_move_when_work_resumes(story):
    from complaint_contracts import InvestigationResumed

    asked = page(story, 5, Language.EN).deadlines
    assert [(d.name, d.paused) for d in asked] == [
        ("First response", True), ("Your answer, please, by", False), ("Final response", False)]  # regulatory: runs on
    first = story.routed.deadlines[1]
    moved = first.model_copy(update={"due_at": first.due_at + timedelta(days=1)})
    resumed = InvestigationResumed(complaint_id=story.received.complaint_id, request_id="req-1", by="customer",
                                   paused_seconds=8 * 3600, service_deadlines=[moved], time=story.answer.time)
    after = page(story, 6, Language.RU, extra=[resumed])
    assert [(d.due_at, d.paused) for d in after.deadlines] == [(moved.due_at, False),
                                                              (story.routed.deadlines[0].due_at, False)]
    assert after.deadlines[0].terms == first.terms and after.deadlines[0].basis == first.basis
    assert [item.milestone for item in after.timeline][-2:] == [Milestone.CUSTOMER_REPLIED,
                                                                Milestone.INVESTIGATION_RESUMED]
    assert after.timeline[-1].title.startswith("Мы продолжили работу")
    again = page(story, 6, Language.EN, extra=[resumed, resumed])  # a redelivery moves nothing twice
    assert [d.due_at for d in again.deadlines] == [d.due_at for d in after.deadlines]


def test_staff_who_stop_waiting_restart_the_clock_without_an_answer(story):
    from complaint_contracts import InvestigationResumed

    resumed = InvestigationResumed(complaint_id=story.received.complaint_id, request_id="req-1", by="emp-0042",
                                   paused_seconds=0, service_deadlines=[], time=story.answer.time)
    shown = page(story, 5, Language.BE, extra=[resumed])
    # The resumption lists every unmet service deadline: one it leaves out was met, and is no longer counted down.
    assert [d.due_at for d in shown.deadlines] == [story.routed.deadlines[0].due_at]
    assert not shown.deadlines[0].paused
    assert shown.open_question is None and shown.status == Status.IN_PROGRESS  # no longer waiting for an answer
    assert "reply" in [a.action for a in shown.actions]  # though one is still welcome


def test_a_reassessed_complaint_shows_the_deadlines_as_the_case_tracks_them_now(story):
    from complaint_contracts import CaseDeadlinesChanged

    first, final = story.routed.deadlines[1], story.routed.deadlines[0]
    sooner = first.model_copy(update={"due_at": first.due_at - timedelta(days=1)})
    changed = CaseDeadlinesChanged(complaint_id=story.received.complaint_id, deadlines=[final, sooner],
                                   reason="priority corrected from medium to critical", time=story.opened.time)
    shown = page(story, 4, Language.BE, extra=[changed])
    assert [(d.due_at, d.terms) for d in shown.deadlines] == [(sooner.due_at, sooner.terms),
                                                              (final.due_at, final.terms)]
    assert shown.timeline[-1].title == "Нашы тэрміны па вашай скарзе змяніліся"


def test_a_merged_complaint_shows_where_the_work_goes_on(story):
    from complaint_contracts import ComplaintClosed
    from complaint_contracts.resolution import ComplaintMerged

    merged = ComplaintMerged(complaint_id=story.received.complaint_id, merged_into="c-00000000000000aa",
                             merged_into_tracking_number="CMP-AAAA-BBBB-C", reason="SECRET same order",
                             by="emp-0042", time=story.question.time)
    closed = ComplaintClosed(complaint_id=story.received.complaint_id, reason="duplicate", by="emp-0042",
                             time=story.answer.time)
    shown = page(story, 4, Language.EN, extra=[merged, closed])
    assert shown.merged_into == "CMP-AAAA-BBBB-C"
    item = next(i for i in shown.timeline if i.milestone == Milestone.MERGED)
    assert (item.merged_into, item.title) == ("CMP-AAAA-BBBB-C", "Joined with another complaint of yours")
    assert "SECRET" not in shown.model_dump_json() and "emp-0042" not in shown.model_dump_json()
    assert [a.action for a in shown.actions] == []


def test_the_agreed_plan_shows_each_step_with_its_date_and_completion(story):
    from complaint_contracts.resolution import PlanStepCompleted

    steps = [{"step_id": "s-2", "description": "Замена тавару", "due_at": story.proposal.time + timedelta(days=9),
              "owner": "emp-0042"},
             {"step_id": "s-1", "description": "Вяртанне грошай", "due_at": story.proposal.time + timedelta(days=3),
              "owner": "SECRET-TEAM"}]
    proposal = type(story.proposal).model_validate(story.proposal.model_dump() | {"plan": steps})
    done = PlanStepCompleted(complaint_id=story.received.complaint_id, proposal_id="prop-1", step_id="s-1",
                             description="Вяртанне грошай", due_at=steps[1]["due_at"], note="Пералічана 49.99 BYN",
                             by="emp-0042", time=story.implemented.time)
    life = story.lifecycle()
    entries: tuple = ()
    for event in [*life[:6], proposal]:
        entries = record_event(entries=entries, event=event)
    offered = status_page(entries=entries, tracking_number="CMP-7K3Q-9XWA-F")
    assert [s.description for s in offered.open_proposal.plan] == ["Вяртанне грошай", "Замена тавару"]
    assert offered.plan == []  # not agreed yet
    for event in [life[7], done]:
        entries = record_event(entries=entries, event=event)
    agreed = status_page(entries=entries, tracking_number="CMP-7K3Q-9XWA-F")
    assert [(s.description, s.completed_at) for s in agreed.plan] == [
        ("Вяртанне грошай", done.time), ("Замена тавару", None)]
    assert agreed.plan[1].due_at == steps[0]["due_at"]
    item = agreed.timeline[-1]
    assert (item.milestone, item.text, item.note) == (Milestone.PLAN_STEP_COMPLETED, "Вяртанне грошай",
                                                      "Пералічана 49.99 BYN")
    assert "SECRET" not in agreed.model_dump_json() and "emp-0042" not in agreed.model_dump_json()


def test_asking_to_reopen_is_offered_only_within_the_window(story):
    entries: tuple = ()
    for event in story.lifecycle():
        entries = record_event(entries=entries, event=event)
    window = timedelta(days=10)
    inside = status_page(entries=entries, tracking_number="CMP-7K3Q-9XWA-F", now=story.closed.time + window,
                         reopen_window=window)
    after = status_page(entries=entries, tracking_number="CMP-7K3Q-9XWA-F",
                        now=story.closed.time + window + timedelta(minutes=1), reopen_window=window)
    assert [a.action.value for a in inside.actions] == ["ask_reopening"]
    assert inside.actions[0].label == "Папрасіць адкрыць скаргу зноў"
    assert after.actions == []


def test_the_customers_files_are_listed_oldest_first_those_kept_elsewhere_left_out(story):
    from complaint_contracts import AttachmentRef

    receipt = AttachmentRef(attachment_id="a-receipt", name="чэк.pdf", media_type="application/pdf", size_bytes=2048)
    elsewhere = AttachmentRef(attachment_id="a-crm-1", name="scan.tiff", media_type="image/tiff", size_bytes=9,
                              uri="https://crm.example.org/files/SECRET-PATH")
    photo = AttachmentRef(attachment_id="a-photo", name="фота.png", media_type="image/png", size_bytes=512)
    received = story.received.model_copy(update={"attachments": [receipt, elsewhere]})
    answer = story.answer.model_copy(update={"attachments": [photo]})
    later = story.answer.model_copy(update={"id": story.proposal.id, "message_id": "m-2", "time": story.proposal.time,
                                            "attachments": []})
    entries: tuple = ()
    for event in [later, answer, *story.lifecycle()[1:5], received]:  # out of order, as events may arrive
        entries = record_event(entries=entries, event=event)
    shown = status_page(entries=entries, tracking_number=story.received.tracking_number)
    assert [(a.attachment_id, a.name, a.media_type, a.size_bytes, a.added_at, a.with_message)
            for a in shown.attachments] == [
        ("a-receipt", "чэк.pdf", "application/pdf", 2048, story.received.received_at, False),
        ("a-photo", "фота.png", "image/png", 512, story.answer.time, True)]
    assert "SECRET-PATH" not in shown.model_dump_json()
    assert set(shown.model_dump(mode="json")["attachments"][0]) == {
        "attachment_id", "name", "media_type", "size_bytes", "added_at", "with_message"}


def test_a_page_without_files_lists_none(story):
    assert page(story, None).attachments == []
