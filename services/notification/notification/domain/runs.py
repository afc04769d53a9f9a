"""A run of events planned in memory: the facts each complaint reaches and the deliveries each event calls for."""

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field

from complaint_contracts import ComplaintEvent, ComplaintReceived, Event, Language, PersonalDataErased
from complaints_calendar import CalendarBook

from .addressing import address_message
from .catalogue import Template
from .delivery import Delivery, Skipped
from .erasure import shows_erased
from .facts import ComplaintFacts, record_facts
from .links import SiteLinks
from .planning import FactsNotYetKnown, plan_messages
from .recipients import StaffDirectory
from .selection import DeliveryChannel

Route = Delivery | Skipped
TemplateLanguages = Callable[[Template], Collection[Language]]
"""The languages a template can be rendered in."""


@dataclass(frozen=True)
class Step:
    """One event of a run, with the deliveries it calls for."""

    event: Event
    routes: list[Route]


@dataclass
class RunPlan:
    """A run planned in memory: per complaint its steps in order, the facts that changed, what could not be planned."""

    steps: dict[str, list[Step]]
    changed_facts: list[ComplaintFacts]
    failures: list[FactsNotYetKnown]
    waiting: list[str] = field(default_factory=list)
    """Ids of the events that wait for their complaint's facts: each one that failed and those after it."""

    def notification_ids(self) -> list[str]:
        return [route.notification_id for steps in self.steps.values() for step in steps for route in step.routes]

    def logged_ids(self) -> list[str]:
        """The ids to look up in the delivery log: each delivery's, the event-based one it had before, and those a
        message not sent for erasure would have had over a channel."""
        routes = [route for steps in self.steps.values() for step in steps for route in step.routes]
        return [*self.notification_ids(), *(route.legacy_id for route in routes),
                *(i for route in routes if isinstance(route, Skipped) for i in route.handled_as)]


def plan_run(*, groups: Mapping[str, Sequence[Event]], known: Mapping[str, ComplaintFacts], links: SiteLinks,
             directory: StaffDirectory, channels: Collection[DeliveryChannel],
             template_languages: TemplateLanguages, calendars: CalendarBook) -> RunPlan:
    """Fold each complaint's events into its facts and list the deliveries each event calls for (no I/O)."""
    plan = RunPlan(steps={}, changed_facts=[], failures=[])
    for key, group in groups.items():
        facts = known.get(key)
        steps: list[Step] = []
        # The keys were destroyed before the erasure was announced: the customer gets nothing more in this run,
        # not even from the events ahead of the announcement.
        erased_in_run = any(isinstance(event, PersonalDataErased) for event in group)
        for position, event in enumerate(group):
            if isinstance(event, ComplaintEvent):
                facts = record_facts(facts=facts, event=event)
            try:
                messages = plan_messages(event=event, facts=facts, links=links, calendars=calendars)
            except FactsNotYetKnown as exc:
                plan.failures.append(exc)  # the steps before it still go ahead; the chassis parks the rest
                plan.waiting += [str(waiting.id) for waiting in group[position:]]
                break
            erased = bool(messages) and (erased_in_run or shows_erased(event))
            steps.append(Step(event, [route for message in messages for route in address_message(
                message=message, facts=facts, directory=directory, available_channels=channels,
                template_languages=template_languages(message.template), calendars=calendars, erased=erased)]))
        if facts is not None and facts != known.get(key):
            plan.changed_facts.append(facts)
        plan.steps[key] = steps
    return plan


def by_complaint(events: Sequence[Event]) -> dict[str, list[Event]]:
    """The run's events per complaint, in order (events about no complaint stand alone); receipts left out."""
    groups: dict[str, list[Event]] = {}
    for event in events:
        if not isinstance(event, ComplaintReceived):
            groups.setdefault(getattr(event, "complaint_id", None) or str(event.id), []).append(event)
    return groups


def complaints_in(groups: Mapping[str, Sequence[Event]]) -> list[str]:
    """The keys of the groups that are about a complaint (whose facts the plan needs)."""
    return [key for key, group in groups.items() if isinstance(group[0], ComplaintEvent)]
