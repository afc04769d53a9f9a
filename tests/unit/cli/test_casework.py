import pytest
from complaint_contracts import Regime
from complaints_cli.casework import FINAL_RESPONSE, NOT_UPHELD, UPHELD
from complaints_cli.loadgen import chosen
from resolution.final_response import missing_final_response_content


@pytest.mark.parametrize("regime", list(Regime))
@pytest.mark.parametrize("decision", [UPHELD, NOT_UPHELD])
def test_the_final_response_the_agents_send_satisfies_every_regime(regime: Regime, decision: str) -> None:
    assert missing_final_response_content(regime=regime, text=FINAL_RESPONSE.format(decision=decision)) == []


@pytest.mark.parametrize(("count", "share", "expected"), [
    (10, 0.0, set()), (10, 1.0, set(range(10))), (10, 0.5, {1, 3, 5, 7, 9}), (10, 0.2, {4, 9}), (3, 0.34, {2}),
])
def test_a_share_is_spread_evenly_over_the_submissions(count: int, share: float, expected: set[int]) -> None:
    assert chosen(count, share) == expected
