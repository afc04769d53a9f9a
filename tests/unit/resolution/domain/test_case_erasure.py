"""The case's side of an erasure: what staff wrote loses the customer's values, the regulatory record stays, and the
history says when personal data was erased (once per erasure, in any state)."""

from datetime import timedelta

import pytest
from complaint_contracts.personal_data import ERASED_TEXT
from resolution.domain.case import Case
from resolution.domain.case_erasure import record_erasure
from resolution.domain.case_parts import TaskKind
from resolution.domain.complaint import Erasure
from resolution.domain.contact import add_task
from resolution.domain.quotations import Quotable
from resolution.domain.staffing import add_note
from resolution.domain.states import CaseAction, CaseState

from tests.unit.resolution.builders import MONDAY_9AM, open_case_in, staff

NAME, EMAIL = "Alesia Zq7marker", "zq7marker@example.org"
QUOTED = Quotable(names=(NAME,), emails=(EMAIL,))
ERASURE = Erasure(erasure_id="er-6b1f0c2a", reason="request", erased_at=MONDAY_9AM + timedelta(days=40))


def quoted_case() -> Case:
    """A closed case whose final response, note and task quote the customer."""
    case = open_case_in(CaseState.CLOSED)
    case.final_responses[0].text = f"Dear {NAME}, we refunded you. " + case.final_responses[0].text
    case.final_response = case.final_responses[0].text
    add_note(case=case, acting=staff(30, reason=f"{EMAIL} phoned"), note_id="n-1", public=False,
             text=f"Spoke to alesia zq7marker ({EMAIL.upper()})")
    add_task(case=case, acting=staff(31), task_id="t-1", kind=TaskKind.CALL_CUSTOMER, reason=f"call {NAME}")
    return case


def test_the_customers_values_leave_every_text_and_the_record_stays():
    case = quoted_case()
    record = (case.outcome, case.closed_at, case.deadlines, case.redress, case.regime, case.category)

    record_erasure(case=case, erasure=ERASURE, quoted=QUOTED, causation_id="ev-1")

    stored = case.model_dump_json().lower()
    assert "zq7marker" not in stored
    assert case.final_response is not None and case.final_response.startswith(f"Dear {ERASED_TEXT}, we refunded")
    assert case.notes[0].text == f"Spoke to {ERASED_TEXT} ({ERASED_TEXT})"
    assert (case.outcome, case.closed_at, case.deadlines, case.redress, case.regime, case.category) == record


def test_the_history_records_the_erasure_without_personal_data():
    case = quoted_case()
    version = case.version

    record_erasure(case=case, erasure=ERASURE, quoted=QUOTED, causation_id="ev-1")

    entry = case.audit[-1]
    assert (entry.action, entry.by, entry.at, entry.version) == (
        CaseAction.ERASE_PERSONAL_DATA, "system", ERASURE.erased_at, version + 1)
    assert entry.detail == {"erasure_id": "er-6b1f0c2a", "reason": "request"}
    assert entry.reason == "personal data erased at the customer's request"
    assert (case.personal_data_erased_at, case.state) == (ERASURE.erased_at, CaseState.CLOSED)


def test_an_erasure_is_recorded_once():
    case = quoted_case()
    record_erasure(case=case, erasure=ERASURE, quoted=Quotable(names=(NAME,)), causation_id="ev-1")
    after = case.model_copy(deep=True)

    record_erasure(case=case, erasure=ERASURE, quoted=Quotable(names=(NAME,)), causation_id="ev-1")

    assert case == after


@pytest.mark.parametrize("state", list(CaseState))
def test_personal_data_may_be_erased_in_every_state(state):
    case = open_case_in(state)

    record_erasure(case=case, erasure=ERASURE, quoted=Quotable(), causation_id=None)

    assert case.audit[-1].action is CaseAction.ERASE_PERSONAL_DATA and case.state is state


def test_a_part_of_the_address_or_the_name_alone_leaves_every_text():
    case = open_case_in(CaseState.INVESTIGATING)
    add_note(case=case, acting=staff(30), note_id="n-1", public=False,
             text="Lives at 12 AADDRStreet. Alesia says the parcel never came; call +44 7700 900123.")

    record_erasure(case=case, erasure=ERASURE, causation_id="ev-1", quoted=Quotable(
        names=(NAME,), addresses=("12 AADDRStreet, Londinium",), phones=("+447700900123",)))

    assert case.notes[0].text == (f"Lives at {ERASED_TEXT}. {ERASED_TEXT} says the parcel never came; "
                                  f"call {ERASED_TEXT}.")
