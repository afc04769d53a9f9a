"""The agents' final responses against resolution's own check of a final response's mandatory content."""

import pytest
from complaint_contracts.types import Outcome, Regime
from complaints_cli.loadgen.final_response_text import REGIME_CLAUSES, compose_final_response, response_category
from resolution.domain.final_response import FINAL_RESPONSE_RULES, missing_final_response_content

MONEY = [{"kind": "refund", "amount": {"amount": "25.00", "currency": "GBP"}}]
NO_MONEY = [{"kind": "apology", "description": "Sorry"}]


@pytest.mark.parametrize("regime", list(Regime))
@pytest.mark.parametrize("outcome", list(Outcome))
@pytest.mark.parametrize("remedies", [MONEY, NO_MONEY, []])
def test_the_final_response_satisfies_its_regime(regime: Regime, outcome: Outcome, remedies: list) -> None:
    text = compose_final_response(regime=regime, outcome=outcome, remedies=remedies)
    assert missing_final_response_content(regime=regime, text=text) == []


@pytest.mark.parametrize("regime", [r for r in Regime if FINAL_RESPONSE_RULES.get(r)])
def test_without_its_regime_clauses_a_final_response_is_refused(regime: Regime) -> None:
    bare = compose_final_response(regime=Regime.NONE, outcome=Outcome.UPHELD)
    assert missing_final_response_content(regime=regime, text=bare), "the clauses are what the regime needs"


def test_each_regime_gets_only_its_own_referral() -> None:
    fca = compose_final_response(regime=Regime.UK_FCA_DISP, outcome=Outcome.NOT_UPHELD)
    cfpb = compose_final_response(regime=Regime.US_CFPB, outcome=Outcome.NOT_UPHELD)
    assert "Financial Ombudsman Service" in fca and "consumerfinance.gov" not in fca
    assert "consumerfinance.gov" in cfpb and "Ombudsman" not in cfpb
    assert set(REGIME_CLAUSES) == set(Regime)


@pytest.mark.parametrize(("outcome", "remedies", "category"), [
    (Outcome.UPHELD, MONEY, "closed with monetary relief"),
    (Outcome.PARTIALLY_UPHELD, NO_MONEY, "closed with non-monetary relief"),
    (Outcome.NOT_UPHELD, MONEY, "closed with explanation"),
])
def test_the_cfpb_category_says_what_was_done(outcome: Outcome, remedies: list, category: str) -> None:
    assert response_category(outcome=outcome, remedies=remedies) == category
    assert f"This complaint is {category}." in compose_final_response(regime=Regime.US_CFPB, outcome=outcome,
                                                                      remedies=remedies)
