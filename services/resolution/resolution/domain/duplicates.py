"""Duplicates: linked on both cases (by routing's detection or by staff), merged (the duplicate closes and points
to the case that carries on), or given to the owner of the original."""

from complaint_contracts.base import Event
from complaint_contracts.resolution import ComplaintClosed, ComplaintMerged

from .case import Acting, Case, case_event, check_action, record
from .case_parts import DuplicateLink
from .errors import RuleViolation
from .policy import DEFAULT_POLICY, CasePolicy
from .ports import BusinessCalendar
from .sla_clocks import resume_service_clock
from .states import CaseAction, CaseState


def link_duplicates(*, duplicate: Case, original: Case | None, acting: Acting, reason: str,
                    similarity: float | None = None, original_id: str | None = None,
                    policy: CasePolicy = DEFAULT_POLICY) -> list[Event]:
    """Link the duplicate to the original and back (only the duplicate when the original has no case); a link
    that exists already is left as it is. Nothing is announced."""
    target = original.complaint_id if original is not None else original_id
    if target is None:
        raise ValueError("name the original complaint")
    if target == duplicate.complaint_id:
        raise RuleViolation("a complaint cannot duplicate itself", field="duplicate_of")
    check_action(duplicate, action=CaseAction.LINK_DUPLICATE, acting=acting)  # against the version read
    acting = acting.model_copy(update={"expected_version": None})
    _link(duplicate, other=target, relation="duplicate_of", acting=acting, reason=reason, similarity=similarity,
          policy=policy)
    if original is not None:
        _link(original, other=duplicate.complaint_id, relation="has_duplicate", acting=acting, reason=reason,
              similarity=similarity, policy=policy)
    return []


def _link(case: Case, *, other: str, relation: str, acting: Acting, reason: str, similarity: float | None,
          policy: CasePolicy) -> None:
    if any(link.complaint_id == other for link in case.duplicates):
        return
    check_action(case, action=CaseAction.LINK_DUPLICATE, acting=acting)
    case.duplicates.append(DuplicateLink(complaint_id=other, relation=relation, reason=reason, linked_at=acting.at,
                                         by=acting.by, similarity=similarity))
    record(case, action=CaseAction.LINK_DUPLICATE, acting=acting, policy=policy,
           detail={"complaint_id": other, "relation": relation})


def merge(*, duplicate: Case, original: Case, acting: Acting, calendar: BusinessCalendar,
          original_tracking_number: str | None, policy: CasePolicy = DEFAULT_POLICY) -> list[Event]:
    """Close the duplicate as merged into the original, which carries on; return the duplicate's events (the
    original's change announces nothing: its customer's journey goes on as it was)."""
    if duplicate.complaint_id == original.complaint_id:
        raise RuleViolation("a case cannot be merged into itself", field="into")
    if original.merged_into is not None:
        raise RuleViolation(f"complaint {original.complaint_id} was itself merged into {original.merged_into}: "
                            "merge into that one", field="into")
    if not original.is_open:
        raise RuleViolation(f"complaint {original.complaint_id} is {original.state}: reopen it before merging into it",
                            field="into")
    check_action(duplicate, action=CaseAction.CLOSE_DUPLICATE, acting=acting)  # against the version read
    # Several records follow on each case: the version was checked once, above (the original's by the store).
    acting = acting.model_copy(update={"expected_version": None})
    check_action(original, action=CaseAction.TAKE_MERGED, acting=acting)
    reason = acting.reason or f"merged into {original.complaint_id}"
    link_duplicates(duplicate=duplicate, original=original, acting=acting, reason=reason, policy=policy)
    if duplicate.state is CaseState.AWAITING_CUSTOMER:
        resume_service_clock(duplicate, at=acting.at, calendar=calendar)
        duplicate.information_request_id = None
    duplicate.closed_at, duplicate.close_reason, duplicate.merged_into = acting.at, "duplicate", original.complaint_id
    record(duplicate, action=CaseAction.CLOSE_DUPLICATE, acting=acting, policy=policy,
           detail={"reason": "duplicate", "merged_into": original.complaint_id})
    if duplicate.complaint_id not in original.merged_from:
        original.merged_from.append(duplicate.complaint_id)
        record(original, action=CaseAction.TAKE_MERGED, acting=acting, policy=policy,
               detail={"merged_from": duplicate.complaint_id})
    return [case_event(ComplaintClosed, duplicate, acting, reason="duplicate", by=acting.by),
            case_event(ComplaintMerged, duplicate, acting, merged_into=original.complaint_id,
                       merged_into_tracking_number=original_tracking_number, reason=reason, by=acting.by)]
