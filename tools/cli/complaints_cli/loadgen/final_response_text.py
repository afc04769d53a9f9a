"""The final response an agent of the load generator sends: what was decided, and what the case's regime makes
mandatory in a final response.

Resolution refuses (422, listing what is `missing`) a final response without its regime's mandatory content; its
rules live in resolution's `final_response` module. The CLI talks to the services only over their APIs (its
package does not depend on theirs), so the clauses below mirror those rules per regime, and the unit tests hold
every composed text against resolution's own check for every regime and outcome (a new regime or rule fails them).
"""

from collections.abc import Iterable, Mapping
from typing import Any

from complaint_contracts.types import Outcome, Regime

STATEMENT = "This is our final response to your complaint."
DECISIONS: dict[Outcome, str] = {
    Outcome.UPHELD: "Having looked into it, we uphold your complaint and have put things right as agreed with you.",
    Outcome.PARTIALLY_UPHELD: "Having looked into it, we uphold part of your complaint and have put that part right.",
    Outcome.NOT_UPHELD: "Having looked into it, we do not uphold your complaint: we acted in line with the terms "
                        "of your agreement, as our explanation sets out.",
}
OMBUDSMAN_REFERRAL = (
    "If you remain dissatisfied, you may refer your complaint to the Financial Ombudsman Service, free of charge, "
    "within six months of the date of this final response: www.financial-ombudsman.org.uk or 0800 023 4567. "
    "The enclosed leaflet explains how.")
"""FCA DISP 1.6 (and payment services under DISP): the ombudsman by name, how to reach it, the six months."""
ADR_REFERRAL = (
    "If you remain dissatisfied, you may turn to the alternative dispute resolution (ADR) entity competent for "
    "payment services disputes in your country; FIN-NET lists them at "
    "https://finance.ec.europa.eu/consumer-finance-and-payments/retail-financial-services/"
    "financial-dispute-resolution-network-fin-net_en")
"""PSD2 Art. 101: the competent ADR entity and where to find it."""
CFPB_CATEGORY = "This complaint is {category}."
CFPB_FOLLOW_UP = "You can follow up with the Consumer Financial Protection Bureau at consumerfinance.gov."

REGIME_CLAUSES: dict[Regime, tuple[str, ...]] = {
    Regime.NONE: (),
    Regime.UK_FCA_DISP: (OMBUDSMAN_REFERRAL,),
    Regime.UK_PSD: (OMBUDSMAN_REFERRAL,),
    Regime.EU_PSD2: (ADR_REFERRAL,),
    Regime.US_CFPB: (CFPB_CATEGORY, CFPB_FOLLOW_UP),
    Regime.US_FDA_MDR: (),  # the regulator gets the device report; the customer's response has no set content
}


def response_category(*, outcome: Outcome, remedies: Iterable[Mapping[str, Any]]) -> str:
    """The CFPB response category that matches what was done: relief when upheld (monetary if money was offered)."""
    if outcome is Outcome.NOT_UPHELD:
        return "closed with explanation"
    if any(remedy.get("amount") for remedy in remedies):
        return "closed with monetary relief"
    return "closed with non-monetary relief"


def compose_final_response(*, regime: Regime, outcome: Outcome, remedies: Iterable[Mapping[str, Any]] = ()) -> str:
    """The final response for a case of this regime with this outcome (remedies: those the customer accepted).

    Raises KeyError for a regime this table does not know yet (the agent records that as a failed step)."""
    category = response_category(outcome=outcome, remedies=remedies)
    clauses = [clause.format(category=category) for clause in REGIME_CLAUSES[regime]]
    return " ".join([STATEMENT, DECISIONS[outcome], *clauses])
