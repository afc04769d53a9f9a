"""Which family of products a complaint is about, so that regimes follow the product, not internal codes only.

Tried in order: the product code (glob patterns), the product's name as the customer or system wrote it, and —
only when no product was given — what the text says the product is ("my current account", "инсулиновая помпа").
"""

from fnmatch import fnmatchcase

from .facts import ComplaintFacts
from .language import analyse
from .rule_set import RuleSet


def sector_of(*, facts: ComplaintFacts, rule_set: RuleSet) -> tuple[str | None, str]:
    """The sector of the complaint's product, or None, with the reason in words."""
    lexicon = rule_set.compiled_lexicon
    if facts.product:
        code = facts.product.casefold()
        for name, sector in rule_set.sectors.items():
            if any(fnmatchcase(code, pattern.casefold()) for pattern in sector.products):
                return name, f"sector {name}: product code {facts.product}"
        # A name is read as written ("Multi-currency e-wallet") and with a code's separators as spaces
        # ("credit_card-gold").
        for written in dict.fromkeys([facts.product, facts.product.replace("-", " ").replace("_", " ")]):
            named = analyse(written, declared=facts.language)
            for name, sector in rule_set.sectors.items():
                phrase = next(filter(None, (lexicon.find(listed, named) for listed in sector.mentions)), None)
                if phrase is not None:
                    return name, f"sector {name}: the product is named {facts.product} ('{phrase}')"
        return None, f"sector-none: product {facts.product} belongs to no regulated sector"
    for name, sector in rule_set.sectors.items():
        phrase = next(filter(None, (lexicon.find(listed, facts.analysis) for listed in sector.mentions)), None)
        if phrase is not None:
            return name, f"sector {name}: no product given, and the text names one ('{phrase}')"
    return None, "sector-none: no product given, and the text names none of a regulated sector"
