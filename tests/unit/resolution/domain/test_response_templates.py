"""Final-response templates per language and outcome, filled in from the case: once the agent writes the [[…]]
passages, a response from a template lacks nothing, and the referral paragraph is in it exactly once."""

import re
from datetime import timedelta

import pytest
from complaint_contracts.types import Language, Outcome, Regime
from resolution.adapters.template_files import load_template_sets
from resolution.domain.complaint import details_from
from resolution.domain.final_response import carries_referral, missing_final_response_content
from resolution.domain.plan import has_dated_plan
from resolution.domain.response_minimum import minimum_content_gaps
from resolution.domain.response_templates import render_templates
from resolution.domain.states import CaseState

from tests.unit.resolution.builders import MONDAY_9AM, make_received, open_case_in, regulatory_deadline

SETS = load_template_sets()
REGIMES = [Regime.NONE, Regime.UK_FCA_DISP, Regime.UK_PSD, Regime.EU_PSD2, Regime.US_CFPB]
JURISDICTION = {Regime.EU_PSD2: "DE", Regime.US_CFPB: "US"}


def written(text: str) -> str:
    """The template with its passages written by the agent."""
    return re.sub(r"\[\[[^\]]*\]\]", "the courier lost the parcel", text)


@pytest.mark.parametrize("language", [Language.EN, Language.RU, Language.BE])
@pytest.mark.parametrize("regime", REGIMES)
def test_every_template_once_written_lacks_nothing_and_names_the_referral_once(language, regime):
    case = open_case_in(CaseState.IMPLEMENTING, regime=regime,
                        deadlines=[regulatory_deadline(MONDAY_9AM + timedelta(weeks=8))])
    complaint = details_from(make_received(language=language, jurisdiction=JURISDICTION.get(regime, "GB")))

    templates = render_templates(sets=SETS, case=case, complaint=complaint)

    assert sorted(t.outcome for t in templates) == sorted(Outcome) and {t.language for t in templates} == {language}
    for template in templates:
        assert template.prompts_left > 0 and "$" not in template.text
        text = written(template.text)
        assert missing_final_response_content(regime=regime, text=text) == []
        assert minimum_content_gaps(text=text, outcome=template.outcome, regime=regime, language=language,
                                    jurisdiction=complaint.jurisdiction, dated_plan=has_dated_plan(case)) == []
        assert carries_referral(regime=regime, text=text) is (regime is not Regime.NONE)
        if regime in (Regime.UK_FCA_DISP, Regime.UK_PSD):
            assert text.count("financial-ombudsman.org.uk") == 1


def test_the_case_fills_in_the_customer_the_complaint_and_the_agreed_plan():
    case = open_case_in(CaseState.IMPLEMENTING)
    complaint = details_from(make_received())

    [upheld] = render_templates(sets=SETS, case=case, complaint=complaint, outcome=Outcome.UPHELD)

    assert "Dear Alesia Kuzmich," in upheld.text and "CMP-7K3Q-9XWA-F" in upheld.text
    assert '"Refund not received"' in upheld.text and "received on 2026-03-02" in upheld.text
    assert "- Refund the delivery charge to the card used: by 2026-03-12" in upheld.text
    assert "Citizens Advice" in upheld.text


@pytest.mark.parametrize(("language", "salutation"), [(Language.EN, "Dear customer,"),
                                                     (Language.RU, "Уважаемый(ая) клиент,"),
                                                     (Language.BE, "Паважаны(ая) кліент,")])
def test_a_customer_who_gave_no_name_is_greeted_without_one(language, salutation):
    received = make_received(language=language)
    nameless = received.model_copy(update={"customer": received.customer.model_copy(update={"name": None})})
    complaint = details_from(nameless)

    [upheld] = render_templates(sets=SETS, case=open_case_in(CaseState.IMPLEMENTING), complaint=complaint,
                                outcome=Outcome.UPHELD)

    assert complaint.customer.name is None
    assert salutation in upheld.text


def test_the_language_asked_for_wins_and_an_unknown_complaint_falls_back_to_english():
    case = open_case_in(CaseState.INVESTIGATING)

    assert {t.language for t in render_templates(sets=SETS, case=case, complaint=None)} == {Language.EN}
    assert {t.language for t in render_templates(sets=SETS, case=case, complaint=None, language=Language.BE)} == {
        Language.BE}
    [not_upheld] = render_templates(sets=SETS, case=case, complaint=None, outcome=Outcome.NOT_UPHELD)
    assert "Our decision: we do not uphold" in not_upheld.text
