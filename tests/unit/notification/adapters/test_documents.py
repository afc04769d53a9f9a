from complaint_contracts import NotificationFailed
from complaints_chassis.outbox import new_document
from notification.adapters.documents import (
    delivery_document,
    delivery_from,
    facts_document,
    facts_fields,
    facts_from,
    identity_fields,
    outcome_fields,
)
from notification.domain.delivery import DeliveryResult
from notification.domain.delivery_log import FinishedDelivery, LogStatus
from notification.domain.outcomes import delivery_event


def _failed(outgoing, trigger_events) -> NotificationFailed:
    outcome = delivery_event(message=outgoing(), result=DeliveryResult.permanent("recipient refused (550)"),
                             trigger=trigger_events["information_requested"])
    assert isinstance(outcome, NotificationFailed)
    return outcome


def test_a_delivery_document_keeps_the_logs_fields_and_reads_back(outgoing, trigger_events):
    outcome = _failed(outgoing, trigger_events)
    record = FinishedDelivery(outcome).record

    document = delivery_document(record)

    assert document["_id"] == outcome.notification_id and document["status"] == "failed"
    assert set(document) == {"_id", "complaint_id", "template", "channel", "recipient_kind", "trigger_event_id",
                             "status", "reason", "attempts", "message_date", "resent", "recorded_at"}
    # What the outbox adds to the stored document is not part of the record.
    assert delivery_from(new_document(document, [outcome])) == record


def test_finishing_sets_the_outcome_and_inserting_sets_what_the_delivery_is(outgoing, trigger_events):
    record = FinishedDelivery(_failed(outgoing, trigger_events), resent=True).record

    assert outcome_fields(record) == {"status": "failed", "reason": "recipient refused (550)", "attempts": 1,
                                      "resent": True, "recorded_at": record.recorded_at}
    assert set(identity_fields(record)) == {"complaint_id", "template", "channel", "recipient_kind",
                                            "trigger_event_id"}


def test_an_entry_logged_before_intents_existed_reads_as_finished_and_never_resent(outgoing, trigger_events):
    document = delivery_document(FinishedDelivery(_failed(outgoing, trigger_events)).record)
    older = {k: v for k, v in document.items() if k not in ("message_date", "resent")}

    entry = delivery_from(older)

    assert (entry.status, entry.message_date, entry.resent) == (LogStatus.FAILED, None, False)


def test_facts_are_stored_as_json_and_read_back_equal(facts):
    stored = facts_fields(facts)

    assert isinstance(stored["facts"]["received_at"], str)
    assert facts_from({"_id": facts.complaint_id, **stored}) == facts


def test_a_version_of_the_facts_is_named_by_complaint_and_revision_and_reads_back_as_it(facts):
    document = facts_document(facts.model_copy(update={"team": "team-2"}), revision=2)

    assert (document["_id"], document["complaint_id"], document["revision"]) == (
        f"{facts.complaint_id}/2", facts.complaint_id, 2)
    assert "revision" not in document["facts"]
    assert facts_from(document) == facts.model_copy(update={"team": "team-2", "revision": 2})


def test_facts_stored_by_the_previous_version_read_as_the_first_revision(facts):
    assert facts_from({"_id": facts.complaint_id, **facts_fields(facts)}).revision == 0
