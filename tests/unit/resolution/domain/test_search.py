"""Finding complaints: keys normalised alike when stored and when asked, words matched by their beginnings, one
order for pages and cursors that cannot be forged into anything but a position."""

from datetime import timedelta

import pytest
from complaint_contracts.types import Priority
from resolution.domain.access import VisibleScope
from resolution.domain.errors import InvalidCursor
from resolution.domain.queue import QueueFilter
from resolution.domain.search import CaseSearch, SearchKeys, SortPosition, decode_cursor, encode_cursor, search_page
from resolution.domain.search_keys import MAX_WORDS, email_key, phone_key, query_words, reference_key, words_of

from tests.unit.resolution.builders import MONDAY_9AM, open_case_in, service_deadline

EVERYTHING = VisibleScope(everything=True)


def test_words_are_case_folded_distinct_and_of_two_letters_or_more():
    assert words_of(["Refund NOT received: a REFUND!", None, "Возврат не получен"]) == [
        "refund", "not", "received", "возврат", "не", "получен"]
    assert query_words("  Refund   parcel ") == ["refund", "parcel"]
    assert len(words_of([" ".join(f"w{n}" for n in range(MAX_WORDS + 10))])) == MAX_WORDS


def test_keys_are_normalised_the_same_way_for_storing_and_asking():
    assert email_key(" Alesia@Example.ORG ") == email_key("alesia@example.org") == "alesia@example.org"
    assert phone_key("+375 (29) 123-45-67") == phone_key("+375291234567") == "+375291234567"
    assert reference_key("cmp-7k3q-9xwa-f") == reference_key("CMP 7K3Q 9XWA F") == "CMP7K3Q9XWAF"
    assert (email_key(""), phone_key(None), reference_key("--")) == (None, None, None)


def test_search_keys_say_whether_they_look_a_customer_up():
    assert SearchKeys.of(email="a@example.org").personal and SearchKeys.of(phone="+441234567890").personal
    assert not SearchKeys.of(tracking_number="CMP-1", text="refund").personal
    assert SearchKeys.of(text="refund").given and not SearchKeys.of().given


def test_a_cursor_names_the_position_it_was_made_from_and_nothing_else_passes():
    position = SortPosition(due=MONDAY_9AM, rank=2, opened=MONDAY_9AM, complaint_id="c-late-refund-0001")

    assert decode_cursor(encode_cursor(position)) == position
    for forged in ("not-a-cursor", encode_cursor(position)[:-6], "eyJkdWUiOiAxfQ"):
        with pytest.raises(InvalidCursor):
            decode_cursor(forged)


def _case(name, *, due_in_days=None, **routed):
    deadlines = [service_deadline(MONDAY_9AM + timedelta(days=due_in_days))] if due_in_days is not None else []
    return open_case_in(complaint_id=f"c-{name}-0000", deadlines=deadlines, **routed)


def test_pages_follow_one_another_in_deadline_order_without_gaps_or_repeats():
    cases = [_case(f"n{n}", due_in_days=n % 3, priority=Priority.HIGH if n % 2 else Priority.LOW) for n in range(7)]
    cases.append(_case("nodue"))
    seen, after = [], None
    while True:
        page = search_page(cases=cases, search=CaseSearch(limit=3, after=after), scope=EVERYTHING, candidates=None)
        seen += [c.complaint_id for c in page]
        if len(page) < 3:
            break
        after = SortPosition.after(page[-1])

    assert sorted(seen) == sorted(c.complaint_id for c in cases) and len(seen) == len(set(seen))
    assert seen[-1] == "c-nodue-0000"


def test_candidates_the_filter_and_the_scope_all_narrow_the_page():
    cases = [_case("mine"), _case("high", priority=Priority.HIGH), _case("theirs", team="support-en-9")]
    search = CaseSearch(filter=QueueFilter(priorities=[Priority.MEDIUM]))

    page = search_page(cases=cases, search=search, scope=VisibleScope(teams=frozenset({"support-en-1"})),
                       candidates={"c-mine-0000", "c-theirs-0000", "c-high-0000"})

    assert [c.complaint_id for c in page] == ["c-mine-0000"]
