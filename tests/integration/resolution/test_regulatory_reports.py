"""An FDA MDR case over the real store and broker: the final response leaves the report owed, the scan keeps watching
the finished case, and quality's report meets the deadline, is kept on the case and announced."""

from datetime import timedelta

from complaint_contracts.resolution import RegulatoryReportFiled
from complaint_contracts.types import Clock, Regime

from .rig import Rig, bearer, new_team, token

DAY = 86400


async def test_a_report_not_the_final_response_meets_the_mdr_deadline_of_a_finished_case(rig: Rig) -> None:
    team = new_team()
    agent = bearer(token("agent", team=team, sub="emp-0042"))
    admin = bearer(token("admin", sub="emp-admin"))
    quality = bearer(token("quality", sub="emp-0300"))
    routed = rig.routed(team=team, regime=Regime.US_FDA_MDR,
                        deadlines=[rig.deadline("mdr_report", Clock.REGULATORY, 30)])
    cid = routed.complaint_id
    await rig.open(routed)

    async def post(path: str, who: dict[str, str], **body: object) -> dict:
        answer = await rig.http.post(f"/cases/{cid}/{path}", json=body, headers=who)
        assert answer.status_code == 200, answer.text
        return answer.json()

    view = await post("investigation", agent, version=1)
    view = await post("resolution", agent, version=view["version"], outcome="upheld",
                      final_response="We replaced the pump and are reporting the fault to the FDA.")
    view = await post("closure", agent, version=view["version"], close_reason="resolved")
    assert [d["met_at"] for d in view["deadlines"]] == [None]

    shifted = await rig.http.post("/admin/clock", json={"seconds": 23 * DAY}, headers=admin)
    assert shifted.status_code == 200, shifted.text
    doc = await rig.case_doc(cid)
    assert doc is not None
    assert [(a["deadline"], a["kind"]) for a in doc["raised_alerts"]] == [("mdr_report", "warning")]

    filed = rig.now() - timedelta(hours=2)
    view = await post("regulatory-reports", quality, version=doc["version"], report_type="mdr_30_day",
                      reference="MW5012345", filed_at=filed.isoformat())

    assert [(r["report_type"], r["reference"], r["by"]) for r in view["regulatory_reports"]] == [
        ("mdr_30_day", "MW5012345", "emp-0300")]
    stored = await rig.case_doc(cid)
    assert stored is not None and stored["next_alert_at"] is None and stored["state"] == "closed"
    event = await rig.event(cid, "RegulatoryReportFiled")
    assert isinstance(event, RegulatoryReportFiled)
    assert (event.deadlines_met, event.filed_at.replace(microsecond=0)) == (["mdr_report"],
                                                                           filed.replace(microsecond=0))


async def test_a_report_on_a_case_without_an_mdr_deadline_is_refused_naming_the_field(rig: Rig) -> None:
    team = new_team()
    agent = bearer(token("agent", team=team, sub="emp-0042"))
    routed = rig.routed(team=team, regime=Regime.UK_FCA_DISP,
                        deadlines=[rig.deadline("final_response", Clock.REGULATORY, 56)])
    await rig.open(routed)

    answer = await rig.http.post(f"/cases/{routed.complaint_id}/regulatory-reports", headers=agent, json={
        "version": 1, "report_type": "mdr_30_day", "reference": "MW5012345", "filed_at": rig.now().isoformat()})

    assert (answer.status_code, answer.headers["content-type"]) == (422, "application/problem+json")
    assert [e["field"] for e in answer.json()["errors"]] == ["report_type"]
