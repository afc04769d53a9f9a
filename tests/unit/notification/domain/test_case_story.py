"""The messages of a complaint's later story: access codes, the agreed plan, payments, implementation, merging."""

from complaint_contracts import ComplaintResolved, Decision, Outcome
from notification.domain.catalogue import Template
from notification.domain.facts import record_facts
from notification.domain.planning import plan_messages

from tests.unit.notification.builders import ACCESS_CODE, CALENDARS


def _only(event, facts, links):
    [message] = plan_messages(event=event, facts=facts, links=links, calendars=CALENDARS)
    return message


def test_an_accepted_proposal_is_confirmed_with_its_plan_steps_in_date_order(trigger_events, facts, links):
    facts = record_facts(facts=facts, event=trigger_events["resolution_proposed"])

    message = _only(trigger_events["proposal_accepted"], facts, links)

    assert message.template is Template.PROPOSAL_ACCEPTED
    assert [s.step_id for s in message.context["plan"]] == ["s-1", "s-2"]


def test_an_acceptance_of_a_proposal_notification_never_saw_is_confirmed_without_steps(trigger_events, facts, links):
    message = _only(trigger_events["proposal_accepted"], facts, links)

    assert message.context["plan"] == []


def test_a_rejected_proposal_calls_for_no_confirmation(trigger_events, facts, links):
    rejected = trigger_events["proposal_accepted"].model_copy(update={"decision": Decision.REJECTED})

    assert plan_messages(event=rejected, facts=facts, links=links, calendars=CALENDARS) == []


def test_the_proposal_lists_the_plan_steps_by_due_date(trigger_events, facts, links):
    message = _only(trigger_events["resolution_proposed"], facts, links)

    assert [s.description for s in message.context["plan"]] == ["Refund the kettle to the card used",
                                                                  "Pay the goodwill gesture"]


def test_a_merged_complaint_points_to_the_status_page_of_the_one_that_carries_on(trigger_events, facts, links):
    message = _only(trigger_events["complaint_merged"], facts, links)

    assert message.context["merged_into_tracking_number"] == "CMP-2B7D-4HXR-K"
    assert message.context["merged_into_status_url"] == "https://complaints.example.org/track/CMP-2B7D-4HXR-K"


def test_a_merge_without_the_surviving_tracking_number_links_no_other_page(trigger_events, facts, links):
    merged = trigger_events["complaint_merged"].model_copy(update={"merged_into_tracking_number": None})

    message = _only(merged, facts, links)

    assert message.context["merged_into_status_url"] is None


def test_each_payment_and_the_implementation_are_told_to_the_customer(trigger_events, facts, links):
    paid = _only(trigger_events["redress_paid"], facts, links)
    implemented = _only(trigger_events["resolution_implemented"], facts, links)

    assert (paid.context["payment_reference"], str(paid.context["amount"].amount)) == ("PAY-2026-0042", "1249.90")
    assert implemented.context["details"] == "Refund and goodwill paid."


def test_an_overdue_step_warns_its_owner_first_then_the_cases_owner(trigger_events, facts, links):
    message = _only(trigger_events["plan_step_overdue"], facts, links)

    assert message.recipient.keys == ("employee:team-payments", "team:team-payments", "employee:emp-0042",
                                      "team:support-en-1")
    assert message.context["case_url"] == "https://console.example.org/cases/c-late-refund-0001"


def test_the_final_response_adds_no_referral_when_the_response_already_carries_it(facts, links):
    resolved = ComplaintResolved(complaint_id=facts.complaint_id, outcome=Outcome.NOT_UPHELD, by="emp-0042",
                                 final_response="We found no error. You may refer to the Financial Ombudsman Service.",
                                 referral_included=True)

    message = _only(resolved, facts, links)

    assert message.context["referral"] is None


def test_an_access_code_goes_only_to_the_route_named_and_is_never_shown_by_a_repr(trigger_events, facts, links):
    message = _only(trigger_events["access_code"], facts, links)

    assert message.send_to == "email" and message.context["requested"] is True
    assert message.context["access_code"].get_secret_value() == ACCESS_CODE
    assert ACCESS_CODE not in repr(message) and ACCESS_CODE not in message.effect_key


def test_the_access_code_message_links_the_status_page_and_where_to_ask_for_a_new_code(trigger_events, facts, links):
    message = _only(trigger_events["access_code"], facts, links)

    assert message.context["status_url"] == "https://complaints.example.org/track/CMP-7K3Q-9XWA-F"
    assert message.context["access_code_url"] == "https://complaints.example.org/access-code"


def test_the_acknowledgement_says_how_a_customer_filed_by_another_system_gets_a_code(received_event, routed_event,
                                                                                     trigger_events, links):
    on_the_web = record_facts(facts=None, event=received_event())
    submitted = on_the_web.model_copy(update={"source_system": "crm"})
    sent_a_code = record_facts(facts=submitted, event=trigger_events["access_code"])

    standing = [plan_messages(event=routed_event(), facts=f, links=links, calendars=CALENDARS)[0].context["access_code"]
                for f in (on_the_web, submitted, sent_a_code)]

    assert standing == ["given", "none", "sent"]
