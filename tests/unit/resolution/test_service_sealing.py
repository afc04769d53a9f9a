"""What staff write to the customer (questions, proposals, public notes, the final response) may greet or quote
them: it is published sealed with the complaint's key while that key exists, and as it is otherwise."""

import pytest
from complaint_contracts.personal_data import is_sealed
from complaints_chassis.personal_data import new_data_key, open_text
from resolution.domain.access import Principal, Role
from resolution.domain.commands import AddNote, RequestInformation, StartInvestigation
from resolution.domain.states import CaseState

from tests.unit.resolution.builders import make_received, open_case_in

CID, OTHER = "c-late-refund-0001", "c-other-cust-0002"
AGENT = Principal(subject="emp-0042", roles=frozenset({Role.AGENT}), teams=frozenset({"support-en-1"}))
GREETING = "Dear Alesia Kuzmich, "


class FakeKeys:
    """The key cache: the keys that still exist, and every look-up asked of it."""

    def __init__(self, *keys) -> None:
        self.keys = {k.id: k for k in keys}
        self.asked: list[set[str]] = []

    async def get_many(self, key_ids):
        self.asked.append(set(key_ids))
        return {k: self.keys[k] for k in key_ids if k in self.keys}

    def forget(self, key_ids) -> None:
        for key_id in key_ids:
            self.keys.pop(key_id, None)


def wire_of(store, event_type: str) -> list[dict]:
    return [data for event, data in zip(store.published, store.wire, strict=True) if type(event).__name__ == event_type]


async def act(service, store, command, complaint_id: str = CID) -> None:
    await service.act(complaint_id=complaint_id, principal=AGENT, version=store.cases[complaint_id].version,
                      reason="", command=command)


@pytest.fixture
def key():
    return new_data_key()


@pytest.fixture
async def keyed(service, store, key):
    """A complaint whose receipt names its subject's key, with its case under investigation."""
    service.keys = FakeKeys(key)
    store.put(open_case_in(CaseState.INVESTIGATING))
    await service.record_received(received=[make_received(personal_data_key=key.id)])
    return service


async def test_texts_to_the_customer_are_published_sealed_with_the_complaints_key(keyed, store, key):
    await act(keyed, store, AddNote(text=GREETING + "we are on it", public=True))
    await act(keyed, store, RequestInformation(question=GREETING + "which card did you pay with?"))

    [note], [asked] = wire_of(store, "PublicNoteAdded"), wire_of(store, "InformationRequested")
    assert is_sealed(note["text"]) and open_text(note["text"], key) == GREETING + "we are on it"
    assert is_sealed(asked["question"])
    assert open_text(asked["question"], key) == GREETING + "which card did you pay with?"
    assert note["note_id"] == "n-1" and asked["by"] == "emp-0042"  # nothing else is sealed
    assert keyed.keys.asked == [{key.id}, {key.id}]  # one look-up per write
    # The working copy staff read stays plaintext.
    assert (await keyed.view(complaint_id=CID, principal=AGENT)).case.notes[0].text == GREETING + "we are on it"


async def test_a_change_without_texts_to_the_customer_looks_up_no_key(keyed, store):
    store.put(open_case_in(CaseState.OPENED, complaint_id=OTHER))
    await act(keyed, store, AddNote(text=GREETING + "internal: called her", public=False))
    await act(keyed, store, StartInvestigation(), complaint_id=OTHER)

    assert keyed.keys.asked == []
    assert all(not is_sealed(v) for data in store.wire for v in data.values())


async def test_without_a_key_the_text_goes_as_it_is(keyed, store, key, service):
    store.put(open_case_in(CaseState.INVESTIGATING, complaint_id=OTHER))
    await service.record_received(received=[make_received(complaint_id=OTHER, tracking_number="CMP-OTHR-0002-B")])
    await act(keyed, store, AddNote(text="filed before sealing", public=True), complaint_id=OTHER)
    keyed.keys.forget([key.id])  # erased: the key is destroyed
    await act(keyed, store, AddNote(text="after the erasure", public=True))

    assert [n["text"] for n in wire_of(store, "PublicNoteAdded")] == ["filed before sealing", "after the erasure"]
