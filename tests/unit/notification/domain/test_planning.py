import pytest
from complaint_contracts import (
    CaseOpened,
    Clock,
    ComplaintClosed,
    ComplaintKind,
    ComplaintResolved,
    Language,
    NotificationSent,
    Outcome,
    Regime,
)
from notification.domain.catalogue import CATALOGUE, Audience, Template
from notification.domain.facts import record_facts
from notification.domain.planning import FactsNotYetKnown, plan_messages

from tests.unit.notification.builders import CALENDARS

EXPECTED = [
    ("acknowledgement", [("acknowledgement", "customer"), ("new_assignment", "employee:emp-0042")]),
    ("information_requested", [("information_requested", "customer")]),
    ("resolution_proposed", [("resolution_proposed", "customer")]),
    ("final_response", [("final_response", "customer")]),
    ("complaint_closed", [("complaint_closed", "customer")]),
    ("complaint_reopened", [("complaint_reopened", "customer")]),
    ("complaint_escalated", [("complaint_escalated", "customer"), ("case_escalated", "team:support-en-1"),
                             ("case_escalated", "role:complaint_managers")]),
    ("case_note", [("case_note", "customer")]),
    ("new_assignment", [("new_assignment", "employee:emp-0077")]),
    ("deadline_warning", [("deadline_warning", "employee:emp-0042")]),
    ("deadline_breached", [("deadline_breached", "employee:emp-0042"),
                           ("deadline_breached", "role:complaint_managers")]),
    ("case_escalated", [("complaint_escalated", "customer"), ("case_escalated", "team:support-en-1"),
                        ("case_escalated", "role:complaint_managers")]),
    ("possible_duplicate", [("possible_duplicate", "employee:emp-0042")]),
    ("systemic_issue", [("systemic_issue", "role:quality")]),
    ("access_code", [("access_code", "customer")]),
    ("proposal_accepted", [("proposal_accepted", "customer")]),
    ("plan_step_completed", [("plan_step_completed", "customer")]),
    ("redress_paid", [("redress_paid", "customer")]),
    ("resolution_implemented", [("resolution_implemented", "customer")]),
    ("complaint_merged", [("complaint_merged", "customer")]),
    ("plan_step_overdue", [("plan_step_overdue", "employee:team-payments")]),
]


@pytest.mark.parametrize(("event_name", "expected"), EXPECTED)
def test_each_event_calls_for_its_messages(event_name, expected, trigger_events, facts, links):
    messages = plan_messages(event=trigger_events[event_name], facts=facts, links=links, calendars=CALENDARS)

    assert [(m.template.value, m.recipient.key) for m in messages] == expected


def test_every_template_in_the_catalogue_is_triggered_by_some_event(trigger_events, facts, links):
    planned = {m.template for e in trigger_events.values()
               for m in plan_messages(event=e, facts=facts, links=links, calendars=CALENDARS)}

    assert planned == set(Template)


@pytest.mark.parametrize("template", list(Template))
def test_every_message_is_a_service_message_no_marketing_opt_out_stops(template):
    assert CATALOGUE[template].mandatory


def test_acknowledgement_and_final_response_are_the_regulatory_letters():
    letters = {t for t, spec in CATALOGUE.items() if spec.regulatory_letter}

    assert letters == {Template.ACKNOWLEDGEMENT, Template.FINAL_RESPONSE}
    assert all(CATALOGUE[t].audience is Audience.CUSTOMER for t in letters)


def test_events_that_call_for_no_message_plan_nothing(facts, links):
    opened = CaseOpened(complaint_id=facts.complaint_id, team="support-en-1")
    sent = NotificationSent(notification_id="n", template="acknowledgement", channel="email",
                            recipient_kind="customer", trigger_event_id="e")

    assert plan_messages(event=opened, facts=facts, links=links, calendars=CALENDARS) == []
    assert plan_messages(event=sent, facts=None, links=links, calendars=CALENDARS) == []


def test_a_complaint_not_yet_received_raises_so_the_event_is_retried(trigger_events, links):
    with pytest.raises(FactsNotYetKnown):
        plan_messages(event=trigger_events["information_requested"], facts=None, links=links, calendars=CALENDARS)


def test_systemic_issues_need_no_complaint_facts(trigger_events, links):
    [message] = plan_messages(event=trigger_events["systemic_issue"], facts=None, links=links, calendars=CALENDARS)

    assert message.complaint_id is None
    assert message.context["complaint_count"] == 2


def test_acknowledgement_promises_the_regulatory_deadlines_and_how_to_check_status(
        received_event, routed_event, links):
    facts = record_facts(facts=None, event=received_event())

    [ack, _] = plan_messages(event=routed_event(), facts=facts, links=links, calendars=CALENDARS)

    assert ack.context["tracking_number"] == "CMP-7K3Q-9XWA-F"
    assert ack.context["department"] == "customer_support"
    assert [d.name for d in ack.context["deadlines"]] == ["final_response"]
    assert ack.context["status_url"] == "https://complaints.example.org/track/CMP-7K3Q-9XWA-F"


def test_without_a_regime_the_acknowledgement_states_the_service_targets(received_event, routed_event, links):
    facts = record_facts(facts=None, event=received_event())
    routed = routed_event(regime=Regime.NONE)
    service_only = [d.model_copy(update={"clock": Clock.SERVICE}) for d in reversed(routed.deadlines)]

    [ack, _] = plan_messages(event=routed.model_copy(update={"deadlines": service_only}), facts=facts, links=links,
                             calendars=CALENDARS)

    assert [d.name for d in ack.context["deadlines"]] == ["first_response", "final_response"]


def test_an_enquiry_is_acknowledged_as_an_enquiry(received_event, routed_event, links):
    facts = record_facts(facts=None, event=received_event())

    [ack, _] = plan_messages(event=routed_event(kind=ComplaintKind.ENQUIRY), facts=facts, links=links,
                             calendars=CALENDARS)

    assert ack.context["is_enquiry"] is True


@pytest.mark.parametrize(("regime", "body"), [
    (Regime.UK_FCA_DISP, "Financial Ombudsman Service"),
    (Regime.UK_PSD, "Financial Ombudsman Service"),
    (Regime.US_CFPB, "Consumer Financial Protection Bureau"),
    (Regime.NONE, None),
])
def test_final_response_names_the_body_the_regime_lets_the_customer_refer_to(regime, body, facts, links):
    resolved = ComplaintResolved(complaint_id=facts.complaint_id, outcome=Outcome.NOT_UPHELD,
                                 final_response="We found no error.", by="emp-0042")

    [message] = plan_messages(event=resolved, facts=facts.model_copy(update={"regime": regime}), links=links,
                              calendars=CALENDARS)

    referral = message.context["referral"]
    assert (referral.body if referral else None) == body


def test_fca_final_response_carries_the_six_month_limit(trigger_events, facts, links):
    [message] = plan_messages(event=trigger_events["final_response"], facts=facts, links=links, calendars=CALENDARS)

    assert message.context["referral"].time_limit_months == 6


@pytest.mark.parametrize(("reason", "consent", "invited"), [
    ("resolved", True, True),
    ("resolved", False, True),
    ("withdrawn", True, False),
    ("no_response", True, False),
])
def test_closure_invites_to_the_survey_after_resolution_whatever_the_marketing_consent(reason, consent, invited,
                                                                                      facts_for, links):
    facts = facts_for(consent_marketing=consent)
    closed = ComplaintClosed(complaint_id=facts.complaint_id, reason=reason, by="system")

    [message] = plan_messages(event=closed, facts=facts, links=links, calendars=CALENDARS)

    expected = "https://complaints.example.org/survey/CMP-7K3Q-9XWA-F" if invited else None
    assert message.context["survey_url"] == expected


def test_a_complaint_closed_as_merged_gets_no_closing_letter_only_the_merge_letter(trigger_events, facts, links):
    closed = ComplaintClosed(complaint_id=facts.complaint_id, reason="duplicate", by="emp-0042")

    assert plan_messages(event=closed, facts=facts, links=links, calendars=CALENDARS) == []
    [merged] = plan_messages(event=trigger_events["complaint_merged"], facts=facts, links=links, calendars=CALENDARS)
    assert (merged.template, merged.context["merged_into_tracking_number"]) == (Template.COMPLAINT_MERGED,
                                                                                "CMP-2B7D-4HXR-K")


def test_staff_messages_carry_no_customer_contact_details(trigger_events, facts, links):
    staff = [m for e in trigger_events.values()
             for m in plan_messages(event=e, facts=facts, links=links, calendars=CALENDARS)
             if m.recipient.audience is Audience.STAFF]

    for message in staff:
        values = " ".join(str(v) for v in message.context.values())
        assert "alesia@example.org" not in values and "Alesia" not in values


def test_an_unassigned_complaint_is_announced_to_its_team(received_event, routed_event, links):
    facts = record_facts(facts=None, event=received_event(language=Language.RU))

    [_, assignment] = plan_messages(event=routed_event(assignee=None), facts=facts, links=links, calendars=CALENDARS)

    assert assignment.recipient.keys == ("team:support-en-1",)


def test_rerouting_announces_the_new_team_with_the_reason(rerouted, facts, links):
    [assignment] = plan_messages(event=rerouted, facts=facts, links=links, calendars=CALENDARS)

    assert assignment.recipient.key == "team:legal-1"
    assert assignment.context["reason"] == "Objectivity: complaint is about support-en-1"


def test_messages_name_the_event_that_triggered_them(trigger_events, facts, links):
    event = trigger_events["case_note"]

    [message] = plan_messages(event=event, facts=facts, links=links, calendars=CALENDARS)

    assert message.trigger_event_id == str(event.id)
    assert message.trigger_key == f"/complaints/resolution#{event.id}"


def test_a_possible_duplicate_names_the_earlier_complaint_by_its_tracking_number(trigger_events, facts, links):
    event = trigger_events["possible_duplicate"]
    known = event.model_copy(update={"duplicate_of_tracking_number": "CMP-AAAA-BBBB-C"})
    [named] = plan_messages(event=known, facts=facts, links=links, calendars=CALENDARS)
    # published before the number travelled with it
    [older] = plan_messages(event=event, facts=facts, links=links, calendars=CALENDARS)
    assert (named.context["duplicate_of"], older.context["duplicate_of"]) == ("CMP-AAAA-BBBB-C", event.duplicate_of)
