"""Personal data in routing on the embedded backend: a complaint sealed by intake is opened to triage it; its erasure
leaves the decision and takes the words, the hashes and the quotations; the destroyed key opens nothing more; the
privacy officer's export shows what is kept, before and after."""

import uuid
from datetime import UTC, datetime
from typing import Any

from bson import json_util
from complaint_contracts import to_kafka, topics
from complaint_contracts.intake import ComplaintReceived, PersonalDataErased
from complaint_contracts.personal_data import ERASED_TEXT
from complaints_chassis.personal_data import DataKey, sealing

from tests.support.builders import make_complaint_received
from tests.support.kafka import eventually, produce_raw
from tests.support.key_server import KeyServer
from tests.support.staff import bearer, staff_token

from .rig import Rig

DECISION_FIELDS = ("status", "kind", "category", "priority", "regime", "department", "team", "assignee", "tier",
                   "flags", "received_at", "decided_at", "rules_version", "teams_version", "model_version")


def complaint(marker: str, **overrides: Any) -> ComplaintReceived:
    return make_complaint_received(
        description=f"I am having chemotherapy and the heater started smoking in the night. Reference {marker}.",
        about_employee="emp-0002", customer={"name": f"Zorya {marker}", "email": f"{marker}@example.org"},
        **overrides)


async def file_sealed(rig: Rig, event: ComplaintReceived, key: DataKey) -> None:
    """What intake publishes: the complaint with every personal field sealed with its subject's key."""
    record = to_kafka(event, personal=sealing(key))
    await produce_raw(rig.backend.kafka_bootstrap, topics.INTAKE, key=record.key, value=record.value,
                      headers=record.headers)


async def erase(rig: Rig, complaint_id: str, key: DataKey) -> None:
    erased = PersonalDataErased(complaint_id=complaint_id, erasure_id=f"er-{uuid.uuid4().hex[:8]}",
                                reason="request", key_ids=[key.id], erased_at=datetime.now(UTC))
    await rig.publish(erased, erased)  # delivered twice: the second finds nothing left to do


async def exported(rig: Rig, complaint_id: str) -> dict[str, Any]:
    answer = await rig.http.post("/v1/data-subject-exports", json={"complaint_ids": [complaint_id]},
                                 headers=bearer(staff_token(role="privacy")))
    assert answer.status_code == 200, answer.text
    return answer.json()["complaints"].get(complaint_id, {})


async def stored_anywhere(rig: Rig, needle: str) -> list[str]:
    """Routing's collections holding `needle` in any document (raw, as stored)."""
    db = rig.app.state.runtime.db
    return [name for name in await db.list_collection_names()
            if any(needle in json_util.dumps(doc).lower() for doc in await db[name].find().to_list())]


async def test_an_erased_complaint_keeps_its_decision_and_loses_its_words(rig: Rig, keys: KeyServer) -> None:
    marker = uuid.uuid4().hex[:10]
    key = keys.new_key()
    received = complaint(marker)
    await file_sealed(rig, received, key)
    routed = await rig.first(received.complaint_id, "ComplaintRouted")
    assert routed.category == "safety" and "vulnerable" in routed.flags, "routing read the opened words"
    before = await exported(rig, received.complaint_id)
    assert marker in before["assessed_text"]["text"]
    assert any("('chemotherapy')" in line for line in before["decision"]["rules_fired"])
    assert before["decision"]["facts"]["about_employee"] == "emp-0002"
    assert before["duplicate_fingerprint"]["hashed_identities"] == ["email"]
    assert await stored_anywhere(rig, marker) == ["assessed_texts"]

    keys.destroy([key.id])
    await erase(rig, received.complaint_id, key)

    async def scrubbed() -> bool:
        return set(await exported(rig, received.complaint_id)) == {"decision"}

    await eventually(scrubbed)
    decision = (await exported(rig, received.complaint_id))["decision"]
    assert {name: decision[name] for name in DECISION_FIELDS} == {name: before["decision"][name]
                                                                  for name in DECISION_FIELDS}
    assert decision["facts"]["about_employee"] is None and decision["personal_data_erased_at"]
    explanation = "\n".join(decision["rules_fired"])
    assert "chemotherapy" not in explanation and f"('{ERASED_TEXT}')" in explanation
    assert len(decision["rules_fired"]) == len(before["decision"]["rules_fired"])
    assert await stored_anywhere(rig, marker) == []
    shown = (await rig.http.get(f"/v1/decisions/{received.complaint_id}")).json()
    assert (shown["category"], shown["priority"]) == (routed.category.value, routed.priority.value)


async def test_the_destroyed_key_is_forgotten_at_once_and_opens_nothing_more(rig: Rig, keys: KeyServer) -> None:
    key = keys.new_key()
    first, second = complaint(uuid.uuid4().hex[:10]), complaint(later := uuid.uuid4().hex[:10])
    await file_sealed(rig, first, key)
    await rig.first(first.complaint_id, "ComplaintRouted")  # the key is now cached by routing's ring
    keys.destroy([key.id])
    await erase(rig, first.complaint_id, key)

    async def erased() -> bool:
        return "assessed_text" not in await exported(rig, first.complaint_id)

    await eventually(erased)
    await file_sealed(rig, second, key)  # sealed with the destroyed key: only a cached copy could open it
    await rig.first(second.complaint_id, "ComplaintRouted")

    text = (await exported(rig, second.complaint_id))["assessed_text"]["text"]
    assert text == f"{ERASED_TEXT}\n{ERASED_TEXT}"  # the title and the description
    assert await stored_anywhere(rig, later) == []
