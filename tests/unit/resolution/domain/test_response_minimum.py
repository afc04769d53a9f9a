"""The ISO 10002 minimum of every final response: the decision, its reasons, what will be done by when, how to
take it further — and the outside body of the customer's jurisdiction where the regime names none."""

import pytest
from complaint_contracts.types import Language, Outcome, Regime
from resolution.domain.response_minimum import GAP_WORDS, external_body, minimum_content_gaps

COMPLETE = {
    Language.EN: ("Our decision: we uphold your complaint, because the courier lost the parcel. We will refund "
                  "you by 2026-03-12. If you are not satisfied, ask us to review it. You can also contact the "
                  "Citizens Advice consumer service: https://www.citizensadvice.org.uk/consumer/"),
    Language.RU: ("Наше решение: мы удовлетворяем вашу жалобу, поскольку курьер потерял посылку. Мы вернём деньги "
                  "до 12.03.2026. Если вы не удовлетворены, попросите о пересмотре. Вы также можете обратиться в "
                  "службу Citizens Advice: https://www.citizensadvice.org.uk/consumer/"),
    Language.BE: ("Наша рашэнне: мы задавальняем вашу скаргу, таму што кур'ер страціў пасылку. Мы вернем грошы "
                  "да 12.03.2026. Калі вы не задаволены, папрасіце пра перагляд. Вы таксама можаце звярнуцца ў "
                  "службу Citizens Advice: https://www.citizensadvice.org.uk/consumer/"),
}


def gaps(text, *, outcome=Outcome.UPHELD, regime=Regime.NONE, language=Language.EN, jurisdiction="GB",
         dated_plan=False):
    return minimum_content_gaps(text=text, outcome=outcome, regime=regime, language=language,
                                jurisdiction=jurisdiction, dated_plan=dated_plan)


@pytest.mark.parametrize("language", list(COMPLETE))
def test_a_complete_response_has_no_gaps_in_each_language(language):
    assert gaps(COMPLETE[language], language=language) == []


def test_a_bare_response_lacks_every_part_in_words_the_agent_can_act_on():
    missing = gaps("We refunded you.")

    assert missing[:4] == [GAP_WORDS["decision"], GAP_WORDS["reasons"], GAP_WORDS["by_when"],
                           GAP_WORDS["escalation"]]
    assert "Citizens Advice" in missing[4] and "citizensadvice.org.uk" in missing[4]


def test_what_will_be_done_by_when_comes_from_the_agreed_plan_or_is_not_owed_when_nothing_is_upheld():
    text = COMPLETE[Language.EN].replace(" We will refund you by 2026-03-12.", "")

    assert gaps(text) == [GAP_WORDS["by_when"]]
    assert gaps(text, dated_plan=True) == []
    assert gaps(text, outcome=Outcome.NOT_UPHELD) == []


def test_the_outside_body_is_the_regime_s_where_it_names_one_else_the_jurisdiction_s():
    assert external_body(regime=Regime.UK_FCA_DISP, jurisdiction="GB") is None
    assert external_body(regime=Regime.NONE, jurisdiction="BY").url == "https://mart.gov.by"
    assert external_body(regime=Regime.NONE, jurisdiction="FR") is None
    assert external_body(regime=Regime.NONE, jurisdiction=None) is None


def test_passages_a_template_left_to_write_are_a_gap():
    assert gaps(COMPLETE[Language.EN] + " We found that [[what went wrong]].")[0].startswith("the passages")
