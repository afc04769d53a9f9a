"""Other services' events kept beside the complaint on the real store: one inserted document per event (a
redelivery adds nothing, the complaint's document is not rewritten), read back with the complaint; complaints the
previous version stored, with followed entries and the owning team inside, still read whole."""

from datetime import UTC, datetime, timedelta

from complaint_contracts import CaseAssigned, CaseOpened, ComplaintRouted
from intake.adapters.followed import COLLECTION
from pymongo import UpdateOne

from tests.support.staff import bearer, staff_token

from .conftest import Intake
from .support import file, filing, status
from .test_export import export
from .test_status_and_actions import STAFF, act

T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
"""The events' times, an hour back: a message the customer sends now comes after them (receipt always comes first)."""


def routed(complaint_id: str, team: str, at: datetime) -> ComplaintRouted:
    return ComplaintRouted(complaint_id=complaint_id, department="customer_support", team=team, rules_version="1",
                           kind="complaint", category="billing", priority="medium", regime="none", time=at)


def assigned(complaint_id: str, team: str, at: datetime) -> CaseAssigned:
    return CaseAssigned(complaint_id=complaint_id, team=team, by=STAFF, reason="workload", time=at)


async def followed_as_the_previous_version_did(intake: Intake, *events: ComplaintRouted | CaseOpened) -> None:
    """The previous version's writes: the entry pushed into the complaint, the owning team set beside it."""
    await intake.store.complaints.bulk_write([UpdateOne({"_id": e.complaint_id}, {
        "$push": {"entries": {"event_key": e.dedupe_key, "at": e.time.isoformat(), "milestone": "assigned",
                              "department": "customer_support", "deadlines": []}},
        "$inc": {"version": 1}, "$set": {"owner_team": e.team, "owner_as_of": e.time}}) for e in events])


async def owning_team(intake: Intake, complaint_id: str) -> str | None:
    return (await intake.store.owning_team(complaint_id))[1]


async def test_each_event_is_one_inserted_document_and_a_redelivery_adds_nothing(intake: Intake) -> None:
    async with intake.client() as client:
        receipt = await file(client, filing(language="en"))
    complaint_id = receipt["complaint_id"]
    before = await intake.store.complaints.find_one({"_id": complaint_id})
    events = [routed(complaint_id, "support-en-1", T0), CaseOpened(complaint_id=complaint_id, team="support-en-2",
                                                                   time=T0 + timedelta(minutes=1)),
              assigned(complaint_id, "support-en-3", T0 + timedelta(minutes=2))]

    await intake.deps.customers.follow(events=events)
    await intake.deps.customers.follow(events=events[:2])

    documents = await intake.app.state.runtime.db[COLLECTION].find({"complaint_id": complaint_id}).to_list()
    assert sorted(d["_id"] for d in documents) == sorted(e.dedupe_key for e in events)
    assert [d.get("team") for d in sorted(documents, key=lambda d: d["at"])] == [
        "support-en-1", "support-en-2", "support-en-3"]
    after = await intake.store.complaints.find_one({"_id": complaint_id})
    assert [after[k] for k in ("entries", "version")] == [before[k] for k in ("entries", "version")]
    assert "owner_team" not in after
    async with intake.client() as client:
        page = await status(client, receipt)
    assert [t["milestone"] for t in page["timeline"]] == ["received", "assigned", "case_opened"]
    assert await owning_team(intake, complaint_id) == "support-en-3"


async def test_a_complaint_stored_by_the_previous_version_shows_its_old_entries_and_owner(intake: Intake) -> None:
    async with intake.client() as client:
        receipt = await file(client, filing(language="en"))
    complaint_id = receipt["complaint_id"]
    old = routed(complaint_id, "support-en-1", T0 + timedelta(minutes=2))
    await followed_as_the_previous_version_did(intake, old)

    # After the upgrade: a decision older than the one kept inside does not win; the old event redelivered shows once.
    await intake.deps.customers.follow(events=[old, assigned(complaint_id, "support-en-9", T0 + timedelta(minutes=1))])
    assert await owning_team(intake, complaint_id) == "support-en-1"
    await intake.deps.customers.follow(events=[CaseOpened(complaint_id=complaint_id, team="support-en-2",
                                                          time=T0 + timedelta(minutes=3))])
    assert await owning_team(intake, complaint_id) == "support-en-2"

    async with intake.client() as client:
        page = await status(client, receipt)
        message = await act(client, receipt, "messages", {"text": "Any news?"})
    milestones = ["received", "assigned", "case_opened"]
    assert [t["milestone"] for t in page["timeline"]] == milestones
    assert page["handled_by"] is not None
    assert message.status_code == 200, message.text
    assert [t["milestone"] for t in message.json()["timeline"]] == [*milestones, "customer_replied"]

    answer = await export(intake, {"tracking_number": receipt["tracking_number"]})
    record = answer.json()["services"]["intake"]["complaints"][complaint_id]
    assert [e["milestone"] for e in record["entries"]] == [*milestones, "customer_replied"]
    assert record["owner_team"] == "support-en-2"


async def test_staff_of_the_team_a_previous_version_recorded_still_reach_the_evidence(intake: Intake) -> None:
    async with intake.client() as client:
        receipt = await file(client, filing(language="en"))
    await followed_as_the_previous_version_did(intake, routed(receipt["complaint_id"], "support-en-7", T0))
    url = f"/v1/staff/complaints/{receipt['complaint_id']}/attachments/a-missing"
    async with intake.client(**bearer(staff_token(sub="emp-1", role="agent", team="support-en-7"))) as owner, \
            intake.client(**bearer(staff_token(sub="emp-2", role="agent", team="support-en-8"))) as other:
        # The owner is let through to the file look-up (none here: 404); another team is refused first.
        assert ((await owner.get(url)).status_code, (await other.get(url)).status_code) == (404, 403)


async def test_followed_events_carry_one_index_for_their_one_query(intake: Intake) -> None:
    indexes = await intake.app.state.runtime.db[COLLECTION].index_information()
    assert {name: spec["key"] for name, spec in indexes.items()} == {
        "_id_": [("_id", 1)], "complaint_time": [("complaint_id", 1), ("at", 1)]}
