"""Where staff quoted the customer: each part of the customer's values is blanked in any letter case and only as a
whole word; a phone number however it is written."""

import re

import pytest
from complaint_contracts.personal_data import ERASED_TEXT
from hypothesis import given
from hypothesis import strategies as st
from resolution.domain.quotations import Quotable, address_parts, name_parts, quoting

E = ERASED_TEXT
CUSTOMER = Quotable(names=("Alesia Kuzmich-Smith",), addresses=("12 AADDRStreet, Londinium\nLS1 4AB",),
                    emails=("ak.7731@example.org",), phones=("+447700900123",),
                    phrases=("CUST-0042", "ORD-123", "Refund not received", "A kettle that works"))


@pytest.mark.parametrize(("text", "shown"), [
    # The name, and each part of it alone, in any letter case, as whole words only.
    ("Spoke to Alesia Kuzmich-Smith today", f"Spoke to {E} today"),
    ("Alesia called back", f"{E} called back"),
    ("ALESIA's sister phoned", f"{E}'s sister phoned"),
    ("mrs kuzmich-smith", f"mrs {E}"),
    ("Kuzmich is away", f"{E} is away"),
    ("Smith, J. wrote", f"{E}, J. wrote"),
    ("Alesian pottery", "Alesian pottery"),
    ("blacksmith tools", "blacksmith tools"),
    # The address whole, and each part between commas or lines (a house number alone is not looked for).
    ("lives at 12 AADDRStreet.", f"lives at {E}."),
    ("lives at 12 AADDRStreet, Londinium LS1 4AB", f"lives at {E}"),
    ("12  aaddrstreet,\nLondinium", f"{E},\n{E}"),
    ("moved from Londinium", f"moved from {E}"),
    ("postcode ls1 4ab", f"postcode {E}"),
    ("paid 12 pounds on 12 May", "paid 12 pounds on 12 May"),
    # The e-mail address in any letter case; a longer address that only contains it keeps its own part.
    ("wrote from AK.7731@EXAMPLE.ORG.", f"wrote from {E}."),
    ("<ak.7731@example.org>", f"<{E}>"),
    ("ak.7731@example.organisation", "ak.7731@example.organisation"),
    # The phone number however written: international, national, grouped, with a trunk or international prefix.
    ("call +44 7700 900123 now", f"call {E} now"),
    ("call 07700 900123", f"call {E}"),
    ("call (07700) 900-123", f"call {E}"),
    ("call 0044 7700 900 123", f"call {E}"),
    ("call +44 (0)7700 900123", f"call {E}"),
    ("tel. 7700.900.123", f"tel. {E}"),
    ("ref 12345 +447700900123", f"ref 12345 {E}"),
    ("ext 900123", "ext 900123"),
    ("call 07700 900124", "call 07700 900124"),
    # References, ids and the customer's own short texts as a whole.
    ("see cust-0042 and ORD 123", f"see {E} and {E}"),
    ("ORD-1234 is someone else's", "ORD-1234 is someone else's"),
    ("Re: Refund not received", f"Re: {E}"),
    ("The customer wants a kettle that works.", f"The customer wants {E}."),
    ("Refund sent", "Refund sent"),
])
def test_each_part_of_the_customers_values_is_blanked_where_quoted(text, shown):
    assert quoting(CUSTOMER)(text) == shown


def test_the_parts_looked_for_on_their_own():
    assert name_parts("Dr. Ana de Souza-Lima") == ["Dr. Ana de Souza-Lima", "Ana", "Souza-Lima", "Souza", "Lima"]
    assert name_parts("Li Wu") == ["Li Wu", "Li", "Wu"]
    assert name_parts("J. R. Hartley") == ["J. R. Hartley", "Hartley"]
    assert address_parts("Flat 2, 12 Oak St\nLeeds; UK") == ["Flat 2, 12 Oak St\nLeeds; UK", "Flat 2", "12 Oak St",
                                                             "Leeds"]


def test_nothing_to_look_for_changes_nothing():
    assert quoting(Quotable())("Alesia, 07700 900123") == "Alesia, 07700 900123"
    assert quoting(Quotable(phrases=("ab", " "), phones=("123",)))("ab 123") == "ab 123"


NAME_PART = st.from_regex(r"[A-Z][a-z]{2,9}", fullmatch=True).filter(lambda w: w.lower() not in {"mrs", "miss"})
CYRILLIC_WORDS = st.lists(st.from_regex(r"[а-я]{1,8}", fullmatch=True), max_size=8).map(" ".join)


@given(first=NAME_PART, last=NAME_PART, before=CYRILLIC_WORDS, after=CYRILLIC_WORDS,
       case=st.sampled_from([str, str.upper, str.lower, str.title]))
def test_a_first_or_last_name_alone_is_blanked_in_any_letter_case(first, last, before, after, case):
    redact = quoting(Quotable(names=(f"{first} {last}",)))

    for part in (first, last):
        shown = redact(f"{before} {case(part)}, {after}")

        assert part.casefold() not in shown.casefold() and E in shown


@given(part=NAME_PART, prefix=st.from_regex(r"[a-z]{1,4}", fullmatch=True),
       suffix=st.from_regex(r"[a-z0-9]{1,4}", fullmatch=True))
def test_a_name_inside_a_longer_word_is_not_blanked(part, prefix, suffix):
    redact = quoting(Quotable(names=(part,)))

    for word in (prefix + part.lower(), part + suffix, prefix + part.lower() + suffix):
        assert redact(f"the {word} case") == f"the {word} case"


@st.composite
def written_phone(draw):
    """A phone number in E.164 form and the way someone wrote it in a note."""
    country = draw(st.from_regex(r"[1-9][0-9]{0,2}", fullmatch=True))
    national = draw(st.from_regex(r"[1-9][0-9]{6,10}", fullmatch=True))
    digits = draw(st.sampled_from([f"+{country}{national}", f"00{country}{national}", f"0{national}", national]))
    sizes = draw(st.lists(st.integers(1, 4), min_size=1, max_size=6))
    groups, rest = [], digits
    for size in sizes:
        if rest:
            groups.append(rest[:size])
            rest = rest[size:]
    groups.append(rest) if rest else None
    separators = draw(st.lists(st.sampled_from([" ", "-", ".", " - ", "", "/"]), min_size=len(groups),
                               max_size=len(groups)))
    written = "".join(group + separator for group, separator in zip(groups, separators, strict=True)).rstrip(" -./")
    return f"+{country}{national}", national, written


@given(phone=written_phone(), before=CYRILLIC_WORDS, after=CYRILLIC_WORDS)
def test_a_phone_number_is_blanked_however_its_digits_are_grouped(phone, before, after):
    stored, national, written = phone

    shown = quoting(Quotable(phones=(stored,)))(f"{before} {written} {after}")

    assert national[-7:] not in re.sub(r"\D", "", shown) and E in shown


@given(text=st.text(alphabet=st.sampled_from("абвгдежзийклмн ,.;:!?()-\n0123456"), max_size=200))
def test_a_text_without_the_values_is_left_as_it_is(text):
    # No Latin letter (the values are Latin) and no run of seven digits of the number: nothing to find.
    assert quoting(CUSTOMER)(text) == text
