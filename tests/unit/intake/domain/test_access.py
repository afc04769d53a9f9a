import re

from intake.domain import access
from intake.domain.access import hash_access_code, new_access_code, verify_access_code


def test_access_code_is_four_groups_of_four_unambiguous_symbols():
    assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{4}-){3}[0-9A-HJKMNP-TV-Z]{4}", new_access_code())


def test_new_access_codes_are_all_different():
    codes = [new_access_code() for _ in range(2000)]
    assert len(set(codes)) == len(codes)


def test_the_right_code_opens_and_a_wrong_one_does_not():
    code = new_access_code()
    stored = hash_access_code(code=code)
    assert verify_access_code(code=code, stored_hash=stored)
    assert not verify_access_code(code=new_access_code(), stored_hash=stored)


def test_code_typed_loosely_still_opens():
    code = "7K10-9XWA-F2MB-HT4C"
    stored = hash_access_code(code=code)
    assert verify_access_code(code="7klo 9xwa f2mb ht4c", stored_hash=stored)


def test_stored_hash_is_salted_and_does_not_contain_the_code():
    code = new_access_code()
    first, second = hash_access_code(code=code), hash_access_code(code=code)
    assert first != second
    assert code not in first and code.replace("-", "") not in first
    assert first.startswith("sha256$")


def test_huge_input_is_refused_without_error():
    stored = hash_access_code(code=new_access_code())
    assert not verify_access_code(code="A" * 1_000_000, stored_hash=stored)


def test_unknown_complaint_and_wrong_code_cost_the_same_hashing(monkeypatch):
    calls = []
    real = access._digest

    def counting(code, salt):
        calls.append(len(code))
        return real(code, salt)

    real_hash = hash_access_code(code=new_access_code())
    monkeypatch.setattr(access, "_digest", counting)
    assert not verify_access_code(code=new_access_code(), stored_hash=real_hash)
    assert not verify_access_code(code=new_access_code(), stored_hash=None)
    assert calls == [16, 16]


def test_unknown_complaint_never_opens_even_with_the_decoy_code(monkeypatch):
    decoy_code = new_access_code()
    monkeypatch.setattr(access, "_DECOY", hash_access_code(code=decoy_code))
    assert not verify_access_code(code=decoy_code, stored_hash=None)
