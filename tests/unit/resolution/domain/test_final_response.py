"""A final response under a regulated regime must carry the regime's mandatory content."""

import pytest
from complaint_contracts.types import Outcome, Regime
from resolution.domain.errors import FinalResponseIncomplete
from resolution.domain.final_response import FINAL_RESPONSE_RULES, missing_final_response_content
from resolution.domain.lifecycle import resolve
from resolution.domain.states import CaseState

from tests.unit.resolution.builders import FCA_FINAL_RESPONSE, open_case_in, staff

PSD2_FINAL_RESPONSE = ("We have refunded the fee. If you disagree you may contact the alternative dispute resolution "
                       "entity for payment services, https://www.example-adr.eu, free of charge.")
CFPB_FINAL_RESPONSE = ("Closed with monetary relief: we refunded the $35 fee. You can review this response on "
                       "consumerfinance.gov.")

COMPLETE = {
    Regime.NONE: "Sorry for the trouble; the courier has been replaced.",
    Regime.UK_FCA_DISP: FCA_FINAL_RESPONSE,
    Regime.UK_PSD: FCA_FINAL_RESPONSE,
    Regime.EU_PSD2: PSD2_FINAL_RESPONSE,
    Regime.US_CFPB: CFPB_FINAL_RESPONSE,
    Regime.US_FDA_MDR: "We replaced the device and reported the malfunction.",
}

GAPS = [
    (Regime.UK_FCA_DISP, FCA_FINAL_RESPONSE.replace("This is our final response. ", ""),
     "a statement that this is the final response"),
    (Regime.UK_FCA_DISP, FCA_FINAL_RESPONSE.replace("Financial Ombudsman Service", "ombudsman"),
     "the Financial Ombudsman Service by name"),
    (Regime.UK_FCA_DISP, FCA_FINAL_RESPONSE.replace(" (www.financial-ombudsman.org.uk, 0800 023 4567)", ""),
     "how to reach the Financial Ombudsman Service (its website, phone number or enclosed leaflet)"),
    (Regime.UK_FCA_DISP, FCA_FINAL_RESPONSE.replace(" within six months of the date of this letter", ""),
     "the right to refer the complaint to the ombudsman within six months of this final response"),
    (Regime.UK_PSD, FCA_FINAL_RESPONSE.replace("six months", "some time"),
     "the right to refer the complaint to the ombudsman within six months of this final response"),
    (Regime.EU_PSD2, PSD2_FINAL_RESPONSE.replace("alternative dispute resolution entity", "regulator"),
     "the alternative dispute resolution (ADR) entity or ombudsman the customer can turn to"),
    (Regime.EU_PSD2, PSD2_FINAL_RESPONSE.replace(" https://www.example-adr.eu,", ""),
     "the website of that ADR entity or ombudsman"),
    (Regime.US_CFPB, CFPB_FINAL_RESPONSE.replace("Closed with monetary relief", "Done"),
     "the response category: closed with monetary relief, closed with non-monetary relief or closed with "
     "explanation"),
    (Regime.US_CFPB, CFPB_FINAL_RESPONSE.replace(" You can review this response on consumerfinance.gov.", ""),
     "how the consumer can follow up with the Consumer Financial Protection Bureau (consumerfinance.gov)"),
]


def test_every_regime_has_a_rule_table():
    assert set(FINAL_RESPONSE_RULES) == set(Regime)


@pytest.mark.parametrize("regime", list(Regime))
def test_a_complete_final_response_lacks_nothing(regime):
    assert missing_final_response_content(regime=regime, text=COMPLETE[regime]) == []


@pytest.mark.parametrize(("regime", "text", "missing"), GAPS, ids=[f"{r}-{i}" for i, (r, _, _) in enumerate(GAPS)])
def test_each_missing_item_is_named_in_words(regime, text, missing):
    assert missing_final_response_content(regime=regime, text=text) == [missing]


@pytest.mark.parametrize(("regime", "count"), [(Regime.UK_FCA_DISP, 4), (Regime.UK_PSD, 4), (Regime.EU_PSD2, 2),
                                               (Regime.US_CFPB, 2), (Regime.NONE, 0), (Regime.US_FDA_MDR, 0)])
def test_a_bare_apology_lacks_all_of_the_regimes_content(regime, count):
    assert len(missing_final_response_content(regime=regime, text="We are sorry.")) == count


def test_the_fca_six_month_right_may_be_written_in_digits():
    text = FCA_FINAL_RESPONSE.replace("six months", "6 months")

    assert missing_final_response_content(regime=Regime.UK_FCA_DISP, text=text) == []


def test_resolving_an_fca_case_without_referral_rights_is_refused_and_changes_nothing():
    case = open_case_in(CaseState.INVESTIGATING, regime=Regime.UK_FCA_DISP)
    before = case.model_dump()

    with pytest.raises(FinalResponseIncomplete) as refused:
        resolve(case=case, acting=staff(3), outcome=Outcome.NOT_UPHELD, final_response="We are sorry.")

    assert len(refused.value.missing) == 4
    assert "the Financial Ombudsman Service by name" in str(refused.value)
    assert case.model_dump() == before


def test_resolving_an_fca_case_with_the_mandatory_content_issues_the_final_response():
    case = open_case_in(CaseState.INVESTIGATING, regime=Regime.UK_FCA_DISP)

    [resolved] = resolve(case=case, acting=staff(3), outcome=Outcome.UPHELD, final_response=FCA_FINAL_RESPONSE,
                         root_cause="courier-handover")

    assert (resolved.outcome, resolved.root_cause) == (Outcome.UPHELD, "courier-handover")
    assert case.state is CaseState.RESOLVED
