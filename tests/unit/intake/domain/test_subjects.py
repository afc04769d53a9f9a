import pytest
from complaint_contracts import CustomerContact
from intake.domain.subjects import SubjectIndex

PEPPER = b"p" * 32


def test_a_customer_is_known_by_email_in_any_case_else_by_phone_in_any_spelling_else_by_the_complaint() -> None:
    index = SubjectIndex(PEPPER)
    both = index.of(CustomerContact(email="Alesia@Example.org", phone="+375291234567"), complaint_id="c-1")
    assert both.id == index.email_ref("alesia@example.ORG")
    assert both.refs == (both.id, index.phone_ref("+375 29 123-45-67"))
    by_phone = index.of(CustomerContact(phone="+375291234567"), complaint_id="c-2")
    assert (by_phone.id, by_phone.refs) == (index.phone_ref("00375 29 123 45 67"), (by_phone.id,))
    alone = [index.of(CustomerContact(postal_address="1 High Street"), complaint_id=c) for c in ("c-3", "c-4")]
    assert alone[0].refs == () and alone[0].id != alone[1].id
    assert len(both.id) == 32 and "alesia" not in both.id


def test_ids_depend_on_the_pepper_and_a_short_pepper_is_refused() -> None:
    assert SubjectIndex(PEPPER).email_ref("a@example.org") != SubjectIndex(b"q" * 32).email_ref("a@example.org")
    assert SubjectIndex(PEPPER).email_ref("a@example.org") != SubjectIndex(PEPPER).phone_ref("a@example.org")
    with pytest.raises(ValueError, match="32 bytes"):
        SubjectIndex(b"short")
