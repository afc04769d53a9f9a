"""Whether the customer was reached: the acknowledgement meets its deadline; a message no channel carries gives the
case's owner a task to call the customer."""

from datetime import timedelta

import pytest
from complaint_contracts.types import Clock
from resolution.domain.case_parts import TaskKind
from resolution.domain.contact import (
    Acknowledgement,
    acknowledgement_status,
    complete_task,
    open_tasks,
    record_unreached,
    take_acknowledgement,
)
from resolution.domain.errors import RuleViolation
from resolution.domain.states import CaseState

from tests.unit.resolution.builders import MONDAY_9AM, open_case_in, service_deadline, staff


def sent(hours: float, channel: str = "email") -> Acknowledgement:
    return Acknowledgement(complaint_id="c-late-refund-0001", at=MONDAY_9AM + timedelta(hours=hours), channel=channel,
                           causation_id=f"e-{hours}")


def test_the_acknowledgement_meets_the_acknowledgement_deadline_once_without_a_new_version():
    case = open_case_in(deadlines=[service_deadline(MONDAY_9AM + timedelta(hours=4), name="acknowledge"),
                                   service_deadline(MONDAY_9AM + timedelta(days=5), name="resolve")])
    version = case.version

    take_acknowledgement(case, sent(1))
    once = case.model_dump()
    take_acknowledgement(case, sent(2, channel="sms"))

    assert case.model_dump() == once
    assert [(d.name, d.met_at) for d in case.deadlines] == [("acknowledge", MONDAY_9AM + timedelta(hours=1)),
                                                            ("resolve", None)]
    # The stored case is unchanged until its next save: the version a command expects stays the stored one.
    assert case.version == version and acknowledgement_status(case).startswith("acknowledged by email on")


def test_the_acknowledgement_s_audit_entry_takes_its_place_by_time():
    case = open_case_in(CaseState.INVESTIGATING)  # opened at 9, investigated at 10

    take_acknowledgement(case, sent(0.5))

    assert [(e.action, e.version) for e in case.audit] == [("open", 1), ("record_contact", 1), ("investigate", 2)]
    assert case.audit[1].detail == {"acknowledged_by": "email"} and case.audit[1].by == "system"


def test_the_queue_waits_on_the_acknowledgement_deadline_only_once_no_channel_carried_it():
    case = open_case_in(deadlines=[service_deadline(MONDAY_9AM + timedelta(hours=4), name="acknowledge"),
                                   service_deadline(MONDAY_9AM + timedelta(days=5), name="resolve")])

    assert case.next_due_at == MONDAY_9AM + timedelta(days=5)  # notification acknowledges, not the case's owner

    record_unreached(case=case, acting=staff(1, by="system"), template="acknowledgement",
                     reason="no channel reaches the customer", notification_id="n-0", task_id="t-0")

    assert case.next_due_at == MONDAY_9AM + timedelta(hours=4)  # now it is the owner's to call them in time


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
