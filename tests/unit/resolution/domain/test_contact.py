"""Whether the customer was reached: the acknowledgement meets its deadline; a message no channel carries gives the
case's owner a task to call the customer."""

from datetime import timedelta

import pytest
from complaint_contracts.types import Clock
from resolution.domain.case_parts import TaskKind
from resolution.domain.contact import (
    acknowledgement_status,
    complete_task,
    open_tasks,
    record_acknowledged,
    record_unreached,
)
from resolution.domain.errors import RuleViolation
from resolution.domain.states import CaseState

from tests.unit.resolution.builders import MONDAY_9AM, open_case_in, service_deadline, staff


def test_the_acknowledgement_meets_the_acknowledgement_deadline_once():
    case = open_case_in(deadlines=[service_deadline(MONDAY_9AM + timedelta(hours=4), name="acknowledge"),
                                   service_deadline(MONDAY_9AM + timedelta(days=5), name="resolve")])

    record_acknowledged(case=case, acting=staff(1, by="system"), channel="email")
    version = case.version
    record_acknowledged(case=case, acting=staff(2, by="system"), channel="email")

    assert [(d.name, d.met_at is not None) for d in case.deadlines] == [("acknowledge", True), ("resolve", False)]
    assert case.version == version and acknowledgement_status(case).startswith("acknowledged by email on")


def test_a_finished_case_is_not_touched_by_a_late_acknowledgement():
    case = open_case_in(CaseState.CLOSED)
    before = case.model_dump()

    record_acknowledged(case=case, acting=staff(30, by="system"), channel="email")

    assert case.model_dump() == before


def test_an_acknowledgement_no_channel_carried_shows_and_gives_the_owner_one_call_task():
    case = open_case_in()

    for n, template in enumerate(("acknowledgement", "case_note", "acknowledgement")):
        record_unreached(case=case, acting=staff(1, by="system"), template=template,
                         reason="no channel reaches the customer", notification_id=f"n-{n}", task_id=f"t-{n}")
    record_unreached(case=case, acting=staff(2, by="system"), template="acknowledgement",
                     reason="no channel reaches the customer", notification_id="n-0", task_id="t-9")

    assert acknowledgement_status(case) == "not acknowledged: no channel reaches the customer"
    assert len(case.contact.unreached) == 3
    [task] = open_tasks(case)
    assert (task.kind, task.owner, task.task_id) == (TaskKind.CALL_CUSTOMER, "emp-0042", "t-0")
    assert "call them" in task.reason


def test_a_task_is_done_once_with_how_it_went():
    case = open_case_in()
    record_unreached(case=case, acting=staff(1, by="system"), template="acknowledgement",
                     reason="no channel reaches the customer", notification_id="n-1", task_id="t-1")

    complete_task(case=case, acting=staff(3, version=case.version), task_id="t-1", outcome="Called; acknowledged")

    assert open_tasks(case) == [] and case.tasks[0].outcome == "Called; acknowledged"
    with pytest.raises(RuleViolation) as again:
        complete_task(case=case, acting=staff(4), task_id="t-1", outcome="again")
    assert again.value.field == "task_id"
    assert all(d.clock is Clock.SERVICE for d in case.deadlines)
