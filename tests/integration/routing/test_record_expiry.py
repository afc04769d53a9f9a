"""A complaint record at the end of its retention on the embedded backend: routing deletes every document it keeps
about the complaint (the decision with its outbox, the text, the fingerprint, what the chassis kept of its events),
and a second delivery of the event is harmless; another complaint keeps its decision."""

import uuid
from datetime import UTC, datetime, timedelta

from complaint_contracts.intake import ComplaintRecordExpired

from tests.support.kafka import eventually
from tests.support.key_server import KeyServer

from .rig import Rig
from .test_erasure import complaint, file_sealed, stored_anywhere


async def test_an_expired_complaint_leaves_no_document_and_the_other_keeps_its_decision(rig: Rig,
                                                                                       keys: KeyServer) -> None:
    key = keys.new_key()
    old, kept = complaint(uuid.uuid4().hex[:10]), complaint(uuid.uuid4().hex[:10])
    for event in (old, kept):
        await file_sealed(rig, event, key)
        await rig.first(event.complaint_id, "ComplaintRouted")
    assert {"decisions", "assessed_texts", "fingerprints"} <= set(await stored_anywhere(rig, old.complaint_id.lower()))

    closed_at = datetime.now(UTC) - timedelta(days=2200)
    expired = ComplaintRecordExpired(complaint_id=old.complaint_id, closed_at=closed_at, retention_days=2191,
                                     expired_at=datetime.now(UTC))
    await rig.publish(expired, expired)  # delivered twice: the second finds nothing left

    async def gone() -> bool:
        return await stored_anywhere(rig, old.complaint_id.lower()) == []

    await eventually(gone)
    assert set(await rig.store.decisions([old.complaint_id, kept.complaint_id])) == {kept.complaint_id}
    assert await stored_anywhere(rig, kept.complaint_id.lower())
