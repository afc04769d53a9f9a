"""Decide which messages an event calls for, given what is known about its complaint."""

from typing import Any, Literal

from complaint_contracts import ComplaintEvent, Event, SystemicIssueDetected
from complaints_calendar import CalendarBook
from pydantic import BaseModel, ConfigDict

from .catalogue import CATALOGUE, MessageSpec, Template
from .customer_messages import CUSTOMER_BUILDERS, SEND_TO, customer_context
from .effects import effect_key
from .facts import ComplaintFacts, record_facts
from .links import SiteLinks
from .recipients import CUSTOMER, QUALITY_ROLE, Recipient, staff_recipient
from .staff_messages import STAFF_BUILDERS, staff_context

TRIGGERS: frozenset[type[Event]] = frozenset({*CUSTOMER_BUILDERS, *STAFF_BUILDERS, SystemicIssueDetected})
"""Event classes that can call for a message; every other event only feeds the facts, if anything."""


class PlannedMessage(BaseModel):
    """One message an event calls for: template, recipient and the variables the template needs."""

    model_config = ConfigDict(frozen=True)

    spec: MessageSpec
    recipient: Recipient
    context: dict[str, Any]
    trigger_event_id: str
    """CloudEvents `id` of the event that called for it."""
    effect_key: str
    """What makes this message distinct (complaint, kind, occurrence; see effects.py): with recipient and channel,
    the delivery's identity, so the same trigger re-sent under a new event id finds the delivery already made."""
    trigger_key: str
    """CloudEvents source + id of that event: how deliveries were named before `effect_key`, still looked up so
    events logged under the old names are not delivered again."""
    complaint_id: str | None = None
    send_to: Literal["email", "phone"] | None = None
    """The one contact route the message may take (an access code goes where it was asked for, or nowhere)."""

    @property
    def template(self) -> Template:
        return self.spec.template


class FactsNotYetKnown(Exception):
    """The complaint's facts have not arrived yet (topics are not ordered between each other): retry later."""

    def __init__(self, complaint_id: str) -> None:
        super().__init__(f"no facts yet for complaint {complaint_id}")
        self.complaint_id = complaint_id


def plan_messages(*, event: Event, facts: ComplaintFacts | None, links: SiteLinks,
                  calendars: CalendarBook) -> list[PlannedMessage]:
    """List the messages the event calls for; raise FactsNotYetKnown if its complaint is not known yet.

    `calendars`: where a customer message finds the business time its deadlines count in.
    """
    if type(event) not in TRIGGERS:
        return []
    if isinstance(event, SystemicIssueDetected):
        return [_systemic_issue(event=event, links=links)]
    if not isinstance(event, ComplaintEvent):
        return []
    facts = record_facts(facts=facts, event=event)
    if facts is None:
        raise FactsNotYetKnown(event.complaint_id)
    messages = []
    if type(event) in CUSTOMER_BUILDERS:
        template, build = CUSTOMER_BUILDERS[type(event)]
        specific = build(event, facts, links)
        if specific is not None:
            send_to = SEND_TO[type(event)](event) if type(event) in SEND_TO else None
            messages.append(_planned(template, event=event, facts=facts, recipient=CUSTOMER, send_to=send_to,
                                     context=customer_context(facts=facts, links=links, calendars=calendars)
                                     | specific))
    if type(event) in STAFF_BUILDERS:
        common = staff_context(facts=facts, links=links)
        for template, recipient, specific in STAFF_BUILDERS[type(event)](event, facts):
            messages.append(_planned(template, event=event, facts=facts, recipient=recipient,
                                     context=common | specific))
    return messages


def _planned(template: Template, *, event: Event, facts: ComplaintFacts | None, recipient: Recipient,
             context: dict[str, Any], send_to: Literal["email", "phone"] | None = None) -> PlannedMessage:
    """A planned message whose spec comes from the catalogue."""
    return PlannedMessage(spec=CATALOGUE[template], recipient=recipient, context=context, send_to=send_to,
                          trigger_event_id=str(event.id), trigger_key=event.dedupe_key,
                          effect_key=effect_key(template=template, event=event, facts=facts),
                          complaint_id=event.complaint_id if isinstance(event, ComplaintEvent) else None)


def _systemic_issue(*, event: SystemicIssueDetected, links: SiteLinks) -> PlannedMessage:
    context = {"organisation": links.organisation, "dimension": event.dimension, "value": event.value,
               "window_start": event.window_start, "window_end": event.window_end, "observed": event.observed,
               "expected": event.expected, "test": event.test, "complaint_count": len(event.complaint_ids)}
    return _planned(Template.SYSTEMIC_ISSUE, event=event, facts=None, recipient=staff_recipient(QUALITY_ROLE),
                    context=context)
