"""Redress ledger arithmetic: offered → accepted → paid, totals per currency, never paying beyond what was accepted."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from complaint_contracts.types import Money, Remedy, RemedyKind
from hypothesis import given
from hypothesis import strategies as st
from resolution.domain.errors import RedressRefused
from resolution.domain.ledger import RedressLedger, RedressStatus

PAID_AT = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)


def gbp(amount: str) -> Money:
    return Money(amount=amount, currency="GBP")


def refund(amount: str, currency: str = "GBP") -> Remedy:
    return Remedy(kind=RemedyKind.REFUND, amount=Money(amount=amount, currency=currency))


APOLOGY = Remedy(kind=RemedyKind.APOLOGY, description="Written apology")


def accepted_ledger() -> RedressLedger:
    ledger = RedressLedger()
    ledger.offer(proposal_id="p-1", remedies=[refund("49.99"), refund("20.00", "EUR"), APOLOGY])
    ledger.accept(proposal_id="p-1")
    return ledger


def pay(ledger: RedressLedger, amount: str, reference: str, currency: str = "GBP", proposal_id: str = "p-1"):
    return ledger.pay(proposal_id=proposal_id, kind=RemedyKind.REFUND, amount=Money(amount=amount, currency=currency),
                      reference=reference, paid_at=PAID_AT, by="emp-0042")


def test_offered_amounts_count_as_offered_until_the_customer_decides():
    ledger = RedressLedger()
    ledger.offer(proposal_id="p-1", remedies=[refund("49.99"), refund("20.00", "EUR"), APOLOGY])

    totals = ledger.totals()

    assert (totals["GBP"].offered, totals["GBP"].accepted) == (Decimal("49.99"), Decimal("0"))
    assert totals["EUR"].offered == Decimal("20.00")


def test_totals_are_kept_per_currency_and_outstanding_is_accepted_minus_paid():
    ledger = accepted_ledger()
    pay(ledger, "30.00", "PAY-1")
    pay(ledger, "19.99", "PAY-2")
    pay(ledger, "5.00", "PAY-3", currency="EUR")

    totals = ledger.totals()

    assert (totals["GBP"].accepted, totals["GBP"].paid, totals["GBP"].outstanding) == (
        Decimal("49.99"), Decimal("49.99"), Decimal("0"))
    assert (totals["EUR"].accepted, totals["EUR"].paid, totals["EUR"].outstanding) == (
        Decimal("20.00"), Decimal("5.00"), Decimal("15.00"))


def test_paying_more_than_was_accepted_is_refused():
    ledger = accepted_ledger()
    pay(ledger, "40.00", "PAY-1")

    with pytest.raises(RedressRefused, match="exceeds the 9.99 still payable"):
        pay(ledger, "10.00", "PAY-2")
    assert len(ledger.payments) == 1


@pytest.mark.parametrize(("currency", "proposal_id"), [("USD", "p-1"), ("GBP", "p-unknown")])
def test_paying_what_was_never_accepted_is_refused(currency, proposal_id):
    with pytest.raises(RedressRefused, match="no accepted refund"):
        pay(accepted_ledger(), "1.00", "PAY-1", currency=currency, proposal_id=proposal_id)


def test_an_offer_the_customer_rejected_cannot_be_paid():
    ledger = RedressLedger()
    ledger.offer(proposal_id="p-1", remedies=[refund("49.99")])
    ledger.decline(proposal_id="p-1")

    with pytest.raises(RedressRefused):
        pay(ledger, "49.99", "PAY-1")
    assert ledger.totals() == {}


def test_a_new_proposal_supersedes_the_offer_still_pending():
    ledger = RedressLedger()
    ledger.offer(proposal_id="p-1", remedies=[refund("20.00")])
    ledger.offer(proposal_id="p-2", remedies=[refund("35.00")])

    assert [line.status for line in ledger.lines] == [RedressStatus.DECLINED, RedressStatus.OFFERED]
    assert ledger.totals()["GBP"].offered == Decimal("35.00")


def test_the_same_payment_reference_is_recorded_once():
    ledger = accepted_ledger()
    pay(ledger, "10.00", "PAY-1")

    with pytest.raises(RedressRefused, match="already recorded"):
        pay(ledger, "10.00", "PAY-1")
    assert ledger.totals()["GBP"].paid == Decimal("10.00")


cents = st.integers(min_value=1, max_value=6000).map(lambda c: f"{Decimal(c) / 100:.2f}")


@given(attempts=st.lists(cents, max_size=12))
def test_a_payment_goes_through_exactly_when_it_fits_in_what_is_still_payable(attempts):
    ledger = accepted_ledger()
    for number, amount in enumerate(attempts):
        payable = ledger.payable(proposal_id="p-1", kind=RemedyKind.REFUND, currency="GBP")
        if Decimal(amount) <= payable:
            pay(ledger, amount, f"PAY-{number}")
        else:
            with pytest.raises(RedressRefused):
                pay(ledger, amount, f"PAY-{number}")

    gbp_totals = ledger.totals()["GBP"]
    assert Decimal("0") <= gbp_totals.outstanding <= gbp_totals.accepted
    assert gbp_totals.paid == sum((p.amount.amount for p in ledger.payments), Decimal("0"))
