"""Paying redress on a case: the ledger's last step, announced as RedressPaid."""

from complaint_contracts.resolution import RedressPaid
from complaint_contracts.types import Money, RemedyKind

from .case import Acting, Case, case_event, check_action, record
from .policy import DEFAULT_POLICY, CasePolicy
from .states import CaseAction


def pay_redress(*, case: Case, acting: Acting, proposal_id: str, kind: RemedyKind, amount: Money,
                payment_reference: str, policy: CasePolicy = DEFAULT_POLICY) -> list[RedressPaid]:
    """Record a redress payment; refuse one not accepted or above what is still payable."""
    check_action(case, action=CaseAction.PAY_REDRESS, acting=acting)
    case.redress.pay(proposal_id=proposal_id, kind=kind, amount=amount, reference=payment_reference,
                     paid_at=acting.at, by=acting.by)
    record(case, action=CaseAction.PAY_REDRESS, acting=acting, policy=policy,
           detail={"proposal_id": proposal_id, "payment_reference": payment_reference})
    return [case_event(RedressPaid, case, acting, proposal_id=proposal_id, kind=kind, amount=amount,
                       payment_reference=payment_reference, by=acting.by)]
