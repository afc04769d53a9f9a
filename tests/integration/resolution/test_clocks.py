"""A moved clock raises each warning and breach once, and a service-SLA breach escalates the case once."""

from complaint_contracts.types import Clock

from .rig import Rig, bearer, new_team, token

DAY = 86400


async def _shift(rig: Rig, days: float, admin: dict[str, str]) -> None:
    answer = await rig.http.post("/admin/clock", json={"seconds": days * DAY}, headers=admin)
    assert answer.status_code == 200, answer.text


async def _alerts(rig: Rig, complaint_id: str) -> list[tuple[str, str]]:
    doc = await rig.case_doc(complaint_id)
    assert doc is not None
    return [(a["clock"], a["kind"]) for a in doc["raised_alerts"]]


async def test_a_moved_clock_warns_breaches_and_escalates_exactly_once(rig: Rig) -> None:
    team = new_team()
    admin = bearer(token("admin", sub="emp-admin"))
    routed = rig.routed(team=team, deadlines=[rig.deadline("resolve", Clock.SERVICE, 10),
                                              rig.deadline("final_response", Clock.REGULATORY, 20),
                                              rig.deadline("acknowledge", Clock.SERVICE, 1)])
    cid = routed.complaint_id
    await rig.open(routed)

    await _shift(rig, 9.9, admin)
    assert await _alerts(rig, cid) == [("service", "warning")]
    await _shift(rig, 0.2, admin)
    assert await _alerts(rig, cid) == [("service", "warning"), ("service", "breach")]
    await _shift(rig, 5.5, admin)
    await _shift(rig, 4.6, admin)
    await _shift(rig, 1, admin)  # nothing is left to raise
    await rig.deps.service.scan_deadlines()

    assert await _alerts(rig, cid) == [("service", "warning"), ("service", "breach"), ("regulatory", "warning"),
                                       ("regulatory", "breach")]
    doc = await rig.case_doc(cid)
    assert doc["tier"] == 2 and doc["next_alert_at"] is None
    note = await rig.http.post(f"/cases/{cid}/notes", headers=admin,
                               json={"version": doc["version"], "text": "We are on it", "public": True})
    assert note.status_code == 200

    assert await rig.published(cid, until="PublicNoteAdded") == [
        "CaseOpened", "DeadlineWarning", "DeadlineBreached", "CaseEscalated", "DeadlineWarning", "DeadlineBreached",
        "PublicNoteAdded"]
    metrics = (await rig.http.get("/metrics/")).text
    assert 'complaints_resolution_deadline_breaches_total{clock="service"}' in metrics
    assert 'complaints_resolution_escalations_total{trigger="breach"}' in metrics
    assert 'complaints_resolution_open_cases{priority="medium",state="opened"}' in metrics


async def test_the_clock_cannot_be_moved_by_anyone_but_an_admin(rig: Rig) -> None:
    before = rig.deps.clock.offset
    answer = await rig.http.post("/admin/clock", json={"seconds": DAY},
                                 headers=bearer(token("supervisor", department="customer_support")))

    assert answer.status_code == 403
    assert rig.deps.clock.offset == before
