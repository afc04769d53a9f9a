"""Following other services' events: entries and owner decisions kept once per event, what concerns a complaint
intake does not hold parked only when the customer would see it."""

from complaint_contracts import CaseAssigned, ComplaintRouted

from .test_service import Intake


def routed(complaint_id: str, team: str) -> ComplaintRouted:
    return ComplaintRouted(complaint_id=complaint_id, department="customer_support", team=team, rules_version="1",
                           kind="complaint", category="billing", priority="medium", regime="none")


async def test_the_latest_owner_is_kept_and_each_event_once() -> None:
    intake = Intake()
    receipt = (await intake.file()).receipt
    first = routed(receipt.complaint_id, "support-be-1")
    later = CaseAssigned(complaint_id=receipt.complaint_id, team="support-be-2", by="emp-1", reason="workload")
    await intake.customers.follow(events=[first, later])
    await intake.customers.follow(events=[first])
    assert await intake.store.owning_team(receipt.complaint_id) == (True, "support-be-2")
    assert [e.milestone for e in (await intake.page(receipt)).timeline] == ["received", "assigned"]


async def test_only_what_the_customer_would_see_of_a_stranger_is_parked() -> None:
    intake = Intake()
    shown, unseen = routed("c-0123456789abcdef", "quality-1"), CaseAssigned(
        complaint_id="c-0123456789abcdef", team="quality-2", by="emp-1", reason="workload")
    await intake.customers.follow(events=[shown, unseen])
    assert list(intake.store.unmatched) == [shown.dedupe_key]
    assert intake.count("complaints_intake_unmatched_events_total") == 1
    assert await intake.store.owning_team("c-0123456789abcdef") == (False, None)
