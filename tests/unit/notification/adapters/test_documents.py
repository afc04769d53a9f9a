from complaint_contracts import NotificationFailed
from complaints_chassis.outbox import new_document
from notification.adapters.documents import delivery_document, delivery_from, facts_fields, facts_from
from notification.domain.delivery import DeliveryResult
from notification.domain.outcomes import delivery_event, record_of


def test_a_delivery_document_keeps_the_logs_fields_and_reads_back(outgoing, trigger_events):
    outcome = delivery_event(message=outgoing(), result=DeliveryResult.permanent("recipient refused (550)"),
                             trigger=trigger_events["information_requested"])
    assert isinstance(outcome, NotificationFailed)
    record = record_of(outcome)

    document = delivery_document(record)

    assert document["_id"] == outcome.notification_id
    assert set(document) == {"_id", "complaint_id", "template", "channel", "recipient_kind", "trigger_event_id",
                             "status", "reason", "attempts", "recorded_at"}
    # What the outbox adds to the stored document is not part of the record.
    assert delivery_from(new_document(document, [outcome])) == record


def test_facts_are_stored_as_json_and_read_back_equal(facts):
    stored = facts_fields(facts)

    assert isinstance(stored["facts"]["received_at"], str)
    assert facts_from({"_id": facts.complaint_id, **stored}) == facts
