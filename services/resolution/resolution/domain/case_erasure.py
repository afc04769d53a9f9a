"""The case's side of an erasure: the customer's values are taken out of what staff and the services wrote on the
case (notes, questions, proposals, final responses filled in from templates, reasons, tasks), each part of them
wherever it is quoted (see quotations.py), and the case history records the erasure without any of the data.
Dates, states, outcome, redress amounts and deadlines stay as they are: they are the regulatory record."""

from complaint_contracts.types import Remedy

from .case import SYSTEM, Acting, Case, record
from .complaint import Erasure
from .policy import DEFAULT_POLICY, CasePolicy
from .quotations import Quotable, Redact, quoting
from .states import CaseAction

REASONS = {"request": "personal data erased at the customer's request",
           "retention": "personal data erased at the end of its retention period"}


def _remedy(remedy: Remedy, redact: Redact) -> Remedy:
    return remedy.model_copy(update={"description": redact(remedy.description)})


def _optional(text: str | None, redact: Redact) -> str | None:
    return redact(text) if text else text


def redact_case(case: Case, redact: Redact) -> None:
    """Apply `redact` to every free text the case keeps."""
    for note in case.notes:
        note.text = redact(note.text)
    for request in case.information_requests:
        request.question = redact(request.question)
    for proposal in case.proposals:
        proposal.summary = redact(proposal.summary)
        proposal.remedies = [_remedy(r, redact) for r in proposal.remedies]
        for step in proposal.plan:
            step.description, step.note = redact(step.description), redact(step.note)
    for response in case.final_responses:
        response.text = redact(response.text)
    for line in case.redress.lines:
        line.remedy = _remedy(line.remedy, redact)
    for task in case.tasks:
        task.reason, task.outcome = redact(task.reason), redact(task.outcome)
    for link in case.duplicates:
        link.reason = redact(link.reason)
    for unreached in case.contact.unreached:
        unreached.reason = redact(unreached.reason)
    for entry in case.audit:
        entry.reason = redact(entry.reason)
        entry.detail = {name: redact(value) for name, value in entry.detail.items()}
    case.final_response = _optional(case.final_response, redact)
    case.close_reason = _optional(case.close_reason, redact)
    case.root_cause = _optional(case.root_cause, redact)


def already_recorded(case: Case, erasure: Erasure) -> bool:
    return any(entry.action is CaseAction.ERASE_PERSONAL_DATA and entry.detail.get("erasure_id") == erasure.erasure_id
               for entry in case.audit)


def record_erasure(*, case: Case, erasure: Erasure, quoted: Quotable, causation_id: str | None,
                   policy: CasePolicy = DEFAULT_POLICY) -> None:
    """Take the customer's values (`quoted`) out of the case's texts and record the erasure in the case history;
    an erasure already recorded changes nothing."""
    if already_recorded(case, erasure):
        return
    redact_case(case, quoting(quoted))
    case.personal_data_erased_at = erasure.erased_at
    acting = Acting(by=SYSTEM, at=erasure.erased_at, reason=REASONS.get(erasure.reason, "personal data erased"),
                    causation_id=causation_id)
    record(case, action=CaseAction.ERASE_PERSONAL_DATA, acting=acting, policy=policy,
           detail={"erasure_id": erasure.erasure_id, "reason": erasure.reason})
