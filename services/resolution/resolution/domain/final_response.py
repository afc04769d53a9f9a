"""Mandatory content of a final response, per regulatory regime, as a table of rules."""

import re
from typing import NamedTuple

from complaint_contracts.types import Regime


class ContentRule(NamedTuple):
    missing: str
    """What the response lacks when no pattern matches, in words the agent can act on."""
    patterns: tuple[str, ...]
    """Case-insensitive regular expressions; any one matching satisfies the rule."""


FINAL_RESPONSE_STATEMENT = ContentRule(
    "a statement that this is the final response", (r"\bfinal\s+response\b",))
FOS_NAME = ContentRule(
    "the Financial Ombudsman Service by name", (r"\bfinancial\s+ombudsman\s+service\b",))
FOS_CONTACT = ContentRule(
    "how to reach the Financial Ombudsman Service (its website, phone number or enclosed leaflet)",
    (r"financial-ombudsman\.org\.uk", r"\b0800\s*023\s*4567\b", r"\b0300\s*123\s*9123\b", r"\bleaflet\b"))
SIX_MONTH_REFERRAL = ContentRule(
    "the right to refer the complaint to the ombudsman within six months of this final response",
    (r"\b(?:six|6)[\s-]*months?\b",))
ADR_ENTITY = ContentRule(
    "the alternative dispute resolution (ADR) entity or ombudsman the customer can turn to",
    (r"\balternative\s+dispute\s+resolution\b", r"(?-i:\bADR\b)", r"\bombudsman\b"))
ADR_CONTACT = ContentRule(
    "the website of that ADR entity or ombudsman", (r"https?://\S+", r"\bwww\.\S+"))
CFPB_RESPONSE_CATEGORY = ContentRule(
    "the response category: closed with monetary relief, closed with non-monetary relief or closed with explanation",
    (r"\bclosed\s+with\s+(?:monetary\s+relief|non-monetary\s+relief|explanation)\b",))
CFPB_FOLLOW_UP = ContentRule(
    "how the consumer can follow up with the Consumer Financial Protection Bureau (consumerfinance.gov)",
    (r"consumerfinance\.gov", r"\bconsumer\s+financial\s+protection\s+bureau\b", r"\bCFPB\b"))

FINAL_RESPONSE_RULES: dict[Regime, tuple[ContentRule, ...]] = {
    Regime.NONE: (),
    # FCA DISP 1.6: a final response names the ombudsman, encloses its leaflet and states the 6-month right to refer.
    Regime.UK_FCA_DISP: (FINAL_RESPONSE_STATEMENT, FOS_NAME, FOS_CONTACT, SIX_MONTH_REFERRAL),
    # Payment services and e-money complaints fall under DISP too, with the same referral rights.
    Regime.UK_PSD: (FINAL_RESPONSE_STATEMENT, FOS_NAME, FOS_CONTACT, SIX_MONTH_REFERRAL),
    # PSD2 Art. 101: the reply names the ADR entity competent for the dispute and where to find it.
    Regime.EU_PSD2: (ADR_ENTITY, ADR_CONTACT),
    Regime.US_CFPB: (CFPB_RESPONSE_CATEGORY, CFPB_FOLLOW_UP),
    # FDA medical-device reporting goes to the regulator; it sets no content for the customer's response.
    Regime.US_FDA_MDR: (),
}


def missing_final_response_content(*, regime: Regime, text: str) -> list[str]:
    """List, in words, what the regime requires of a final response that the text does not contain."""
    return [rule.missing for rule in FINAL_RESPONSE_RULES.get(regime, ())
            if not any(re.search(pattern, text, flags=re.IGNORECASE) for pattern in rule.patterns)]


def carries_referral(*, regime: Regime, text: str) -> bool:
    """Tell whether the text already names the outside body its regime requires, with how and when to refer (so a
    letter carrying it must not add that paragraph again)."""
    return bool(FINAL_RESPONSE_RULES.get(regime)) and not missing_final_response_content(regime=regime, text=text)
