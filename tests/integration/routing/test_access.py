"""Routing's API on the running service (embedded backend): only staff with a valid token read a decision."""

import uuid

from tests.support.builders import make_complaint_received
from tests.support.staff import bearer, staff_token

from .rig import Rig


async def test_a_routed_complaint_is_explained_to_staff_and_to_nobody_else(rig: Rig) -> None:
    received = make_complaint_received(
        customer={"name": "Alesia Kuzmich", "email": f"alesia-{uuid.uuid4().hex[:8]}@example.org"})
    await rig.publish(received)
    await rig.first(received.complaint_id, "ComplaintRouted")
    path = f"/v1/decisions/{received.complaint_id}"

    agent = await rig.http.get(path, headers=bearer(staff_token(role="agent", team="support-en")))
    anonymous = await rig.http.get(path, headers={"Authorization": ""})
    forged = await rig.http.get(path, headers=bearer(staff_token(role="agent", secret="x" * 40)))
    stranger = await rig.http.get(path, headers=bearer(staff_token(role="customer")))
    rules = await rig.http.get("/v1/rules", headers={"Authorization": ""})
    ready = await rig.http.get("/readyz", headers={"Authorization": ""})

    assert agent.status_code == 200 and agent.json()["complaint_id"] == received.complaint_id
    assert (anonymous.status_code, forged.status_code, stranger.status_code, rules.status_code) == (401, 401, 403, 401)
    assert anonymous.headers["content-type"] == "application/problem+json"
    assert anonymous.headers["WWW-Authenticate"].startswith("Bearer")
    assert ready.status_code == 200
