"""A complaint record at the end of its retention on the embedded backend: resolution deletes the closed case, the
complaint's details and conversation (no raw document of its database names the complaint afterwards), a second
delivery is harmless, the other complaint keeps everything, and the team's open-case count does not move."""

from datetime import timedelta

from bson import json_util
from complaint_contracts.intake import SOURCE as INTAKE
from complaint_contracts.intake import ComplaintRecordExpired, ComplaintWithdrawn, CustomerMessageReceived

from tests.support.kafka import eventually

from .rig import Rig, new_team


async def collections_naming(rig: Rig, complaint_id: str) -> list[str]:
    db = rig.app.state.runtime.db
    return [name for name in await db.list_collection_names()
            if any(complaint_id in json_util.dumps(doc) for doc in await db[name].find().to_list())]


async def case_record(rig: Rig, complaint_id: str) -> dict[str, object]:
    """The stored case without the relay's bookkeeping (which moves as its events are published)."""
    doc = await rig.case_doc(complaint_id) or {}
    return {name: value for name, value in doc.items() if not name.startswith("_outbox")}


async def closed(rig: Rig, complaint_id: str) -> bool:
    doc = await rig.case_doc(complaint_id)
    return doc is not None and doc["state"] == "closed"


async def test_an_expired_complaint_leaves_no_document_and_the_counts_stay(rig: Rig) -> None:
    team = new_team()
    gone, kept, still_open = rig.routed(team=team), rig.routed(team=team), rig.routed(team=team)
    for routed in (gone, kept, still_open):
        await rig.open(routed)
    for routed in (gone, kept):
        await rig.publish(CustomerMessageReceived(complaint_id=routed.complaint_id, time=rig.now(),
                                                  message_id=f"m-{routed.complaint_id}", text="Any news?"),
                          ComplaintWithdrawn(complaint_id=routed.complaint_id, time=rig.now(), source=INTAKE))
        await eventually(lambda cid=routed.complaint_id: closed(rig, cid))

    async def counted_once() -> bool:
        doc = await rig.workload_doc(f"{team}/*")
        return doc is not None and doc["open_cases"] == 1 and not doc.get("pending")

    await eventually(counted_once)
    assert {"cases", "complaints", "conversation"} <= set(await collections_naming(rig, gone.complaint_id))
    kept_case = await case_record(rig, kept.complaint_id)
    expired = ComplaintRecordExpired(complaint_id=gone.complaint_id, closed_at=rig.now(), retention_days=2191,
                                     expired_at=rig.now() + timedelta(days=2192))
    await rig.publish(expired, expired)  # delivered twice: the second deletes nothing

    async def deleted() -> bool:
        return await collections_naming(rig, gone.complaint_id) == []

    await eventually(deleted)
    assert await case_record(rig, kept.complaint_id) == kept_case
    assert await rig.details_doc(kept.complaint_id) is not None
    assert (await rig.workload_doc(f"{team}/*"))["open_cases"] == 1
