import json
from datetime import timedelta

import pytest
from analytics.adapters.documents import update_document
from analytics.domain.personal_data import public_data
from analytics.domain.projections import batch_updates, build_facts
from complaint_contracts import (
    ALL_EVENTS,
    ComplaintReceived,
    ComplaintWithdrawn,
    CustomerMessageReceived,
    EscalationRequested,
    from_kafka,
    to_kafka,
    topics,
)
from complaint_contracts.personal_data import ERASED_TEXT, personal_field_paths, strip_personal_data
from complaint_contracts.types import Contract, personal
from complaints_chassis.personal_data import new_data_key, sealing
from pydantic import Field

CANARY = "CANARY-7Q"


@pytest.mark.parametrize(("event_class", "expected"), [
    (ComplaintReceived, {"about_employee", "about_employee_name", "customer.customer_ref", "customer.email",
                         "customer.name", "customer.phone", "customer.postal_address", "description",
                         "desired_remedy_details", "order_reference", "title"}),
    (CustomerMessageReceived, {"text"}),
    (EscalationRequested, {"reason"}),
])
def test_marked_fields_are_found_by_their_schema_marker(event_class, expected):
    assert personal_field_paths(event_class) == expected


class _Witness(Contract):
    name: str = personal("A witness's name")
    role: str = Field(description="What they saw it as")


class _Report(Contract):
    summary: str = Field(description="Summary")
    reporter: _Witness = personal("The reporter, wholly personal")
    witnesses: list[_Witness] = Field(default_factory=list, description="Witnesses")
    backup: _Witness | None = Field(default=None, description="Optional witness")


def test_stripping_follows_nested_models_lists_and_optionals():
    report = _Report(summary="late parcel", reporter=_Witness(name="Ann", role="buyer"),
                     witnesses=[_Witness(name="Bob", role="courier")], backup=_Witness(name="Cy", role="neighbour"))
    assert public_data(report) == {"summary": "late parcel", "witnesses": [{"role": "courier"}],
                                   "backup": {"role": "neighbour"}}
    assert personal_field_paths(_Report) == {"reporter", "witnesses[].name", "backup.name"}


def test_received_event_loses_every_marked_field(story):
    data = public_data(story.received("c-canary-01", story.monday, name=CANARY, description=CANARY))
    assert CANARY not in json.dumps(data)
    assert "customer" in data and "name" not in data["customer"] and "description" not in data
    assert data["channel"] == "web"


def test_unknown_keys_pass_through_unchanged():
    assert strip_personal_data(model=_Report, data={"summary": "s", "extra": 1}) == {"summary": "s", "extra": 1}


def _data_with_canaries(paths):
    data: dict = {}
    for path in paths:
        node = data
        *parents, leaf = path.split(".")
        for part in parents:
            if part.endswith("[]"):
                node = node.setdefault(part[:-2], [{}])[0]
            else:
                node = node.setdefault(part, {})
        node[leaf] = CANARY
    return data


@pytest.mark.parametrize("event_type", sorted(t for t, cls in ALL_EVENTS.items() if personal_field_paths(cls)))
def test_every_marked_path_of_every_contract_is_stripped(event_type):
    model = ALL_EVENTS[event_type]
    data = _data_with_canaries(personal_field_paths(model)) | {"type": event_type}
    assert CANARY not in json.dumps(strip_personal_data(model=model, data=data))


def test_no_marked_value_reaches_a_fact(story):
    cid = "c-canary-02"
    start = story.monday
    events = [
        story.received(cid, start, name=CANARY, description=CANARY + " description"),
        *story.full(cid)[1:],
        story.decided(cid, start + timedelta(hours=51), decision="rejected", reason=CANARY + " reason"),
        story.feedback(cid, start + timedelta(hours=95), score=5, comment=CANARY + " comment"),
        ComplaintWithdrawn(complaint_id=cid, time=start + timedelta(hours=99), reason=CANARY + " withdrawn"),
        EscalationRequested(complaint_id=cid, time=start + timedelta(hours=98), reason=CANARY + " escalate"),
    ]
    documents = json.dumps([update_document(u) for u in batch_updates(events)], default=str)
    facts = json.dumps([f.model_dump(mode="json") for f in build_facts(events)])
    assert CANARY not in documents
    assert CANARY not in facts
    assert "alesia@example.org" not in documents


def test_an_event_read_with_its_fields_sealed_becomes_a_fact_without_them(story):
    """Analytics has no opener: the consumer decodes sealed values as erased, and the projection drops the fields
    anyway, so neither the plaintext, nor the ciphertext, nor the erased placeholder reaches a fact."""
    key = new_data_key()
    event = story.received("c-sealed-01", story.monday, name=CANARY, description=CANARY + " description")
    record = to_kafka(event, personal=sealing(key))
    assert CANARY.encode() not in record.value and b'"pd1.' + key.id.encode() in record.value

    read = from_kafka(topics.INTAKE, record.value, record.headers)

    assert (read.customer.name, read.description) == (None, ERASED_TEXT)
    [update] = batch_updates([read])
    [fact] = build_facts([read])
    stored = json.dumps([update_document(update), fact.model_dump(mode="json")], default=str)
    for absent in (CANARY, "pd1.", ERASED_TEXT, key.id):
        assert absent not in stored
    assert (fact.channel, fact.received_at) == ("web", story.monday)
