"""The minimum every final response should carry, regulated or not, in the spirit of ISO 10002 (7.8, 7.9): the
decision, the reasons for it, what will be done and by when, and how to take it further — within the organisation
and, where one exists for the customer's jurisdiction, to an outside body.

Regulators' own content (final_response.py) is mandatory; this minimum is checked for every complaint and, as the
policy says, either refused when lacking (`enforce`) or recorded with the response for review (`advise`). The words
are looked for in the language the complaint is answered in."""

import re
from typing import NamedTuple

from complaint_contracts.types import Language, Outcome, Regime

from .final_response import FINAL_RESPONSE_RULES


class ExternalBody(NamedTuple):
    """An outside body a dissatisfied customer may turn to where no regulator names one."""

    name: dict[Language, str]
    url: str
    patterns: tuple[str, ...]


EXTERNAL_BODIES: dict[str, ExternalBody] = {
    # Consumer disputes in the UK outside financial services: Citizens Advice refers to the ADR scheme that applies.
    "GB": ExternalBody({Language.EN: "the Citizens Advice consumer service",
                        Language.RU: "службу Citizens Advice по защите прав потребителей",
                        Language.BE: "службу Citizens Advice па абароне правоў спажыўцоў"},
                       "https://www.citizensadvice.org.uk/consumer/",
                       (r"citizens\s*advice", r"citizensadvice\.org\.uk")),
    # Belarus: consumer protection is supervised by the Ministry of Antimonopoly Regulation and Trade.
    "BY": ExternalBody({Language.EN: "the Ministry of Antimonopoly Regulation and Trade (MART)",
                        Language.RU: "Министерство антимонопольного регулирования и торговли (МАРТ)",
                        Language.BE: "Міністэрства антыманапольнага рэгулявання і гандлю (МАРТ)"},
                       "https://mart.gov.by", (r"mart\.gov\.by", r"антимонопольн", r"антыманапольн",
                                               r"antimonopoly\s+regulation")),
    "US": ExternalBody({Language.EN: "your state attorney general's consumer protection office",
                        Language.RU: "управление по защите прав потребителей генерального прокурора вашего штата",
                        Language.BE: "упраўленне па абароне правоў спажыўцоў генеральнага пракурора вашага штата"},
                       "https://www.usa.gov/state-consumer",
                       (r"attorney\s+general", r"usa\.gov/state-consumer", r"генерального\s+прокурора",
                        r"генеральнага\s+пракурора")),
}
"""Jurisdiction → the outside body named where the regime names none (regulated regimes name their own)."""

PROMPT_OPEN = "[["
"""Templates mark what the agent must write themselves as [[…]]; a response still holding one is not finished."""
DATE = (r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{1,2}\s+[^\W\d]{3,}\.?\s+\d{4}\b"
        r"|\b[^\W\d]{3,}\s+\d{1,2},?\s+\d{4}\b")
WORDS: dict[str, dict[Language, str]] = {
    "decision": {
        Language.EN: r"\buph[eo]l|\bdecid|\bdecision|\bconclu|\bwe (?:do not |don't )?(?:agree|accept)|\bpartially",
        Language.RU: r"решени|удовлетвор|признаё|признае|признал|отклон|частично|не можем согласиться",
        Language.BE: r"рашэнн|задаволі|задавальн|прызна|адхіл|часткова"},
    "reasons": {
        Language.EN: r"\bbecause\b|\bas a result\b|\bdue to\b|\bsince\b|\breasons?\b|\bfound that\b|\bwe found\b"
                     r"|\bour investigation\b|\bcaused by\b",
        Language.RU: r"потому|поскольку|так как|причин|в связи с|установил|выяснил|в результате",
        Language.BE: r"таму|паколькі|\bбо\b|прычын|у сувязі з|высветлі|устанавіл|у выніку"},
    "escalation": {
        Language.EN: r"escalat|\bnot satisfied\b|\bdissatisfied\b|\bunhappy\b|\breview\b|\bappeal\b|\brefer\b",
        Language.RU: r"эскалац|не удовлетвор|не соглас|обжал|пересмотр|обратиться",
        Language.BE: r"эскалац|не задаволен|не згодн|абскардз|перагляд|звярнуцца"},
    "by_when": {
        Language.EN: DATE + r"|\bwithin\s+\d+\s+(?:working\s+|business\s+|calendar\s+)?(?:hours?|days?|weeks?)\b"
                            r"|\b(?:today|tomorrow)\b",
        Language.RU: DATE + r"|в течение\s+\d+|не позднее|до\s+\d{1,2}\b|сегодня|завтра",
        Language.BE: DATE + r"|на працягу\s+\d+|не пазней|да\s+\d{1,2}\b|сёння|заўтра"},
}
GAP_WORDS = {
    "decision": "the decision on the complaint, in words",
    "reasons": "the reasons for the decision",
    "by_when": "what will be done and by when (a date, or an agreed plan with dated steps)",
    "escalation": "how the customer can take the complaint further if they are not satisfied",
}


def external_body(*, regime: Regime, jurisdiction: str | None) -> ExternalBody | None:
    """The outside body a final response names: none where the regime names its own (its rules check that)."""
    if FINAL_RESPONSE_RULES.get(regime) or jurisdiction is None:
        return None
    return EXTERNAL_BODIES.get(jurisdiction)


def minimum_content_gaps(*, text: str, outcome: Outcome, regime: Regime, language: Language,
                         jurisdiction: str | None, dated_plan: bool) -> list[str]:
    """List, in words, what of the ISO 10002 minimum the response lacks (empty: complete)."""
    def says(kind: str) -> bool:
        return re.search(WORDS[kind][language], text, flags=re.IGNORECASE) is not None

    gaps = ["the passages the template left to write ([[…]])"] if PROMPT_OPEN in text else []
    gaps += [GAP_WORDS[kind] for kind in ("decision", "reasons") if not says(kind)]
    if outcome is not Outcome.NOT_UPHELD and not dated_plan and not says("by_when"):
        gaps.append(GAP_WORDS["by_when"])
    if not says("escalation"):
        gaps.append(GAP_WORDS["escalation"])
    body = external_body(regime=regime, jurisdiction=jurisdiction)
    if body and not any(re.search(p, text, flags=re.IGNORECASE) for p in body.patterns):
        gaps.append(f"the outside body the customer can turn to: {body.name[Language.EN]} ({body.url})")
    return gaps
