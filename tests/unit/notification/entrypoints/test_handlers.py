from datetime import UTC, datetime

import pytest
from complaint_contracts import ComplaintReceived, ComplaintRecordExpired, PersonalDataErased, topics
from complaints_chassis.parking import Deferred
from notification.adapters.channels import FakeNotifier
from notification.adapters.rendering import TemplateRenderer
from notification.deps import NotificationDeps
from notification.domain.planning import TRIGGERS
from notification.domain.selection import DeliveryChannel
from notification.entrypoints.handlers import CONSUMERS, events, on_complaint_event, on_complaint_record_expired
from notification.service import NotificationService

from tests.unit.notification.builders import CALENDARS
from tests.unit.notification.fakes import FakeNotificationStore, FakeOutcomePublisher, ForgettingKeys, RecordingCounter


def test_one_group_takes_receipts_erasures_and_every_trigger_in_one_handler_and_expired_records_apart():
    assert CONSUMERS == [events] and events.group_id == "notification"
    assert set(events.handlers) == {ComplaintReceived, PersonalDataErased, ComplaintRecordExpired, *TRIGGERS}
    assert {events.handlers[cls] for cls in (ComplaintReceived, PersonalDataErased, *TRIGGERS)} == {on_complaint_event}
    assert events.handlers[ComplaintRecordExpired] is on_complaint_record_expired


def test_the_topics_follow_from_the_handled_events():
    assert set(events.topics) == {topics.INTAKE, topics.ROUTING, topics.RESOLUTION, topics.ANALYTICS}


@pytest.fixture
def deps(links, directory) -> NotificationDeps:
    email = FakeNotifier()
    counter = RecordingCounter()
    store = FakeNotificationStore()
    service = NotificationService(store=store, notifiers={DeliveryChannel.EMAIL: email},
                                  renderer=TemplateRenderer(), links=links, directory=directory,
                                  clock=lambda: datetime(2026, 3, 9, tzinfo=UTC), metrics=counter,
                                  outcomes=FakeOutcomePublisher(store), keys=ForgettingKeys(),
                                  calendars=CALENDARS)
    return NotificationDeps(service=service, notifiers={DeliveryChannel.EMAIL: email})


async def test_a_run_of_events_is_handed_to_the_service_in_one_call(deps, received_event, routed_event):
    await on_complaint_event([routed_event(), received_event()], deps)

    assert [m.template for m in deps.notifiers[DeliveryChannel.EMAIL].sent] == ["acknowledgement", "new_assignment"]


async def test_an_event_ahead_of_its_receipt_is_deferred_for_parking(deps, trigger_events):
    with pytest.raises(Deferred, match="no facts yet for complaint"):
        await on_complaint_event([trigger_events["case_note"]], deps)
