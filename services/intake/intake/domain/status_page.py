"""The customer's status page and the published complaints process, in the customer's language."""

from datetime import datetime, timedelta
from typing import Literal

from complaint_contracts import Clock, DeadlineTerms, Language, Money, Remedy
from complaint_contracts.types import ACKNOWLEDGEMENT_DEADLINES, Contract
from pydantic import Field

from .actions import REOPEN_WINDOW, CustomerAction, allowed_actions
from .complaint import ErasureMark
from .erasure import Reason
from .progress import Progress, Stage, Status, progress_of
from .timeline import Milestone, PromisedStep, TimelineEntry, ordering_key
from .wording import Wording, wording_for


class ProcessStep(Contract):
    stage: Stage = Field(description="Step of the published complaints process")
    title: str = Field(description="Its name, in the customer's language")
    description: str = Field(description="What happens in it, in plain words")
    state: Literal["done", "current", "next"] = Field(description="Where the complaint is relative to this step")


class DeadlineView(Contract):
    name: str = Field(description="What is due, in plain words", examples=["Final response"])
    due_at: datetime = Field(description="When it is due (UTC)")
    basis: str | None = Field(default=None, description="The rule that sets it",
                              examples=["8 weeks from receipt (FCA DISP 1.6)"])
    clock: Clock | None = Field(default=None, description="Regulatory (never pauses) or service clock")
    terms: DeadlineTerms | None = Field(default=None, description="The rule that sets it, as data, for saying it in "
                                                                  "the reader's language")
    paused: bool = Field(default=False, description="Its clock is stopped while we wait for the customer's answer: "
                                                    "the date moves later by as long as it stays stopped")


class TimelineItem(Contract):
    at: datetime = Field(description="When it happened (UTC)")
    milestone: Milestone = Field(description="What happened, as a code")
    title: str = Field(description="What happened, in plain words")
    text: str | None = Field(default=None, description="Our question, proposal, final response or note")
    handled_by: str | None = Field(default=None, description="Department, when the complaint moved to one")
    outcome: str | None = Field(default=None, description="Outcome of the final response, in plain words")
    amount: Money | None = Field(default=None, description="Amount paid to the customer")
    channel: str | None = Field(default=None, description="Channel a message went out on")
    merged_into: str | None = Field(default=None, description="Tracking number of the complaint this one was merged "
                                                              "into (follow that one)")
    note: str | None = Field(default=None, description="What was done, when a step of the plan was completed")


class PlanStepView(Contract):
    description: str = Field(description="What will be done, in plain words")
    due_at: datetime = Field(description="When it will be done by (UTC)")
    completed_at: datetime | None = Field(default=None, description="When it was done; null while it is to do")


class OpenQuestion(Contract):
    request_id: str = Field(description="Give it as `in_reply_to` when answering")
    question: str = Field(description="What we asked")
    respond_by: datetime | None = Field(default=None, description="Please answer by")


class OpenProposal(Contract):
    proposal_id: str = Field(description="Give it when accepting or rejecting")
    summary: str = Field(description="The proposal in plain words")
    remedies: list[Remedy] = Field(description="What is offered")
    respond_by: datetime | None = Field(default=None, description="Please decide by")
    plan: list[PlanStepView] = Field(default_factory=list, description="What will be done and by when, if you accept")


class AttachmentView(Contract):
    """A file the customer sent, to download with `GET /v1/complaints/{tracking_number}/attachments/{attachment_id}`."""

    attachment_id: str = Field(description="Id of the file, for its download", examples=["a-7f3e9c01d2b4a5e6"])
    name: str = Field(description="File name as sent", examples=["receipt.pdf"])
    media_type: str = Field(description="IANA media type", examples=["application/pdf"])
    size_bytes: int = Field(ge=0, description="Size in bytes")
    added_at: datetime = Field(description="When it was sent (UTC)")
    with_message: bool = Field(description="Sent with one of the customer's messages (false: with the complaint)")


class FiledComplaint(Contract):
    """What the customer told us when filing, as we keep it: once their personal data is erased (on request, or
    when its retention ends) the description reads "[erased]"."""

    title: str = Field(description="The complaint's title, as given", examples=["Refund not received"])
    description: str = Field(description="What happened, in the customer's words", examples=["[erased]"])


class PersonalDataErasure(Contract):
    """The customer's personal data in this complaint was erased: their contact details, what they wrote and the files
    they sent are gone; the record of how the complaint is handled (status, dates, deadlines) stays."""

    erased_at: datetime = Field(description="When it was erased (UTC)")
    reason: Reason = Field(description="`request`: the customer asked; `retention`: the time personal data is kept "
                                       "for had passed")
    text: str = Field(description="What that means for the customer, in plain words")
    files_deleted: int = Field(ge=0, description="How many files the customer sent were deleted with it (they are "
                                                 "no longer listed, nor can they be downloaded)")


class ActionView(Contract):
    action: CustomerAction = Field(description="An action the customer can take now")
    label: str = Field(description="The action in plain words")


class StatusPage(Contract):
    """What a customer sees with their tracking number and access code."""

    tracking_number: str = Field(description="The complaint's tracking number", examples=["CMP-7K3Q-9XWA-F"])
    language: Language = Field(description="Language of the texts")
    status: Status = Field(description="Where the complaint stands, as a code")
    status_text: str = Field(description="Where the complaint stands, in plain words")
    complaint: FiledComplaint | None = Field(default=None, description="What the customer told us when filing")
    stage: Stage = Field(description="Step of the published process it is in")
    what_happens_next: str = Field(description="What happens next, in plain words")
    handled_by: str | None = Field(default=None, description="Department handling it (never a person)")
    deadlines: list[DeadlineView] = Field(default_factory=list, description="Deadlines that apply now")
    open_question: OpenQuestion | None = Field(default=None, description="Our question waiting for an answer")
    open_proposal: OpenProposal | None = Field(default=None, description="Proposal waiting for a decision")
    escalation_requested: bool = Field(default=False, description="The customer's escalation request is pending")
    reopening_requested: bool = Field(default=False, description="The customer's request to reopen is pending")
    merged_into: str | None = Field(default=None, description="Tracking number of the complaint this one was merged "
                                                              "into: the work carries on there",
                                    examples=["CMP-7K3Q-9XWA-F"])
    plan: list[PlanStepView] = Field(default_factory=list,
                                     description="The agreed plan: each step with its date, and when it was done")
    actions: list[ActionView] = Field(default_factory=list, description="What the customer can do now")
    attachments: list[AttachmentView] = Field(default_factory=list,
                                              description="The files the customer sent, oldest first (files a "
                                                          "submitting system keeps itself are not listed, nor files "
                                                          "an erasure deleted)")
    personal_data_erased: PersonalDataErasure | None = Field(
        default=None, description="Set once the customer's personal data in this complaint was erased: the complaint "
                                  "takes no more messages or requests (`actions` is empty; to raise the matter again, "
                                  "the customer files a new complaint), nor waits for their answer or decision")
    timeline: list[TimelineItem] = Field(default_factory=list, description="What happened so far, oldest first")
    process: list[ProcessStep] = Field(description="The published complaints process and where this one is")


def status_page(*, entries: tuple[TimelineEntry, ...], tracking_number: str, language: Language | None = None,
                now: datetime | None = None, reopen_window: timedelta = REOPEN_WINDOW,
                complaint: FiledComplaint | None = None, erased: ErasureMark | None = None) -> StatusPage:
    """Build the status page from the complaint's timeline (and what the customer filed, opened), in the asked
    language or the complaint's own; `now` and `reopen_window` decide whether asking to reopen is still possible.
    Once the complaint's personal data is `erased`, the page keeps the record and offers nothing to do."""
    progress = progress_of(entries)
    words = wording_for(language or progress.language)
    page = StatusPage(
        tracking_number=tracking_number, language=language or progress.language, status=progress.status,
        status_text=words.statuses[progress.status], complaint=complaint, stage=progress.stage,
        what_happens_next=words.next_steps[progress.status],
        handled_by=_department(words, progress.department),
        deadlines=_deadlines(words, progress, asks_customer=erased is None),
        open_question=_question(progress), open_proposal=_proposal(progress, entries),
        escalation_requested=progress.escalation_pending, reopening_requested=progress.reopening_pending,
        merged_into=progress.merged_into, plan=_agreed_plan(entries),
        actions=[ActionView(action=a, label=words.actions[a])
                 for a in allowed_actions(progress=progress, now=now, reopen_window=reopen_window)],
        attachments=_attachments(entries),
        timeline=[_item(words, entry) for entry in sorted(entries, key=ordering_key)],
        process=published_process(language=language or progress.language, current=progress.stage),
    )
    return page if erased is None else _after_erasure(page, words, erased)


def _after_erasure(page: StatusPage, words: Wording, erased: ErasureMark) -> StatusPage:
    """The page without what asks the customer for anything (the question and proposal they can no longer answer,
    the actions) and without the files the erasure deleted."""
    return page.model_copy(update={
        "what_happens_next": words.after_erasure, "open_question": None, "open_proposal": None, "actions": [],
        "attachments": [],
        "personal_data_erased": PersonalDataErasure(erased_at=erased.at, reason=erased.reason,
                                                    text=words.erasure[erased.reason],
                                                    files_deleted=len(page.attachments))})


def published_process(*, language: Language, current: Stage | None = None) -> list[ProcessStep]:
    """The published complaints process in plain words, marking the current step when one is given."""
    stages = list(Stage)
    position = stages.index(current) if current is not None else -1
    words = wording_for(language)
    return [ProcessStep(stage=stage, title=words.stages[stage][0], description=words.stages[stage][1],
                        state="done" if i < position else "current" if i == position else "next")
            for i, stage in enumerate(stages)]


def _department(words: Wording, department: str | None) -> str | None:
    if department is None:
        return None
    return words.departments.get(department, _as_words(department))


def _as_words(name: str) -> str:
    """A code we have no wording for, readable at least: `final_response_extended` → `Final response extended`."""
    return name.replace("_", " ").replace("-", " ").capitalize()


def _deadlines(words: Wording, progress: Progress, *, asks_customer: bool = True) -> list[DeadlineView]:
    if progress.resolved or progress.finished:
        return []
    # Once the acknowledgement is sent, the page no longer counts down to the deadlines it met.
    views = [DeadlineView(name=words.deadlines.get(d.name) or _as_words(d.name), due_at=d.due_at,
                          basis=d.basis, clock=d.clock, terms=d.terms,
                          paused=progress.service_clock_paused and d.clock is Clock.SERVICE)
             for d in progress.deadlines if not (progress.acknowledged and d.name in ACKNOWLEDGEMENT_DEADLINES)]
    for entry, name in ((progress.open_request, "your_reply"), (progress.open_proposal, "your_decision")):
        if asks_customer and entry is not None and entry.respond_by is not None:
            views.append(DeadlineView(name=words.deadlines[name], due_at=entry.respond_by))
    return sorted(views, key=lambda view: view.due_at)


def _question(progress: Progress) -> OpenQuestion | None:
    entry = progress.open_request
    if entry is None or entry.reference is None:
        return None
    return OpenQuestion(request_id=entry.reference, question=entry.text or "", respond_by=entry.respond_by)


def _proposal(progress: Progress, entries: tuple[TimelineEntry, ...]) -> OpenProposal | None:
    entry = progress.open_proposal
    if entry is None or entry.reference is None:
        return None
    return OpenProposal(proposal_id=entry.reference, summary=entry.text or "", remedies=list(entry.remedies),
                        respond_by=entry.respond_by, plan=_plan_view(entry, entries))


def _agreed_plan(entries: tuple[TimelineEntry, ...]) -> list[PlanStepView]:
    """The plan of the last proposal the customer accepted, with each step's completion."""
    accepted = [e.replies_to for e in sorted(entries, key=ordering_key) if e.milestone == Milestone.RESOLUTION_ACCEPTED]
    proposal = next((e for e in entries if accepted and e.milestone == Milestone.RESOLUTION_PROPOSED
                     and e.reference == accepted[-1]), None)
    return [] if proposal is None else _plan_view(proposal, entries)


def _plan_view(proposal: TimelineEntry, entries: tuple[TimelineEntry, ...]) -> list[PlanStepView]:
    done = {e.reference: e.at for e in entries
            if e.milestone == Milestone.PLAN_STEP_COMPLETED and e.replies_to == proposal.reference}
    return [_step(step, done.get(step.step_id)) for step in sorted(proposal.plan, key=lambda p: p.due_at)]


def _step(step: PromisedStep, completed_at: datetime | None) -> PlanStepView:
    return PlanStepView(description=step.description, due_at=step.due_at, completed_at=completed_at)


def sent_files(entries: tuple[TimelineEntry, ...]) -> set[str]:
    """The ids of the files the customer sent that intake keeps (or kept, until an erasure deleted them)."""
    return {ref.attachment_id for entry in entries for ref in entry.attachments}


def _attachments(entries: tuple[TimelineEntry, ...]) -> list[AttachmentView]:
    """The filing's files, then each message's, in the order they were sent."""
    return [AttachmentView(attachment_id=ref.attachment_id, name=ref.name, media_type=ref.media_type,
                           size_bytes=ref.size_bytes, added_at=entry.at,
                           with_message=entry.milestone != Milestone.RECEIVED)
            for entry in sorted(entries, key=ordering_key) for ref in entry.attachments]


def _item(words: Wording, entry: TimelineEntry) -> TimelineItem:
    return TimelineItem(at=entry.at, milestone=entry.milestone, title=words.milestones[entry.milestone],
                        text=entry.text, handled_by=_department(words, entry.department),
                        outcome=words.outcomes[entry.outcome] if entry.outcome else None,
                        amount=entry.amount, channel=entry.channel, note=entry.note,
                        merged_into=entry.reference if entry.milestone == Milestone.MERGED else None)
