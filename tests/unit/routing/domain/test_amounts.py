from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from routing.domain.amounts import amounts_in_text
from routing.domain.language import normalise_text


def named(text: str, country: str = "GB") -> list[tuple[Decimal, str]]:
    return [(money.amount, money.currency) for money in amounts_in_text(normalise_text(text), country=country)]


@pytest.mark.parametrize(("text", "country", "amounts"), [
    ("I moved £86,000 for the deposit.", "GB", [(Decimal("86000"), "GBP")]),
    ("На ім 12 300 еўра — грошы з продажу кватэры.", "CZ", [(Decimal("12300"), "EUR")]),
    ("Предоплата 870 000 руб, и ещё 14,90 руб комиссии.", "RU", [(Decimal("870000"), "RUB"),
                                                                   (Decimal("14.90"), "RUB")]),
    ("Вярнулі толькі 70 рублёў.", "BY", [(Decimal("70"), "BYN")]),
    ("Перевёл 500 тысяч рублей.", "RU", [(Decimal("500000"), "RUB")]),
    ("I paid $2,874 and then £16.50.", "US", [(Decimal("2874"), "USD"), (Decimal("16.50"), "GBP")]),
    ("Invoice of 1.280.000 € and 1 200 zł.", "PL", [(Decimal("1280000"), "EUR"), (Decimal("1200"), "PLN")]),
    ("About £14k went missing.", "GB", [(Decimal("14000"), "GBP")]),
    ("It cost 1500 pounds.", "GB", [(Decimal("1500"), "GBP")]),
    ("I paid $5,000 for the course.", "CA", [(Decimal("5000"), "CAD")]),
    ("I paid $5,000 dollars for it.", "US", [(Decimal("5000"), "USD")]),
    # A number without its currency is no money; a sentence's end does not join two numbers.
    ("Flat 12, order 48213, three weeks late.", "GB", []),
    ("I paid £200. 3 days later nothing.", "GB", [(Decimal("200"), "GBP")]),
])
def test_sums_are_read_with_their_currency(text: str, country: str, amounts: list[tuple[Decimal, str]]) -> None:
    assert named(text, country) == amounts


@given(st.integers(min_value=1, max_value=10**9))
def test_grouped_digits_are_one_number_however_grouped(value: int) -> None:
    grouped = f"{value:,}"
    for separator in (",", " ", "."):
        assert named(f"£{grouped.replace(',', separator)}") == [(Decimal(value), "GBP")]
