"""Personal fields sealed on the wire, opened with the subject's key, shown as erased once the key is gone."""

import json

import pytest
from complaint_contracts import ComplaintReceived, CustomerMessageReceived, from_kafka, to_kafka
from complaint_contracts.personal_data import ERASED_TEXT, is_sealed, sealed_key_id
from complaints_chassis.personal_data import (
    DataKey,
    Opener,
    UnreadableValue,
    key_ids_in,
    new_data_key,
    open_text,
    opening,
    seal_text,
    sealing,
)

from tests.support.builders import make_complaint_received

MARKER = "Zarina-Marker-5521"


class Ring:
    def __init__(self, *keys: DataKey) -> None:
        self.keys = {k.id: k for k in keys}
        self.asked: list[set[str]] = []

    async def get_many(self, key_ids):
        wanted = set(key_ids)
        self.asked.append(wanted)
        return {k: self.keys[k] for k in wanted if k in self.keys}


def _received() -> ComplaintReceived:
    return make_complaint_received(description=f"{MARKER} broke", title=f"{MARKER}'s kettle",
                                   desired_remedy_details=f"A new kettle for {MARKER}", customer={
        "name": MARKER, "email": "zarina@example.org", "phone": "+375291234567", "postal_address": "Minsk, " + MARKER})


def test_a_sealed_value_opens_with_its_key_only() -> None:
    key, other = new_data_key(), new_data_key()
    sealed = seal_text("Alesia", key)
    assert is_sealed(sealed) and sealed_key_id(sealed) == key.id and "Alesia" not in sealed
    assert open_text(sealed, key) == "Alesia"
    assert seal_text("Alesia", key) != sealed  # a fresh nonce each time: equal values do not look equal
    with pytest.raises(UnreadableValue):
        open_text(sealed, DataKey(id=key.id, material=other.material))
    with pytest.raises(UnreadableValue):
        open_text(sealed[:-4] + ("AAAA" if not sealed.endswith("AAAA") else "BBBB"), key)


def test_the_key_material_never_shows_in_its_repr() -> None:
    key = new_data_key()
    assert key.material.hex() not in repr(key) and str(key.material) not in repr(key)


def test_every_personal_field_is_sealed_on_the_wire_and_nothing_else() -> None:
    key = new_data_key()
    event = _received()
    record = to_kafka(event, sealing(key))
    assert MARKER.encode() not in record.value and b"zarina@" not in record.value and b"+37529" not in record.value
    data = json.loads(record.value)
    assert is_sealed(data["customer"]["email"]) and is_sealed(data["description"]) and is_sealed(data["title"])
    assert is_sealed(data["desired_remedy_details"])
    assert data["product"] == event.product and data["channel"] == event.channel
    assert key_ids_in([record.value]) == {key.id}


async def test_a_reader_with_the_key_sees_the_original_event() -> None:
    key = new_data_key()
    event = _received()
    record = to_kafka(event, sealing(key))
    ring = Ring(key)
    personal = await Opener(ring).for_records([record.value])
    decoded = from_kafka("complaints.intake.v1", record.value, record.headers, personal)
    assert decoded == event
    assert ring.asked == [{key.id}]


async def test_once_the_key_is_destroyed_the_fields_show_as_erased_and_decoding_still_works() -> None:
    record = to_kafka(_received(), sealing(new_data_key()))
    personal = await Opener(Ring()).for_records([record.value])
    decoded = from_kafka("complaints.intake.v1", record.value, record.headers, personal)
    assert isinstance(decoded, ComplaintReceived)
    assert decoded.customer.name is None and decoded.customer.email is None and decoded.customer.phone is None
    assert decoded.description == decoded.title == ERASED_TEXT and decoded.desired_remedy_details is None
    without_keys = from_kafka("complaints.intake.v1", record.value, record.headers)
    assert without_keys == decoded


def test_an_altered_sealed_value_shows_as_erased_never_a_crash() -> None:
    key = new_data_key()
    event = CustomerMessageReceived(complaint_id="c-12345678", message_id="m-1", text=MARKER)
    data = json.loads(to_kafka(event, sealing(key)).value)
    data["text"] = data["text"][:-6] + "AAAAAA"
    assert opening({key.id: key})(CustomerMessageReceived, data)["text"] == ERASED_TEXT


def test_plaintext_from_an_older_producer_passes_through_opening() -> None:
    record = to_kafka(_received())
    decoded = from_kafka("complaints.intake.v1", record.value, record.headers, opening({}))
    assert decoded.customer.name == MARKER


async def test_a_title_and_remedy_at_their_length_limits_travel_sealed_far_past_them() -> None:
    # Cyrillic takes two bytes a letter: sealed, a value at its plaintext limit is far longer than the limit; the
    # contract judges the plaintext (opened or shown erased), never the sealed form.
    key = new_data_key()
    event = make_complaint_received(title="Ч" * 200, desired_remedy_details="Вярніце грошы. " * 133)
    record = to_kafka(event, sealing(key))
    data = json.loads(record.value)
    assert len(data["title"]) > 200 and len(data["desired_remedy_details"]) > 2000

    opened = from_kafka("complaints.intake.v1", record.value, record.headers,
                        await Opener(Ring(key)).for_records([record.value]))
    erased = from_kafka("complaints.intake.v1", record.value, record.headers)

    assert (opened.title, opened.desired_remedy_details) == (event.title, event.desired_remedy_details)
    assert (erased.title, erased.desired_remedy_details) == (ERASED_TEXT, None)
