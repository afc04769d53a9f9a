"""Which family of products a complaint is about, so that regimes follow the product, not internal codes only.

Tried in order: the product code (glob patterns), the product's name as the customer or system wrote it, and what
the text says the product is ("my current account", "инсулиновая помпа") — when no product was given, or, for
sectors marked so, when the product given belongs to none.
"""

from fnmatch import fnmatchcase

from .facts import ComplaintFacts
from .language import TextAnalysis, analyse
from .rule_set import RuleSet


def sector_of(*, facts: ComplaintFacts, rule_set: RuleSet) -> tuple[str | None, str]:
    """The sector of the complaint's product, or None, with the reason in words."""
    if facts.product:
        code = facts.product.casefold()
        for name, sector in rule_set.sectors.items():
            if any(fnmatchcase(code, pattern.casefold()) for pattern in sector.products):
                return name, f"sector {name}: product code {facts.product}"
        # A name is read as written ("Multi-currency e-wallet") and with a code's separators as spaces
        # ("credit_card-gold").
        for written in dict.fromkeys([facts.product, facts.product.replace("-", " ").replace("_", " ")]):
            found = _named_sector(analyse(written, declared=facts.language), rule_set)
            if found is not None:
                return found[0], f"sector {found[0]}: the product is named {facts.product} ('{found[1]}')"
        # A brand and model alone names no sector. Some sectors the text then tells reliably: a text that names a
        # blood-pressure monitor is about one. Not payments and the like: "I paid by card" is said of anything.
        found = _named_sector(facts.analysis, rule_set, told_beside_unknown_products=True)
        if found is not None:
            return found[0], (f"sector {found[0]}: product {facts.product} is not in the catalogue, and the text "
                              f"names the product ('{found[1]}')")
        return None, f"sector-none: product {facts.product} belongs to no regulated sector"
    found = _named_sector(facts.analysis, rule_set)
    if found is not None:
        return found[0], f"sector {found[0]}: no product given, and the text names one ('{found[1]}')"
    kept_out = _kept_out(facts.analysis, rule_set)
    if kept_out is not None:  # said so, or the trace would claim the text named no regulated product
        return None, (f"sector-none: the text names a {kept_out[0]} product ('{kept_out[1]}'), but of a firm that "
                      f"is not in that sector ('{kept_out[2]}')")
    return None, "sector-none: no product given, and the text names none of a regulated sector"


def _kept_out(analysis: TextAnalysis, rule_set: RuleSet) -> tuple[str, str, str] | None:
    """The first sector the text names but `unless_text_names` keeps out: (sector, its phrase, the phrase that kept
    it out)."""
    for name, sector in rule_set.sectors.items():
        blocker = next(filter(None, (rule_set.compiled_lexicon.find(listed, analysis)
                                     for listed in sector.unless_text_names)), None)
        phrase = next(filter(None, (rule_set.compiled_lexicon.find(listed, analysis) for listed in sector.mentions)),
                      None)
        if blocker is not None and phrase is not None:
            return name, phrase, blocker
    return None


def _named_sector(analysis: TextAnalysis, rule_set: RuleSet, *,
                  told_beside_unknown_products: bool = False) -> tuple[str, str] | None:
    """The first sector, in the rules' order, one of whose phrases the words name, with the phrase found (only
    among sectors told beside unknown products, when asked)."""
    for name, sector in rule_set.sectors.items():
        if told_beside_unknown_products and not sector.told_beside_unknown_products:
            continue
        if any(rule_set.compiled_lexicon.find(listed, analysis) for listed in sector.unless_text_names):
            continue
        phrase = next(filter(None, (rule_set.compiled_lexicon.find(listed, analysis) for listed in sector.mentions)),
                      None)
        if phrase is not None:
            return name, phrase
    return None
