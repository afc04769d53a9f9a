"""The redress ledger of one case: remedies offered → accepted (or declined) → paid, with totals per currency."""

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from complaint_contracts.types import Money, Remedy, RemedyKind
from pydantic import BaseModel, Field

from .errors import RedressRefused


class RedressStatus(StrEnum):
    OFFERED = "offered"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    """Rejected by the customer, or superseded by a newer proposal."""


class RedressLine(BaseModel):
    proposal_id: str
    remedy: Remedy
    status: RedressStatus = RedressStatus.OFFERED


class Payment(BaseModel):
    proposal_id: str
    kind: RemedyKind
    amount: Money
    reference: str
    paid_at: datetime
    by: str


class CurrencyTotals(BaseModel):
    currency: str
    offered: Decimal = Field(default=Decimal("0"), description="Awaiting the customer's decision")
    accepted: Decimal = Field(default=Decimal("0"), description="Accepted by the customer")
    paid: Decimal = Field(default=Decimal("0"), description="Paid out")

    @property
    def outstanding(self) -> Decimal:
        """Accepted but not yet paid."""
        return self.accepted - self.paid


class RedressLedger(BaseModel):
    lines: list[RedressLine] = Field(default_factory=list)
    payments: list[Payment] = Field(default_factory=list)

    def offer(self, *, proposal_id: str, remedies: list[Remedy]) -> None:
        """Record the remedies of a new proposal; earlier offers still pending are declined (superseded)."""
        self._settle(status=RedressStatus.DECLINED)
        self.lines.extend(RedressLine(proposal_id=proposal_id, remedy=remedy) for remedy in remedies)

    def accept(self, *, proposal_id: str) -> None:
        """Mark the pending offer of a proposal as accepted."""
        self._settle(status=RedressStatus.ACCEPTED, proposal_id=proposal_id)

    def decline(self, *, proposal_id: str) -> None:
        """Mark the pending offer of a proposal as declined."""
        self._settle(status=RedressStatus.DECLINED, proposal_id=proposal_id)

    def has_payment(self, *, reference: str) -> bool:
        """Tell whether a payment with this reference is already recorded."""
        return any(payment.reference == reference for payment in self.payments)

    def payable(self, *, proposal_id: str, kind: RemedyKind, currency: str) -> Decimal:
        """Return what may still be paid for an accepted remedy kind of a proposal, in one currency."""
        accepted = sum((line.remedy.amount.amount for line in self._accepted(proposal_id, kind, currency)),
                       Decimal("0"))
        paid = sum((p.amount.amount for p in self.payments
                    if (p.proposal_id, p.kind, p.amount.currency) == (proposal_id, kind, currency)), Decimal("0"))
        return accepted - paid

    def pay(self, *, proposal_id: str, kind: RemedyKind, amount: Money, reference: str, paid_at: datetime,
            by: str) -> Payment:
        """Record a payment, refusing anything not accepted or beyond what was accepted."""
        if self.has_payment(reference=reference):
            raise RedressRefused(f"payment {reference} is already recorded")
        if not any(self._accepted(proposal_id, kind, amount.currency)):
            raise RedressRefused(f"no accepted {kind} in {amount.currency} for proposal {proposal_id}")
        payable = self.payable(proposal_id=proposal_id, kind=kind, currency=amount.currency)
        if amount.amount > payable:
            raise RedressRefused(f"paying {amount.amount} {amount.currency} exceeds the {payable} still payable "
                                 f"for the accepted {kind}")
        payment = Payment(proposal_id=proposal_id, kind=kind, amount=amount, reference=reference, paid_at=paid_at,
                          by=by)
        self.payments.append(payment)
        return payment

    def totals(self) -> dict[str, CurrencyTotals]:
        """Sum offered, accepted and paid amounts per currency."""
        totals: dict[str, CurrencyTotals] = {}

        def entry(currency: str) -> CurrencyTotals:
            return totals.setdefault(currency, CurrencyTotals(currency=currency))

        for line in self.lines:
            money = line.remedy.amount
            if money is None or line.status is RedressStatus.DECLINED:
                continue
            if line.status is RedressStatus.OFFERED:
                entry(money.currency).offered += money.amount
            else:
                entry(money.currency).accepted += money.amount
        for payment in self.payments:
            entry(payment.amount.currency).paid += payment.amount.amount
        return totals

    def _accepted(self, proposal_id: str, kind: RemedyKind, currency: str) -> list[RedressLine]:
        return [line for line in self.lines
                if line.proposal_id == proposal_id and line.status is RedressStatus.ACCEPTED
                and line.remedy.kind == kind and line.remedy.amount is not None
                and line.remedy.amount.currency == currency]

    def _settle(self, *, status: RedressStatus, proposal_id: str | None = None) -> None:
        for line in self.lines:
            if line.status is RedressStatus.OFFERED and proposal_id in (None, line.proposal_id):
                line.status = status
