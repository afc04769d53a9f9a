from concurrent.futures import ThreadPoolExecutor

import pytest
from intake.domain import crockford
from intake.domain.tracking import (
    PATTERN,
    InvalidTrackingNumber,
    is_tracking_number,
    new_tracking_number,
    parse_tracking_number,
    tracking_number_or_none,
)

SAMPLE = [new_tracking_number() for _ in range(25)]


def _symbols(number: str) -> str:
    return number.removeprefix("CMP-").replace("-", "")


def _with_symbols(symbols: str) -> str:
    return f"CMP-{symbols[:4]}-{symbols[4:8]}-{symbols[8]}"


def test_new_tracking_numbers_have_the_printed_form():
    assert all(PATTERN.match(number) for number in SAMPLE)


def test_check_symbol_is_always_a_letter_or_digit():
    assert all(number[-1] in crockford.ALPHABET for number in (new_tracking_number() for _ in range(2000)))


def test_many_new_tracking_numbers_are_all_different():
    numbers = [new_tracking_number() for _ in range(5000)]
    assert len(set(numbers)) == len(numbers)


@pytest.mark.parametrize("number", SAMPLE[:5])
def test_canonical_number_reads_back_unchanged(number):
    assert parse_tracking_number(number) == number


@pytest.mark.parametrize("typed", [
    lambda n: n.lower(),
    lambda n: n.replace("-", ""),
    lambda n: _symbols(n),
    lambda n: f"  {n.replace('-', ' ')} ",
    lambda n: n.replace("1", "l").replace("0", "o").lower(),
    lambda n: n.replace("1", "I").replace("0", "O"),
    lambda n: n.replace("-", "\u2013"),
])
def test_what_customers_type_reads_as_the_number(typed):
    for number in SAMPLE:
        assert parse_tracking_number(typed(number)) == number


def test_any_single_symbol_typo_is_caught():
    for number in SAMPLE:
        symbols = _symbols(number)
        for position, original in enumerate(symbols):
            for replacement in crockford.CHECK_ALPHABET.replace(original, ""):
                if position < 8 and replacement not in crockford.ALPHABET:
                    continue
                typo = symbols[:position] + replacement + symbols[position + 1:]
                with pytest.raises(InvalidTrackingNumber):
                    parse_tracking_number(_with_symbols(typo))


def test_any_swap_of_neighbouring_symbols_is_caught():
    for number in SAMPLE:
        symbols = _symbols(number)
        for position in range(len(symbols) - 1):
            first, second = symbols[position], symbols[position + 1]
            if first == second:
                continue
            swapped = symbols[:position] + second + first + symbols[position + 2:]
            with pytest.raises(InvalidTrackingNumber):
                parse_tracking_number(_with_symbols(swapped))


@pytest.mark.parametrize("typed", ["", "CMP", "CMP-7K3Q-9XWA", "CMP-7K3Q-9XWA-FF", "CMP-7K3U-9XWA-F", "CMP-7K3Q-9XW!-F",
                                   "XYZ-7K3Q-9XWA-F", "комплейн"])
def test_what_cannot_be_a_tracking_number_is_refused(typed):
    assert not is_tracking_number(typed)
    with pytest.raises(InvalidTrackingNumber):
        parse_tracking_number(typed)


def test_numbers_drawn_on_many_threads_at_once_are_all_different():
    with ThreadPoolExecutor(max_workers=8) as pool:
        batches = list(pool.map(lambda _: [new_tracking_number() for _ in range(1000)], range(8)))
    numbers = [number for batch in batches for number in batch]
    assert len(set(numbers)) == len(numbers) == 8000


def test_unreadable_input_is_looked_up_as_no_complaint():
    assert tracking_number_or_none("cmp 7k3q") is None
    assert tracking_number_or_none(SAMPLE[0].lower()) == SAMPLE[0]
