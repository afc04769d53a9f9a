"""The model beside the rules, and learning from staff, on the embedded backend."""

import uuid

from complaint_contracts.routing import ComplaintRouted, DeadlinesRevised
from routing.adapters.triage_model import MODEL_DIR, Manifest
from routing.domain.learning import correction_of

from tests.support.builders import make_complaint_received
from tests.support.staff import bearer, staff_token
from tests.unit.routing.stand_ins import AssessmentChange, corrected_event

from .rig import Rig


async def test_a_decision_names_the_model_and_staff_corrections_become_examples(rig: Rig) -> None:
    received = make_complaint_received(
        description="Посылку так и не привезли, курьер не отвечает уже неделю.",
        customer={"name": "Ivan Petrov", "email": f"ivan-{uuid.uuid4().hex[:8]}@example.org"})
    await rig.publish(received)
    routed: ComplaintRouted = await rig.first(received.complaint_id, "ComplaintRouted")

    assert routed.model_version == Manifest.read(MODEL_DIR).version
    assert routed.triage is not None and {a.field for a in routed.triage.answers} == {
        "kind", "category", "priority", "department"}
    decision = (await rig.http.get(f"/v1/decisions/{received.complaint_id}")).json()
    assert (decision["model_version"], decision["needs_human_check"]) == (
        routed.model_version, routed.needs_human_check)

    correction = corrected_event(complaint_id=received.complaint_id, by="emp-0042", reason="refund is the issue",
                                     changes=[AssessmentChange(field="category", old=routed.category.value,
                                                               new="billing")])
    await rig.deps.service.record_corrections(corrections=[correction_of(correction)] * 2)

    admin = bearer(staff_token(role="admin"))
    examples = (await rig.http.get("/v1/triage/examples", headers=admin)).json()["examples"]
    mine = [example for example in examples if example["complaint_id"] == received.complaint_id]
    assert [(e["category"], e["corrected"], e["language"]) for e in mine] == [("billing", ["category"], "en")]
    assert mine[0]["text"].endswith("курьер не отвечает уже неделю.")


async def test_only_an_admin_reads_the_kept_examples(rig: Rig) -> None:
    agent = await rig.http.get("/v1/triage/examples",
                               headers=bearer(staff_token(role="agent", team="support-en")))
    anonymous = await rig.http.get("/v1/triage/examples", headers={"Authorization": ""})
    assert (agent.status_code, anonymous.status_code) == (403, 401)


async def test_texts_and_examples_expire(rig: Rig) -> None:
    db = rig.app.state.runtime.db
    for collection in ("assessed_texts", "kept_examples"):
        indexes = await db[collection].index_information()
        assert indexes["expiry"]["expireAfterSeconds"] == 0, collection


async def test_a_corrected_priority_is_published_with_the_deadlines_it_sets(rig: Rig) -> None:
    received = make_complaint_received(
        customer={"name": "Ivan Petrov", "email": f"ivan-{uuid.uuid4().hex[:8]}@example.org"})
    await rig.publish(received)
    routed: ComplaintRouted = await rig.first(received.complaint_id, "ComplaintRouted")
    raised = "critical" if routed.priority.value != "critical" else "low"
    correction = corrected_event(complaint_id=received.complaint_id, by="emp-0042", reason="a child was hurt",
                                 changes=[AssessmentChange(field="priority", old=routed.priority.value, new=raised)])

    await rig.publish(correction, correction)  # and redelivered (revised once: unit-tested)

    revised: DeadlinesRevised = await rig.first(received.complaint_id, "DeadlinesRevised")
    assert (revised.priority.value, revised.previous_priority) == (raised, routed.priority)
    assert revised.causation_id == str(correction.id)
    assert {d.name for d in revised.deadlines} >= {d.name for d in routed.deadlines if d.clock == "service"}
    assert all(d.terms is not None and d.terms.priority in (None, revised.priority) for d in revised.deadlines)
    decision = (await rig.http.get(f"/v1/decisions/{received.complaint_id}",
                                   headers=bearer(staff_token(role="admin")))).json()
    assert decision["priority"] == raised
