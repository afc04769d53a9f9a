from complaint_contracts import Language
from notification.domain.delivery import Delivery
from notification.domain.facts import facts_from_received
from notification.domain.planning import FactsNotYetKnown
from notification.domain.runs import by_complaint, complaints_in, plan_run
from notification.domain.selection import DeliveryChannel

from tests.unit.notification.builders import CALENDARS

EVERY_LANGUAGE = frozenset(Language)


def _plan(events, known, links, directory):
    groups = by_complaint(events)
    return plan_run(groups=groups, known=known, links=links, directory=directory,
                    channels=frozenset({DeliveryChannel.EMAIL}), template_languages=lambda template: EVERY_LANGUAGE,
                    calendars=CALENDARS)


def test_a_run_is_grouped_per_complaint_without_receipts(received_event, routed_event, trigger_events):
    issue = trigger_events["systemic_issue"]
    routed = routed_event()

    groups = by_complaint([received_event(), routed, issue])

    assert groups == {routed.complaint_id: [routed], str(issue.id): [issue]}
    assert complaints_in(groups) == [routed.complaint_id]


def test_routing_a_known_complaint_plans_its_deliveries_and_the_facts_it_reaches(received_event, routed_event,
                                                                                links, directory):
    received = facts_from_received(event=received_event())
    routed = routed_event()

    plan = _plan([routed], {routed.complaint_id: received}, links, directory)

    [step] = plan.steps[routed.complaint_id]
    assert step.event == routed
    assert [(r.message.template, r.address) for r in step.routes if isinstance(r, Delivery)] == [
        ("acknowledgement", "alesia@example.org"), ("new_assignment", "ivan@northwind.example")]
    assert [f.team for f in plan.changed_facts] == ["support-en-1"]
    assert plan.notification_ids() == [r.notification_id for r in step.routes]
    assert plan.failures == []


def test_an_unknown_complaint_fails_alone_and_the_others_are_still_planned(received_event, routed_event,
                                                                         links, directory):
    received = facts_from_received(event=received_event())
    known, unknown = routed_event(), routed_event().model_copy(update={"complaint_id": "c-unknown"})

    plan = _plan([known, unknown], {known.complaint_id: received}, links, directory)

    assert [type(f) for f in plan.failures] == [FactsNotYetKnown]
    assert plan.failures[0].complaint_id == "c-unknown" and plan.steps["c-unknown"] == []
    assert len(plan.steps[known.complaint_id]) == 1
    assert plan.waiting == [str(unknown.id)]


def test_an_event_that_changes_nothing_leaves_the_facts_unsaved(facts, trigger_events, links, directory):
    note = trigger_events["case_note"]

    plan = _plan([note], {facts.complaint_id: facts}, links, directory)

    assert plan.changed_facts == [] and len(plan.steps[facts.complaint_id]) == 1
