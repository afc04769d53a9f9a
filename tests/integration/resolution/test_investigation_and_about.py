"""An agent starting (and, after a rejected proposal, restarting) the investigation is announced with who and when;
the case shows whom the complaint is about both by employee id and by the name the customer knows."""

from typing import Any

from complaint_contracts import from_kafka, topics
from complaint_contracts.intake import ResolutionDecisionReceived
from complaint_contracts.resolution import InvestigationStarted
from complaint_contracts.types import Decision

from tests.support.kafka import eventually, read_until

from .rig import Rig, bearer, new_team, token

REFUND = {"kind": "refund", "amount": {"amount": "20.00", "currency": "GBP"}, "description": "POSTAGE-BACK"}


async def _starts(rig: Rig, cid: str, count: int) -> list[InvestigationStarted]:
    """The first `count` InvestigationStarted events published for the complaint, in order."""
    found: list[InvestigationStarted] = []

    def collect(record: Any) -> bool:
        if record.key == cid.encode() and dict(record.headers)["ce_type"].endswith(b".InvestigationStarted"):
            event = from_kafka(topics.RESOLUTION, record.value, record.headers)
            assert isinstance(event, InvestigationStarted)
            found.append(event)
        return len(found) == count

    await read_until(rig.backend.kafka_bootstrap, topics.RESOLUTION, collect)
    return found


async def test_each_start_of_the_investigation_is_announced_with_who_and_when(rig: Rig) -> None:
    team = new_team()
    agent = bearer(token("agent", team=team, sub="emp-0042"))
    routed = rig.routed(team=team)
    cid = routed.complaint_id
    await rig.open(routed)

    async def post(path: str, **body: object) -> dict:
        answer = await rig.http.post(f"/cases/{cid}/{path}", json=body, headers=agent)
        assert answer.status_code == 200, answer.text
        return answer.json()

    view = await post("investigation", version=1)
    first_at = rig.now()
    view = await post("proposals", version=view["version"], summary="Refund the postage", remedies=[REFUND])
    await rig.publish(ResolutionDecisionReceived(complaint_id=cid, proposal_id=view["current_proposal_id"],
                                                 decision=Decision.REJECTED, reason="And the parcel?",
                                                 time=rig.now()))

    async def rejected() -> bool:
        doc = await rig.case_doc(cid)
        return doc is not None and doc["state"] == "rejected"

    await eventually(rejected)
    view = await post("investigation", version=(await rig.case_doc(cid) or {})["version"])

    first, again = await _starts(rig, cid, 2)
    assert view["state"] == "investigating"
    assert (first.by, first.restarted, again.by, again.restarted) == ("emp-0042", False, "emp-0042", True)
    assert first.started_at <= first_at <= again.started_at
    assert first.id != again.id


async def test_the_case_shows_the_employee_by_id_and_by_the_name_the_customer_knows(rig: Rig) -> None:
    team = new_team()
    routed = rig.routed(team=team)
    received = rig.received(routed, about_employee="emp-0099", about_employee_name="Ivan at the Minsk-07 till")
    await rig.open(routed, received)

    answer = await rig.http.get(f"/cases/{routed.complaint_id}", headers=bearer(token("agent", team=team)))

    assert answer.status_code == 200, answer.text
    shown = answer.json()["complaint"]["about"]
    assert (shown["employee"], shown["employee_name"]) == ("emp-0099", "Ivan at the Minsk-07 till")
