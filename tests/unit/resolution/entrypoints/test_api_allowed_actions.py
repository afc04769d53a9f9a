"""GET /cases/{id} offers the reader exactly the actions they may take: every role of the authorization matrix
(docs/security.md), on an investigating case of their team and department and on one outside them, is offered an
action exactly when posting it is not refused with 403 — the desk builds its forms from this list."""

import pytest
from resolution.domain.states import CaseState

from tests.support.authz_matrix import ROLES
from tests.support.staff import bearer, staff_token
from tests.unit.resolution.builders import MONDAY_9AM, open_case_in

CID = "c-late-refund-0001"
TEAM, DEPARTMENT = "support-en-1", "customer_support"
DOORS = {
    "add_internal_note": ("notes", {"text": "Checked with the warehouse."}),
    "add_public_note": ("notes", {"text": "We are looking into it.", "public": True}),
    "request_information": ("information-requests", {"question": "Which order was it?"}),
    "propose_resolution": ("proposals", {"summary": "We refund the parcel.",
                                         "remedies": [{"kind": "refund", "description": "the parcel"}]}),
    "resolve": ("resolution", {"outcome": "upheld", "final_response": "We uphold your complaint."}),
    "escalate": ("escalation", {}),
    "reassign": ("assignment", {"team": "support-en-2"}),
    "correct_assessment": ("assessment", {"priority": "high", "reason": "A child was hurt"}),
    "file_regulatory_report": ("regulatory-reports", {"report_type": "mdr_30_day", "reference": "MW5012345",
                                                      "filed_at": MONDAY_9AM.isoformat()}),
    "complete_task": ("tasks/t-none/completion", {"outcome": "Called back"}),
    "link_duplicate": ("duplicates", {"duplicate_of": "c-not-here"}),
    "close_duplicate": ("merge", {"into": "c-not-here"}),
}
"""Each staff action open on an investigating case, and a post that takes it (whether it then succeeds does not
matter: only a 403 says the reader may not)."""


def token(role: str | list[str], *, inside: bool) -> dict[str, str]:
    team, department = (TEAM, DEPARTMENT) if inside else ("support-en-2", "billing")
    return bearer(staff_token(sub="emp-0300", role=role, team=team, department=department))


CALLERS = [(role, inside) for role in ROLES for inside in (True, False)] + [([], True)]


@pytest.mark.parametrize(("role", "inside"), CALLERS,
                         ids=[f"{role or 'no role'}-{'inside' if inside else 'outside'}" for role, inside in CALLERS])
async def test_the_case_offers_exactly_the_actions_the_reader_may_post(http, store, role, inside):
    store.put(open_case_in(CaseState.INVESTIGATING))
    headers = token(role, inside=inside)
    read = await http.get(f"/cases/{CID}", headers=headers)
    offered = set(read.json()["allowed_actions"]) if read.status_code == 200 else set()

    permitted = set()
    for action, (path, body) in DOORS.items():
        case = open_case_in(CaseState.INVESTIGATING)
        store.put(case)  # each post against the investigating case as first read
        answer = await http.post(f"/cases/{CID}/{path}", json=body | {"version": case.version}, headers=headers)
        assert answer.status_code != 422 or answer.json()["type"] != "/problems/validation", answer.text
        if answer.status_code != 403:
            permitted.add(action)

    assert offered & DOORS.keys() == permitted
    assert read.status_code in (200, 403)


@pytest.mark.parametrize(("role", "team", "department"), [("quality", "quality-products", "quality"),
                                                          ("legal", "legal-team", "legal")])
async def test_quality_and_legal_outside_the_team_read_the_case_and_are_not_offered_to_resolve(
        http, store, role, team, department):
    store.put(open_case_in(CaseState.INVESTIGATING))
    headers = bearer(staff_token(sub="emp-0031", role=role, team=team, department=department))

    view = (await http.get(f"/cases/{CID}", headers=headers)).json()
    templates = await http.get(f"/cases/{CID}/response-templates", headers=headers)

    assert view["state"] == "investigating" and view["allowed_actions"] == ["file_regulatory_report"]
    assert templates.status_code == 403
