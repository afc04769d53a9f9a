"""Personal data on the embedded backend: sealed on the topic, opened with the keys intake's key API gives, kept
as a working copy; once erased, no stored document of the service holds any of it (the raw JSON is searched), the
other customer's data stays readable, and what comes opened after the erasure is kept without personal data."""

import uuid
from typing import Any

from bson import json_util
from complaint_contracts.base import Event
from complaint_contracts.intake import ComplaintReceived, CustomerMessageReceived, PersonalDataErased
from complaints_chassis.personal_data import DataKey, new_data_key, sealing
from complaints_chassis.publishing import outgoing

from tests.support.kafka import eventually
from tests.support.key_server import KeyServer

from .rig import Rig, bearer, new_team, token


async def publish_sealed(rig: Rig, key: DataKey, *events: Event) -> None:
    """Publish as intake does: every personal field sealed with the customer's key."""
    await rig.app.state.runtime.publisher.send([outgoing(event, sealing(key)) for event in events])


def marked(rig: Rig, routed: Any, mark: str) -> ComplaintReceived:
    received = rig.received(routed, email=f"{mark}@example.org", description=f"The refund never came. {mark}",
                            order_reference=f"ORD-{mark}", title=f"Refund not received {mark}title",
                            desired_remedy="refund", desired_remedy_details=f"All of it back, {mark}remedy")
    return received.model_copy(update={"customer": received.customer.model_copy(update={
        "name": f"Sam {mark}", "postal_address": f"12 {mark}Street, Leeds"})})


async def raw_documents_holding(rig: Rig, mark: str) -> list[str]:
    """Where the mark appears in any stored document of the service, as collection/_id."""
    db = rig.app.state.runtime.db
    found = []
    for name in await db.list_collection_names():
        async for doc in db[name].find({}):
            if mark in json_util.dumps(doc):
                found.append(f"{name}/{doc['_id']}")
    return found


async def _case_field(rig: Rig, complaint_id: str, field: str) -> Any:
    doc = await rig.case_doc(complaint_id)
    return doc.get(field) if doc else None


async def test_erased_personal_data_leaves_no_trace_in_any_stored_document(rig: Rig, key_api: KeyServer) -> None:
    team, mark, other_mark = new_team(), f"zq{uuid.uuid4().hex[:10]}", f"zk{uuid.uuid4().hex[:10]}"
    key, other_key = new_data_key(), new_data_key()
    key_api.add(key)
    key_api.add(other_key)
    routed, other = rig.routed(team=team), rig.routed(team=team)
    message = CustomerMessageReceived(complaint_id=routed.complaint_id, time=rig.now(), message_id="m-1",
                                      text=f"Call me back, {mark}")
    await publish_sealed(rig, key, marked(rig, routed, mark), message)
    await publish_sealed(rig, other_key, marked(rig, other, other_mark))
    await rig.publish(routed, other)
    await eventually(lambda: _holds(rig, mark))
    await eventually(lambda: _case_field(rig, routed.complaint_id, "version"))
    details = await rig.details_doc(routed.complaint_id)
    assert details is not None and details["details"]["customer"]["email"] == f"{mark}@example.org"  # opened
    agent = bearer(token("agent", team=team))
    # An internal note quotes a part of the address and the customer's name alone (not a stored value as it is).
    noted = await rig.http.post(f"/cases/{routed.complaint_id}/notes", headers=agent, json={
        "version": await _case_field(rig, routed.complaint_id, "version"),
        "text": f"Spoke to {mark}, who lives at 12 {mark}Street."})
    assert noted.status_code == 200, noted.text
    await eventually(lambda: _entry_kept(rig, routed.complaint_id))
    assert await _found(rig, agent, f"{mark}title") == await _found(rig, agent, f"{mark}remedy") == [
        routed.complaint_id]

    key_api.destroy([key.id])
    erased_at = rig.now()
    await rig.publish(PersonalDataErased(complaint_id=routed.complaint_id, time=erased_at, erasure_id="er-1",
                                         reason="request", key_ids=[key.id], erased_at=erased_at))
    await eventually(lambda: _case_field(rig, routed.complaint_id, "personal_data_erased_at"))
    await eventually(lambda: _entries_erased(rig, routed.complaint_id))  # the records are written after the case

    assert await raw_documents_holding(rig, mark) == []
    assert await raw_documents_holding(rig, other_mark) != []  # the other customer's data is untouched
    assert await _found(rig, agent, f"{mark}title") == await _found(rig, agent, f"{mark}remedy") == []
    case = (await rig.http.get(f"/cases/{routed.complaint_id}", headers=agent)).json()
    assert case["complaint"]["customer"]["email"] == "not available: erased"
    assert case["complaint"]["title"] == case["complaint"]["desired_remedy_details"] == "not available: erased"
    assert case["notes"][-1]["text"] == "Spoke to [erased], who lives at [erased]."
    assert [e["text"] for e in case["conversation"] if e["by"] == "customer"] == ["not available: erased"]
    assert case["audit"][-1]["action"] == "erase_personal_data"


async def test_what_comes_opened_after_the_erasure_is_kept_without_personal_data(rig: Rig, key_api: KeyServer) -> None:
    mark, key = f"zr{uuid.uuid4().hex[:10]}", new_data_key()
    key_api.add(key)
    routed = rig.routed(team=new_team())
    receipt = marked(rig, routed, mark)
    await publish_sealed(rig, key, receipt)
    await rig.publish(routed)
    await eventually(lambda: rig.details_doc(routed.complaint_id))  # opened: the key is in the cache now
    key_api.destroy([key.id])
    at = rig.now()
    late = CustomerMessageReceived(complaint_id=routed.complaint_id, time=at, message_id="m-9", text=f"Me: {mark}")

    # Decoded in one batch with the erasure, the replayed receipt and the message may still be opened with the
    # cached key; the message comes last on the same partition, so once it is kept everything before it was handled.
    await rig.publish(PersonalDataErased(complaint_id=routed.complaint_id, time=at, erasure_id="er-1",
                                         reason="retention", key_ids=[key.id], erased_at=at))
    await publish_sealed(rig, key, receipt, late)
    await eventually(lambda: _entry_kept(rig, routed.complaint_id))

    details = await rig.details_doc(routed.complaint_id)
    assert details is not None and details["details"]["customer"]["email"] is None
    assert details["details"]["description"] == details["details"]["title"] == "[erased]"
    assert details["details"]["desired_remedy_details"] is None and details["erasure"]["erasure_id"] == "er-1"
    assert await _entries_erased(rig, routed.complaint_id)
    assert await raw_documents_holding(rig, mark) == []


async def _found(rig: Rig, headers: dict[str, str], text: str) -> list[str]:
    """The complaints staff find by the words."""
    answer = await rig.http.post("/cases/search", headers=headers, json={"text": text})
    assert answer.status_code == 200, answer.text
    return [line["complaint_id"] for line in answer.json()["items"]]


async def _holds(rig: Rig, mark: str) -> bool:
    return bool(await raw_documents_holding(rig, mark))


async def _entry_kept(rig: Rig, complaint_id: str) -> bool:
    return await rig.app.state.runtime.db["conversation"].find_one({"complaint_id": complaint_id}) is not None


async def _entries_erased(rig: Rig, complaint_id: str) -> bool:
    entries = await rig.app.state.runtime.db["conversation"].find({"complaint_id": complaint_id}).to_list()
    return bool(entries) and all(e["entry"].get("erased") for e in entries)
