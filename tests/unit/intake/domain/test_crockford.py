from hypothesis import given
from hypothesis import strategies as st
from intake.domain import crockford

BODIES = st.binary(min_size=5, max_size=5)


@given(BODIES)
def test_encoding_round_trips(body):
    symbols = crockford.encode(body)
    assert len(symbols) == 8 and set(symbols) <= set(crockford.ALPHABET)
    assert crockford.decode(symbols) == body


@given(BODIES, st.integers(0, 7), st.sampled_from(crockford.ALPHABET))
def test_check_symbol_changes_with_any_single_symbol(body, position, replacement):
    symbols = crockford.encode(body)
    altered = symbols[:position] + replacement + symbols[position + 1:]
    if altered != symbols:
        assert crockford.check_symbol(crockford.decode(altered)) != crockford.check_symbol(body)


@given(BODIES, st.integers(0, 6))
def test_check_symbol_changes_when_neighbours_swap(body, position):
    symbols = crockford.encode(body)
    swapped = symbols[:position] + symbols[position + 1] + symbols[position] + symbols[position + 2:]
    if swapped != symbols:
        assert crockford.check_symbol(crockford.decode(swapped)) != crockford.check_symbol(body)


def test_lookalike_letters_read_as_digits():
    assert crockford.normalise("oIl-O i\u2013L") == "011011"
