"""Sums of money a complaint's text names ("£86,000", "12 300 еўра", "500 тысяч рублей").

A large amount at stake is an urgency cue (docs/triage.md), and customers write it in the text far more often than
intake's amount-claimed field carries it. Only a number written with its currency counts: "flat 12", "order
48213" or "3 weeks" are no money. Digits in groups of three ("86,000", "12 300", "1.280.000") are one number; a
comma or point before one or two digits is the decimal part ("14,90 руб", "£16.50"). The rouble is Belarus's
(BYN) when the customer lives there or writes "бел. руб", Russia's (RUB) otherwise; a bare "$" is the dollar of
the customer's country where it has one.
"""

import re
from decimal import Decimal
from functools import lru_cache

from complaint_contracts.types import Money

_NUMBER = r"(?<![\d.,])(?P<number>\d{1,3}(?:[ .,\u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?!\d)"
_SCALE = r"(?:\s?(?P<scale>k|тыс\.?|тысяч\w*|тысячы|млн\.?|million|millions|миллион\w*|мільён\w*))?"
SYMBOL_FIRST = re.compile(rf"(?P<currency>£|€|\$|gbp|eur|usd|byn|pln|rub)\s?{_NUMBER}{_SCALE}")
WORD_AFTER = re.compile(
    rf"{_NUMBER}{_SCALE}\s?(?P<currency>€|£|\$|₽|zł|р\.|руб\w*|рубл\w*|бел\.? ?руб\w*|byn|rub|pln|eur|euro|euros|евро|"
    r"еура|эура|usd|dollars?|долл\w*|долар\w*|далар\w*|gbp|pounds?|quid|фунт\w*|злот\w*)(?!\w)")

_SCALES = {"k": 1_000, "тыс": 1_000, "млн": 1_000_000, "million": 1_000_000, "миллион": 1_000_000,
           "мільён": 1_000_000}
_DOLLARS = {"CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "HK": "HKD"}


def _currency(written: str, country: str) -> str:
    if written == "$" or written.startswith(("usd", "dollar", "долл", "долар", "далар")):
        return "USD" if written != "$" else _DOLLARS.get(country, "USD")
    if written in ("£", "gbp", "quid") or written.startswith(("pound", "фунт")):
        return "GBP"
    if written in ("€", "eur", "euro", "euros", "евро", "еура", "эура"):
        return "EUR"
    if written in ("zł", "pln") or written.startswith("злот"):
        return "PLN"
    if written == "byn" or written.startswith("бел"):
        return "BYN"
    return "BYN" if country == "BY" else "RUB"  # ₽, руб., рублей, rub: the rouble of where the customer lives


def _value(written: str) -> Decimal:
    digits = re.sub(r"[ \u00a0\u202f]", "", written)
    match = re.fullmatch(r"(?P<whole>[\d.,]*?\d)(?:[.,](?P<fraction>\d{1,2}))?", digits)
    if match is None:
        raise ValueError(f"not a number the patterns find: {written!r}")
    whole = re.sub(r"[.,]", "", match["whole"])
    return Decimal(f"{whole}.{match['fraction']}" if match["fraction"] else whole)


def _scale(written: str | None) -> int:
    if not written:
        return 1
    return next(factor for stem, factor in _SCALES.items() if written.startswith(stem))


MAXIMUM = Decimal("1e12")
"""Above this a "sum" is a misread (an account number with a currency beside it); Money holds 14 digits."""


@lru_cache(maxsize=1024)
def amounts_in_text(text: str, *, country: str) -> tuple[Money, ...]:
    """Every sum of money the (case-folded) text names with its currency, in text order."""
    # A number written between a symbol and a word ("$5,000 dollars") is one sum: one match per number.
    by_number = {match.span("number"): match for pattern in (SYMBOL_FIRST, WORD_AFTER)
                 for match in pattern.finditer(text)}
    sums = [(_value(match["number"]) * _scale(match["scale"]), match["currency"])
            for _, match in sorted(by_number.items())]
    return tuple(Money(amount=amount.quantize(Decimal("0.01")), currency=_currency(written, country))
                 for amount, written in sums if amount < MAXIMUM)
