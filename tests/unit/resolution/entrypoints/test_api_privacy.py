"""The access export for privacy officers only, and an erased case as the staff API shows it."""

from datetime import timedelta

from complaint_contracts.intake import PersonalDataErased
from resolution.domain.erasure import ERASED_SHOWN
from resolution.domain.states import CaseState

from tests.support.staff import bearer, staff_token
from tests.unit.resolution.builders import MONDAY_9AM, make_received, open_case_in

CID = "c-late-refund-0001"
PRIVACY = bearer(staff_token(sub="emp-dpo", role="privacy"))
ADMIN = bearer(staff_token(sub="emp-admin", role="admin"))
EXPORTS = "/v1/data-subject-exports"


async def test_a_privacy_officer_gets_every_record_of_the_complaints(http, service, store):
    store.put(open_case_in(CaseState.INVESTIGATING))
    await service.record_received(received=[make_received()])

    answer = await http.post(EXPORTS, json={"complaint_ids": [CID, "c-unknown-0009"]}, headers=PRIVACY)

    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["service"] == "resolution" and list(body["complaints"]) == [CID]
    kept = body["complaints"][CID]
    assert kept["complaint"]["customer"]["email"] == "alesia@example.org"
    assert kept["case"]["state"] == "investigating" and kept["customer_entries"] == []


async def test_only_privacy_officers_may_export(http, store):
    store.put(open_case_in(CaseState.INVESTIGATING))

    admin = await http.post(EXPORTS, json={"complaint_ids": [CID]}, headers=ADMIN)
    nobody = await http.post(EXPORTS, json={"complaint_ids": [CID]})

    assert (admin.status_code, nobody.status_code) == (403, 401)


async def test_an_export_asks_for_one_to_a_thousand_complaints(http):
    empty = await http.post(EXPORTS, json={"complaint_ids": []}, headers=PRIVACY)
    too_many = await http.post(EXPORTS, json={"complaint_ids": [f"c-{n:012d}" for n in range(1001)]},
                               headers=PRIVACY)

    for answer in (empty, too_many):
        assert answer.status_code == 422
        assert answer.headers["content-type"] == "application/problem+json"
        assert "complaint_ids" in answer.text


async def test_an_erased_case_reads_as_erased_and_its_history_says_when(http, service, store):
    store.put(open_case_in(CaseState.CLOSED))
    await service.record_received(received=[make_received()])
    erased_at = MONDAY_9AM + timedelta(days=40)
    await service.erase_personal_data(erased=[PersonalDataErased(
        complaint_id=CID, time=erased_at, erasure_id="er-1", reason="retention", erased_at=erased_at)])

    answer = await http.get(f"/cases/{CID}", headers=ADMIN)

    assert answer.status_code == 200, answer.text
    case = answer.json()
    assert case["complaint"]["customer"]["name"] == ERASED_SHOWN and case["complaint"]["description"] == ERASED_SHOWN
    assert case["personal_data_erased_at"].startswith("2026-04-11")
    assert case["audit"][-1]["action"] == "erase_personal_data"
    assert case["audit"][-1]["reason"] == "personal data erased at the end of its retention period"
    assert case["outcome"] == "upheld"
