"""Rules are data: checked at start-up, reloadable, and a reload changes only what is decided afterwards."""

import uuid
from pathlib import Path

import pytest
from complaint_contracts.intake import EscalationRequested
from complaint_contracts.routing import ComplaintRouted
from complaints_calendar import DataFileError
from routing.adapters.rules_files import load_rules
from routing.main import create_app

from tests.support.backends import Backend
from tests.support.builders import make_complaint_received
from tests.support.key_server import KeyServer
from tests.support.staff import bearer, staff_token

from .rig import Rig, copy_packaged_rules, settings_for

PACKAGED_DEFAULT = "default_department: customer_support"


def late_parcel() -> dict:
    return {"description": "My parcel never arrived and the courier does not answer.",
            "customer": {"name": "Ivan Petrov", "email": f"ivan-{uuid.uuid4().hex[:8]}@example.org"}}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


async def test_reloaded_rules_take_effect_for_new_complaints_only(rig: Rig) -> None:
    before = make_complaint_received(**late_parcel())
    await rig.publish(before)
    first: ComplaintRouted = await rig.first(before.complaint_id, "ComplaintRouted")
    rules_file = rig.rules_dir / "default.yaml"
    edit(rules_file, f'version: "{first.rules_version}"', 'version: "it.2"')
    edit(rules_file, PACKAGED_DEFAULT, "default_department: marketing")

    reloaded = await rig.http.post("/v1/rules/reload")
    after = make_complaint_received(**late_parcel())
    await rig.publish(after, before)  # the earlier complaint redelivered under the new rules
    await rig.publish(EscalationRequested(complaint_id=before.complaint_id, reason="Still nothing"))
    second: ComplaintRouted = await rig.first(after.complaint_id, "ComplaintRouted")
    earlier_events = await rig.published(before.complaint_id, until="ComplaintRerouted")

    assert reloaded.status_code == 200
    assert reloaded.json()["rules_version"] == "it.2"
    assert (first.rules_version, first.department) == (load_rules().version, "customer_support")
    assert (second.rules_version, second.department) == ("it.2", "marketing")
    assert [type(event).__name__ for event in earlier_events] == ["ComplaintRouted", "ComplaintRerouted"]
    kept = (await rig.http.get(f"/v1/decisions/{before.complaint_id}")).json()
    assert kept["rules_fired"] == first.rules_fired
    shown = (await rig.http.get("/v1/rules")).json()
    assert (shown["rules_version"], shown["default_department"]) == ("it.2", "marketing")


async def test_bad_reloaded_rules_are_refused_naming_the_line_and_the_old_rules_stay(rig: Rig) -> None:
    in_force = (await rig.http.get("/v1/rules")).json()["rules_version"]
    rules_file = rig.rules_dir / "default.yaml"
    good = rules_file.read_text(encoding="utf-8")
    line = next(number for number, text in enumerate(good.splitlines(), 1) if text.strip() == "raise_by: 1")
    rules_file.write_text(good.replace("raise_by: 1", "raise_by: 9", 1), encoding="utf-8")
    try:
        refused = await rig.http.post("/v1/rules/reload")
    finally:
        rules_file.write_text(good, encoding="utf-8")
    received = make_complaint_received(**late_parcel())
    await rig.publish(received)

    routed: ComplaintRouted = await rig.first(received.complaint_id, "ComplaintRouted")

    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    problem = refused.json()
    assert problem["rules_version"] == in_force
    assert problem["errors"][0]["field"] == "default.yaml"
    assert problem["errors"][0]["line"] == str(line)
    assert f"line {line}, " in problem["errors"][0]["reason"]
    assert "less than or equal to 3" in problem["errors"][0]["reason"]
    assert (await rig.http.get("/v1/rules")).json()["rules_version"] == in_force
    assert routed.rules_version == in_force
    refusals = rig.app.state.runtime.registry.get_sample_value(
        "complaints_routing_rules_reloads_total", {"outcome": "refused"})
    assert refusals == 1


async def test_rules_naming_a_department_without_teams_are_refused(rig: Rig) -> None:
    rules_file = rig.rules_dir / "default.yaml"
    good = rules_file.read_text(encoding="utf-8")
    rules_file.write_text(good.replace("    department: marketing\n", "    department: sales\n", 1), encoding="utf-8")
    try:
        refused = await rig.http.post("/v1/rules/reload")
    finally:
        rules_file.write_text(good, encoding="utf-8")

    assert refused.status_code == 422
    assert "departments teams.yaml does not define: sales" in refused.json()["detail"]


async def test_decision_lookup_answers_problems_for_bad_or_unknown_ids(rig: Rig) -> None:
    bad = await rig.http.get("/v1/decisions/%20x")
    unknown = await rig.http.get("/v1/decisions/c-0000000000000000")

    assert (bad.status_code, bad.json()["errors"][0]["field"]) == (422, "complaint_id")
    assert (unknown.status_code, unknown.headers["content-type"]) == (404, "application/problem+json")


async def test_a_bad_rules_file_stops_the_service_at_start_up_naming_the_line(
        backend: Backend, tmp_path: Path, keys: KeyServer) -> None:
    rules_dir = copy_packaged_rules(tmp_path)
    rules_file = rules_dir / "default.yaml"
    text = rules_file.read_text(encoding="utf-8")
    line = next(number for number, row in enumerate(text.splitlines(), 1) if row.strip() == "raise_by: 1")
    rules_file.write_text(text.replace("raise_by: 1", "raise_by: many", 1), encoding="utf-8")
    app = create_app(settings_for(backend, rules_dir, keys_url=keys.url, kafka_create_topics=False))

    where = rf"^default\.yaml: line {line}, column \d+ \(priority_rules\.\d+\.raise_by\)"
    with pytest.raises(DataFileError, match=where):
        async with app.router.lifespan_context(app):
            pass


async def test_only_an_admin_may_reload_the_rules(rig: Rig) -> None:
    anonymous = await rig.http.post("/v1/rules/reload", headers={"Authorization": ""})
    agent = await rig.http.post("/v1/rules/reload", headers=bearer(staff_token(role="agent", team="support-en")))
    forged = await rig.http.post("/v1/rules/reload", headers=bearer(staff_token(role="admin", secret="x" * 40)))

    assert anonymous.status_code == 401 and anonymous.headers["WWW-Authenticate"].startswith("Bearer")
    assert agent.status_code == 403
    assert forged.status_code == 401
