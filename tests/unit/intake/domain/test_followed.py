"""What intake keeps of other services' events: the customer-visible entry and the owning team each names, merged with
the entries kept in the complaint into one timeline, each event once; the latest owner decision wins."""

from datetime import timedelta

from complaint_contracts import Event
from intake.domain.followed import Followed, followed_of, timeline_of
from intake.domain.ownership import latest_owner
from intake.domain.timeline import Milestone, TimelineEntry, entry_from_event

from ..conftest import COMPLAINT_ID, T0, Story


def entry(event: Event) -> TimelineEntry:
    shown = entry_from_event(event)
    assert shown is not None
    return shown


def test_an_event_keeps_its_entry_and_the_team_it_names(story: Story) -> None:
    kept = followed_of(story.routed)
    assert kept is not None
    assert (kept.complaint_id, kept.event_key, kept.at) == (COMPLAINT_ID, story.routed.dedupe_key, story.routed.time)
    assert (kept.entry and kept.entry.milestone, kept.team) == (Milestone.ASSIGNED, "support-be-1")


def test_a_reassignment_keeps_only_its_team_and_a_customer_notice_only_its_entry(story: Story) -> None:
    reassigned, *_ = story.unseen
    [team_only, entry_only] = [followed_of(e) for e in (reassigned, story.acknowledged)]
    assert team_only is not None and (team_only.entry, team_only.team) == (None, "support-be-2")
    assert entry_only is not None and entry_only.team is None
    assert entry_only.entry is not None and entry_only.entry.milestone == Milestone.ACKNOWLEDGED


def test_events_neither_shown_nor_naming_an_owner_are_not_kept(story: Story) -> None:
    assert [followed_of(e) for e in story.unseen[1:]] == [None, None, None]


def test_the_timeline_merges_both_places_each_event_once_in_order(story: Story) -> None:
    kept_inside_by_an_earlier_version = entry(story.routed)
    followed = [f for e in (story.question, story.routed, story.opened, story.question)
                if (f := followed_of(e)) is not None]
    timeline = timeline_of([entry(story.answer), entry(story.received), kept_inside_by_an_earlier_version], followed)
    assert [e.milestone for e in timeline] == [Milestone.RECEIVED, Milestone.ASSIGNED, Milestone.CASE_OPENED,
                                               Milestone.INFORMATION_REQUESTED, Milestone.CUSTOMER_REPLIED]


def test_the_latest_decision_names_the_owner_whatever_order_they_arrive_in() -> None:
    assert latest_owner([]) is None
    later = T0 + timedelta(minutes=2)
    decisions = [("support-be-1", later), ("support-be-9", T0), ("support-be-2", later)]
    assert latest_owner(decisions[:2]) == ("support-be-1", later)
    assert latest_owner(decisions) == ("support-be-2", later)  # the same moment: the one listed last


def test_a_record_without_an_entry_adds_nothing_to_the_timeline(story: Story) -> None:
    team_only = Followed(complaint_id=COMPLAINT_ID, event_key="resolution#x", at=T0, team="support-be-2")
    assert timeline_of([], [team_only]) == ()
