"""Corrective actions on the embedded stack: a systemic issue from analytics proposes one with its complaints;
quality assigns it, its owner works it, quality measures recurrences and verifies it."""

import uuid
from datetime import timedelta

from complaint_contracts.analytics import SystemicIssueDetected

from tests.support.kafka import eventually

from .rig import Rig, bearer, new_team, token

QUALITY = bearer(token("quality", sub="emp-0100"))


async def test_a_systemic_issue_becomes_an_action_that_is_assigned_worked_measured_and_verified(rig: Rig) -> None:
    team = new_team()
    owner = bearer(token("agent", team=team, sub="emp-0042"))
    product = f"router-{uuid.uuid4().hex[:6]}"
    before = [rig.routed(team=team) for _ in range(2)]
    for routed in before:
        await rig.open(routed, rig.received(routed, product=product))
    issue = SystemicIssueDetected(issue_id=f"iss-{team}", dimension="product", value=product,
                                  window_start=rig.now() - timedelta(days=7), window_end=rig.now(), observed=2,
                                  expected=0.4, test="Poisson upper tail", time=rig.now(),
                                  complaint_ids=[r.complaint_id for r in before])
    await rig.publish(issue, issue)
    action_id = f"ca-{issue.issue_id}"

    async def proposed() -> bool:
        return (await rig.http.get(f"/corrective-actions/{action_id}", headers=QUALITY)).status_code == 200

    await eventually(proposed)
    action = (await rig.http.get(f"/corrective-actions/{action_id}", headers=QUALITY)).json()
    assert (action["status"], action["owner"], action["scope"]["product"]) == ("open", None, product)
    assert action["complaint_ids"] == [r.complaint_id for r in before]
    assert {k: action["detected"][k] for k in ("dimension", "value", "observed", "expected")} == {
        "dimension": "product", "value": product, "observed": 2, "expected": 0.4}  # for the desk to say in words

    async def post(path: str, who: dict[str, str], **body: object) -> dict:
        answer = await rig.http.post(f"/corrective-actions/{action_id}/{path}", json=body, headers=who)
        assert answer.status_code == 200, answer.text
        return answer.json()

    action = await post("assignment", QUALITY, version=action["version"], owner="emp-0042",
                        due_at=(rig.now() + timedelta(days=14)).isoformat())
    action = await post("status", owner, version=action["version"], status="in_progress")
    action = await post("status", owner, version=action["version"], status="implemented", note="firmware 2.1")
    refused = await rig.http.post(f"/corrective-actions/{action_id}/status", headers=owner,
                                  json={"version": action["version"], "status": "verified_effective"})
    rig.deps.clock.shift(86400)
    after = rig.routed(team=team)
    await rig.open(after, rig.received(after, product=product, received_at=rig.now()))
    check = (await rig.http.get(f"/corrective-actions/{action_id}/effectiveness", headers=QUALITY)).json()
    action = await post("status", QUALITY, version=action["version"], status="verified_effective",
                        note=check["summary"])

    assert refused.status_code == 403
    assert (check["before"], check["recurrences"], check["fewer"]) == (2, 1, True)
    assert action["status"] == "verified_effective" and len(action["history"]) == 5
    assert action["history"][-1]["note"] == check["summary"]
    listed = (await rig.http.get("/corrective-actions", params={"owner": "emp-0042", "status":
                                                                 "verified_effective"}, headers=QUALITY)).json()
    assert action_id in [a["action_id"] for a in listed["items"]]
    assert (await rig.http.get("/corrective-actions", headers=owner)).status_code == 403
