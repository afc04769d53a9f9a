from collections.abc import Callable
from datetime import timedelta

import pytest
from complaint_contracts.intake import ComplaintReceived
from routing.domain.duplicates import (
    ComplaintFingerprint,
    FingerprintsByCustomer,
    find_possible_duplicates,
    fingerprint,
)
from routing.domain.rules import DuplicatePolicy

KEY = b"test-fingerprint-key"
POLICY = DuplicatePolicy(window_days=30, similarity=0.8)
TEXT = "My parcel was never delivered and the courier does not answer my calls."


@pytest.fixture
def first(received: Callable[..., ComplaintReceived]) -> ComplaintFingerprint:
    return fingerprint(event=received(complaint_id="c-FIRST-PARCEL", description=TEXT), key=KEY)


@pytest.mark.parametrize(("case", "overrides", "later_by", "found"), [
    ("same customer, same words, next day", {}, timedelta(days=1), True),
    ("same words with different case and spacing", {"description": TEXT.upper().replace(" ", "  ")},
     timedelta(days=1), True),
    ("same customer known by phone only", {"customer": {"email": None, "phone": "+447700900123"}},
     timedelta(days=1), True),
    ("another customer", {"customer": {"email": "someone@example.org"}}, timedelta(days=1), False),
    ("outside the window", {}, timedelta(days=31), False),
    ("different story", {"description": "The cashier in the Leeds shop was rude to my elderly mother."},
     timedelta(days=1), False),
])
def test_duplicates_need_same_customer_similar_text_and_the_window(
        received: Callable[..., ComplaintReceived], case: str, overrides: dict, later_by: timedelta, found: bool
) -> None:
    both_contacts = {"email": "alesia@example.org", "phone": "+447700900123"}
    earlier = fingerprint(event=received(complaint_id="c-FIRST-PARCEL", description=TEXT, customer=both_contacts),
                          key=KEY)
    later = received(complaint_id="c-SECOND-PARCEL", description=overrides.pop("description", TEXT),
                     received_at=earlier.received_at + later_by, **overrides)
    matches = find_possible_duplicates(complaint=fingerprint(event=later, key=KEY), earlier=[earlier], policy=POLICY)
    assert bool(matches) is found, case


def test_duplicate_reason_says_why_without_personal_data(received: Callable[..., ComplaintReceived],
                                                         first: ComplaintFingerprint) -> None:
    later = received(complaint_id="c-SECOND-PARCEL", description=TEXT,
                     received_at=first.received_at + timedelta(days=2))
    [match] = find_possible_duplicates(complaint=fingerprint(event=later, key=KEY), earlier=[first], policy=POLICY)
    assert match.duplicate_of == "c-FIRST-PARCEL"
    assert match.similarity == pytest.approx(1.0)
    assert match.reason == ("same customer (e-mail), received 2 days earlier, text 100% similar "
                            "(threshold 80%, window 30 days)")
    assert "alesia" not in match.reason


def test_fingerprints_keep_no_readable_personal_data(first: ComplaintFingerprint) -> None:
    stored = repr(first)
    assert "alesia" not in stored and "parcel" not in stored and "courier" not in stored


def test_the_complaint_is_not_its_own_duplicate(first: ComplaintFingerprint) -> None:
    assert find_possible_duplicates(complaint=first, earlier=[first], policy=POLICY) == []


def test_fingerprints_are_found_by_any_customer_key_they_share(received: Callable[..., ComplaintReceived]) -> None:
    by_email = fingerprint(event=received(complaint_id="c-BY-EMAIL", customer={"email": "a@example.org"}), key=KEY)
    by_phone = fingerprint(event=received(complaint_id="c-BY-PHONE",
                                          customer={"email": None, "phone": "+447700900123"}), key=KEY)
    other = fingerprint(event=received(complaint_id="c-ANOTHER-ONE", customer={"email": "b@example.org"}), key=KEY)
    both = fingerprint(event=received(complaint_id="c-BOTH-KEYS",
                                      customer={"email": "a@example.org", "phone": "+447700900123"}), key=KEY)
    seen = FingerprintsByCustomer([by_email, by_phone, other])

    assert sorted(p.complaint_id for p in seen.sharing_a_key_with(both)) == ["c-BY-EMAIL", "c-BY-PHONE"]
    assert [p.complaint_id for p in seen.sharing_a_key_with(other)] == ["c-ANOTHER-ONE"]
    seen.add(both)
    assert sorted(p.complaint_id for p in seen.sharing_a_key_with(by_phone)) == ["c-BOTH-KEYS", "c-BY-PHONE"]
