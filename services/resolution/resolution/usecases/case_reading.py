"""Reading a case as staff do: the case file, the customer's other complaints, the final-response templates and
the check of a draft final response."""

from typing import NamedTuple

from complaint_contracts.types import Language, Outcome

from ..domain.access import Permission, Principal, actions_for, decide_access, visible_scope
from ..domain.case import Case
from ..domain.case_file import CaseFile, case_file, linked_complaints
from ..domain.final_response import missing_final_response_content
from ..domain.plan import has_dated_plan
from ..domain.response_minimum import minimum_content_gaps
from ..domain.response_templates import ResponseTemplate, render_templates
from ..domain.search import CaseLine, CaseSearch
from .core import CaseWork, scope_of
from .finding import lines_of

HISTORY_LIMIT = 200


async def file_of(work: CaseWork, case: Case, principal: Principal) -> CaseFile:
    """The case file of a case the employee may see, with the actions they may take on it now."""
    scope = scope_of(case)
    personal = decide_access(principal=principal, permission=Permission.VIEW_PERSONAL_DATA, case=scope)
    linked = linked_complaints(case)
    details = await work.records.details_of([case.complaint_id, *linked])
    entries = await work.records.customer_entries([case.complaint_id, *case.merged_from])
    return case_file(case=case, complaint=details.get(case.complaint_id), personal_data=personal.allowed,
                     customer_entries=entries, others=details,
                     actions=actions_for(principal=principal, state=case.state, case=scope))


async def view(work: CaseWork, *, complaint_id: str, principal: Principal) -> CaseFile:
    """The case file, if the employee may see the case."""
    return await file_of(work, await work.case_for(complaint_id, principal), principal)


async def customer_history(work: CaseWork, *, complaint_id: str, principal: Principal) -> list[CaseLine]:
    """The other complaints of the same customer (same e-mail, phone or customer reference) that the employee may
    see, nearest deadline first; only for employees who may see the customer's personal data."""
    case = await work.case_for(complaint_id, principal, Permission.VIEW_PERSONAL_DATA)
    details = await work.records.details(case.complaint_id)
    if details is None:
        return []
    others = set(await work.records.same_customer(details=details, limit=HISTORY_LIMIT))
    if not others:
        return []
    page = await work.store.search(search=CaseSearch(limit=HISTORY_LIMIT), scope=visible_scope(principal=principal),
                                   candidates=others)
    return await lines_of(work, page)


async def response_templates(work: CaseWork, *, complaint_id: str, principal: Principal,
                             language: Language | None, outcome: Outcome | None) -> list[ResponseTemplate]:
    """The final-response templates for the case, filled in from it (for employees who may work it)."""
    case = await work.case_for(complaint_id, principal, Permission.WORK)
    details = await work.records.details(complaint_id)
    personal = decide_access(principal=principal, permission=Permission.VIEW_PERSONAL_DATA, case=scope_of(case))
    shown = details if details is None or personal.allowed else details.without_personal_data()
    return render_templates(sets=work.templates, case=case, complaint=shown, language=language, outcome=outcome)


class DraftCheck(NamedTuple):
    missing: list[str]
    """What the case's regime makes mandatory (a response lacking it is refused)."""
    minimum_gaps: list[str]
    """What of the ISO 10002 minimum it lacks."""
    minimum_enforced: bool
    """Whether a response lacking the minimum is refused too."""


async def check_final_response(work: CaseWork, *, complaint_id: str, principal: Principal, outcome: Outcome,
                               text: str) -> DraftCheck:
    """What a draft final response lacks, before it is sent."""
    case = await work.case_for(complaint_id, principal, Permission.WORK)
    details = await work.records.details(complaint_id)
    mandatory = missing_final_response_content(regime=case.regime, text=text)
    minimum = minimum_content_gaps(text=text, outcome=outcome, regime=case.regime,
                                   language=details.language if details else Language.EN,
                                   jurisdiction=details.jurisdiction if details else None,
                                   dated_plan=has_dated_plan(case))
    return DraftCheck(mandatory, minimum, work.policy.minimum_content == "enforce")
