"""What intake keeps of the other services' events about its complaints: one record per event, holding the entry the
customer's timeline shows and the team the event names as the complaint's owner.

The records live beside the complaint, not in it: each is inserted once under its event's key (a redelivery adds
nothing), where rewriting the complaint's document per event cost several times more (it carries indexes and the
outbox). Entries of intake's own events (receipt, the customer's actions) stay in the complaint, written with the
events they queue. Complaints stored by earlier versions carry followed entries and their owning team inside too:
both places are read, each event counted once.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from complaint_contracts import Event

from .ownership import team_named
from .timeline import TimelineEntry, entry_from_event, ordering_key


@dataclass(frozen=True)
class Followed:
    """What intake keeps of one event about a complaint."""

    complaint_id: str
    event_key: str
    """The event's source#id: the record's key."""
    at: datetime
    """When the event happened: entries are read back in this order, and the latest owner decision wins."""
    entry: TimelineEntry | None = None
    """What the customer sees of it, if anything."""
    team: str | None = None
    """The team it names as the complaint's owner, if it names one."""


def followed_of(event: Event) -> Followed | None:
    """What intake keeps of an event, or None when it is about no complaint or intake keeps nothing of it."""
    complaint_id = getattr(event, "complaint_id", None)
    entry, team = entry_from_event(event), team_named(event)
    if complaint_id is None or (entry is None and team is None):
        return None
    return Followed(complaint_id=complaint_id, event_key=event.dedupe_key, at=event.time, entry=entry, team=team)


def timeline_of(own: Iterable[TimelineEntry], followed: Iterable[Followed]) -> tuple[TimelineEntry, ...]:
    """The complaint's timeline: the entries kept in it and those of its followed events, each event once, in order."""
    by_event: dict[str, TimelineEntry] = {}
    for entry in (*own, *(f.entry for f in followed if f.entry is not None)):
        by_event.setdefault(entry.event_key, entry)
    return tuple(sorted(by_event.values(), key=ordering_key))

