"""Fixtures for notification unit tests: the test complaint, its events, links and the staff directory."""

from datetime import timedelta

import pytest
from complaint_contracts import ComplaintRerouted, Language
from notification.adapters.channels import FakeNotifier
from notification.adapters.rendering import TemplateRenderer
from notification.domain.addressing import address_message
from notification.domain.delivery import outgoing_message
from notification.domain.facts import ComplaintFacts
from notification.domain.links import SiteLinks
from notification.domain.planning import plan_messages
from notification.domain.recipients import COMPLAINT_MANAGERS_ROLE, QUALITY_ROLE, StaffDirectory, StaffRoute
from notification.domain.selection import DeliveryChannel
from notification.service import NotificationService

from tests.unit.notification.builders import (
    CALENDARS,
    COMPLAINT_ID,
    NOW,
    RECEIVED_AT,
    make_facts,
    make_received,
    make_routed,
    make_trigger_events,
)
from tests.unit.notification.fakes import FakeNotificationStore, FakeOutcomePublisher, ForgettingKeys, RecordingCounter


@pytest.fixture
def links() -> SiteLinks:
    # The portal's pages under one base; the desk overridden, as a deployment with a separate staff host would.
    return SiteLinks.under("https://complaints.example.org/", organisation="Northwind Retail",
                           case_url="https://console.example.org/cases/{complaint_id}")


@pytest.fixture
def facts() -> ComplaintFacts:
    return make_facts()


@pytest.fixture
def directory() -> StaffDirectory:
    return StaffDirectory(routes={
        "employee:emp-0042": StaffRoute(email="ivan@northwind.example", language=Language.RU,
                                        time_zone="Europe/Minsk"),
        "employee:emp-0077": StaffRoute(email="maria@northwind.example", language=Language.BE),
        "team:support-en-1": StaffRoute(email="support-en-1@northwind.example", chat=True),
        "team:support-en-2": StaffRoute(email="support-en-2@northwind.example"),
        COMPLAINT_MANAGERS_ROLE: StaffRoute(email="complaints-managers@northwind.example"),
        QUALITY_ROLE: StaffRoute(email="quality@northwind.example", chat=True),
    })


@pytest.fixture
def rerouted() -> ComplaintRerouted:
    return ComplaintRerouted(complaint_id=COMPLAINT_ID, department="legal", team="legal-1", assignee=None,
                             rules_version="2026.11.1", reason="Objectivity: complaint is about support-en-1",
                             previous_team="support-en-1", tier=1)


@pytest.fixture
def trigger_events() -> dict[str, object]:
    return make_trigger_events()


@pytest.fixture
def facts_for():
    """Facts of the test complaint after routing, with the received event's fields overridden."""
    return make_facts


@pytest.fixture
def received_event():
    return make_received


@pytest.fixture
def routed_event():
    return make_routed


@pytest.fixture
def outgoing():
    """A rendered message ready for a channel, built through the real planning, routing and rendering."""
    def build(template: str = "information_requested", **facts_overrides: object):
        facts = make_facts(**facts_overrides)
        links = SiteLinks.under("https://x.example", organisation="Northwind Retail")
        event = make_trigger_events()[template]
        message = next(m for m in plan_messages(event=event, facts=facts, links=links, calendars=CALENDARS)
                       if m.template == template)
        [delivery] = address_message(message=message, facts=facts, directory=StaffDirectory(),
                                     available_channels=frozenset(DeliveryChannel),
                                     template_languages=frozenset(Language), calendars=CALENDARS)
        rendered = TemplateRenderer().render_delivery(delivery)
        return outgoing_message(delivery=delivery, rendered=rendered, created_at=RECEIVED_AT + timedelta(days=3))

    return build


@pytest.fixture
def store() -> FakeNotificationStore:
    return FakeNotificationStore()


@pytest.fixture
def counter() -> RecordingCounter:
    return RecordingCounter()


@pytest.fixture
def email() -> FakeNotifier:
    return FakeNotifier()


@pytest.fixture
def keys() -> ForgettingKeys:
    return ForgettingKeys()


@pytest.fixture
def publisher(store) -> FakeOutcomePublisher:
    return FakeOutcomePublisher(store)


@pytest.fixture
def make_service(store, links, directory, counter, keys, publisher):
    """Build the service over the fakes with the given channels (and any other field, e.g. `stopping`)."""
    renderer = TemplateRenderer()

    def build(notifiers, **options) -> NotificationService:
        return NotificationService(store=store, notifiers=notifiers, renderer=renderer, links=links,
                                   directory=directory, clock=lambda: NOW, metrics=counter, outcomes=publisher,
                                   keys=keys, calendars=CALENDARS, **options)

    return build


@pytest.fixture
def service(make_service, email):
    """The service over the fakes, mailing through `email`."""
    return make_service({DeliveryChannel.EMAIL: email})


@pytest.fixture
def run(make_service, email):
    """Deliver one event with a new service each time (nothing kept in memory between runs, as after restarts)."""
    async def run_notify(event, notifiers=None):
        return await make_service(notifiers or {DeliveryChannel.EMAIL: email}).deliver(events=[event])

    return run_notify


@pytest.fixture
def recorded(counter) -> list:
    """The outcomes the service reported as recorded."""
    return counter.outcomes
