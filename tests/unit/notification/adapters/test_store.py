"""What finishing a delivery causes (kept with its outcome, published straight after): its outcome event, and a copy
for the DLQ only when operators have something to look into (not for a message withheld because the customer's data
was erased)."""

from datetime import UTC, datetime

from complaint_contracts import PersonalDataErased
from complaints_chassis.caused import CAUSED
from notification.adapters.store import outcome_document
from notification.domain.delivery import DeliveryResult
from notification.domain.delivery_log import DeliveryRecord, FinishedDelivery, LogStatus, finished_by_erasure
from notification.domain.outcomes import delivery_event

from tests.unit.notification.builders import COMPLAINT_ID


def queued_topics(finished: FinishedDelivery) -> list[str]:
    return [entry["topic"] for entry in outcome_document(finished)[CAUSED]]


def test_a_refused_address_is_also_copied_to_the_dead_letter_topic(outgoing, trigger_events):
    refused = delivery_event(message=outgoing(), result=DeliveryResult.permanent("recipient refused (550)"),
                             trigger=trigger_events["information_requested"])

    assert queued_topics(FinishedDelivery(refused)) == ["complaints.notification.v1",
                                                        "complaints.notification.v1.dlq"]


def test_a_mail_withheld_after_erasure_is_published_but_not_dead_lettered():
    deferred = DeliveryRecord(notification_id="n-0001", complaint_id=COMPLAINT_ID, template="acknowledgement",
                              channel="email", recipient_kind="customer", trigger_event_id="e-0001",
                              status=LogStatus.DEFERRED, attempts=3)
    erasure = PersonalDataErased(complaint_id=COMPLAINT_ID, erasure_id="er-1", reason="retention",
                                 erased_at=datetime(2026, 3, 20, tzinfo=UTC))

    finished = finished_by_erasure(deferred, erasure=erasure)

    assert queued_topics(finished) == ["complaints.notification.v1"]
    assert (finished.record.status, finished.record.attempts) == (LogStatus.FAILED, 3)
    assert finished.outcome.causation_id == str(erasure.id)
