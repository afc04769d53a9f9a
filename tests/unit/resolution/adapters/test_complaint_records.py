"""How a complaint's details are kept: the details as they came, and one list of kind-prefixed keys it is found by."""

from resolution.adapters.complaint_records import customer_keys, details_fields
from resolution.domain.complaint import ComplaintDetails, details_from

from tests.unit.resolution.builders import make_received


def test_the_details_survive_their_document_and_carry_every_key_normalised():
    details = details_from(make_received(email=" Alesia@Example.org", phone="+375291234567",
                                         tracking_number="cmp-7k3q-9xwa-f"))

    fields = details_fields(details)

    assert ComplaintDetails.model_validate(fields["details"]) == details
    assert fields["keys"] == ["t:CMP7K3Q9XWAF", "e:alesia@example.org", "p:+375291234567"]
    assert (fields["product"], fields["received_at"]) == ("parcel-delivery", details.received_at)


def test_a_customer_with_neither_e_mail_nor_phone_has_no_customer_key():
    assert customer_keys(details_from(make_received(email=None, phone=None))) == []
