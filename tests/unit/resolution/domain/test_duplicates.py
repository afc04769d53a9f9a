"""Duplicates are linked on both cases; a merge closes the duplicate, pointing to the case that carries on."""

import pytest
from complaint_contracts.resolution import ComplaintClosed, ComplaintMerged
from resolution.domain.duplicates import link_duplicates, merge
from resolution.domain.errors import IllegalTransition, RuleViolation, VersionConflict
from resolution.domain.states import CaseAction, CaseState

from tests.unit.resolution.builders import ALWAYS_OPEN, open_case_in, staff

ORIGINAL, DUPLICATE = "c-first-parcel-0001", "c-again-parcel-0002"


def pair(duplicate_state=CaseState.INVESTIGATING, original_state=CaseState.INVESTIGATING):
    return (open_case_in(duplicate_state, complaint_id=DUPLICATE),
            open_case_in(original_state, complaint_id=ORIGINAL, team="support-en-2", assignee="emp-0077"))


def test_linking_records_the_link_on_both_cases_once():
    duplicate, original = pair()
    versions = duplicate.version, original.version

    link_duplicates(duplicate=duplicate, original=original, acting=staff(5, version=duplicate.version),
                    reason="same parcel", similarity=0.93)
    link_duplicates(duplicate=duplicate, original=original, acting=staff(6), reason="same parcel")

    assert [(link.complaint_id, link.relation, link.similarity) for link in duplicate.duplicates] == [
        (ORIGINAL, "duplicate_of", 0.93)]
    assert [(link.complaint_id, link.relation) for link in original.duplicates] == [(DUPLICATE, "has_duplicate")]
    assert (duplicate.version, original.version) == (versions[0] + 1, versions[1] + 1)
    assert duplicate.audit[-1].action is CaseAction.LINK_DUPLICATE


def test_an_original_without_a_case_is_linked_from_the_duplicate_only():
    duplicate, _ = pair()

    link_duplicates(duplicate=duplicate, original=None, original_id=ORIGINAL, acting=staff(5), reason="routing")

    assert [link.complaint_id for link in duplicate.duplicates] == [ORIGINAL]


def test_a_complaint_cannot_duplicate_itself_and_a_stale_version_is_refused():
    duplicate, _ = pair()

    with pytest.raises(RuleViolation) as itself:
        link_duplicates(duplicate=duplicate, original=None, original_id=DUPLICATE, acting=staff(5), reason="x")
    with pytest.raises(VersionConflict):
        link_duplicates(duplicate=duplicate, original=None, original_id=ORIGINAL, acting=staff(5, version=1),
                        reason="x")
    assert itself.value.field == "duplicate_of" and duplicate.duplicates == []


def test_merging_closes_the_duplicate_and_tells_where_it_went():
    duplicate, original = pair(CaseState.AWAITING_CUSTOMER)

    events = merge(duplicate=duplicate, original=original, acting=staff(8, version=duplicate.version,
                                                                          reason="same parcel"),
                   calendar=ALWAYS_OPEN, original_tracking_number="CMP-7K3Q-9XWA-F")

    assert [type(e) for e in events] == [ComplaintClosed, ComplaintMerged]
    closed, merged = events
    assert closed.reason == "duplicate" and closed.complaint_id == DUPLICATE
    assert (merged.merged_into, merged.merged_into_tracking_number) == (ORIGINAL, "CMP-7K3Q-9XWA-F")
    assert (duplicate.state, duplicate.merged_into, duplicate.close_reason) == (CaseState.CLOSED, ORIGINAL, "duplicate")
    assert duplicate.open_pause is None  # the paused service clock was resumed before closing
    assert original.state is CaseState.INVESTIGATING and original.merged_from == [DUPLICATE]
    assert [link.complaint_id for link in original.duplicates] == [DUPLICATE]


@pytest.mark.parametrize(("original_state", "into", "message"), [
    (CaseState.CLOSED, ORIGINAL, "reopen it"),
    (CaseState.INVESTIGATING, DUPLICATE, "into itself"),
])
def test_a_merge_into_a_finished_case_or_into_itself_is_refused(original_state, into, message):
    duplicate, original = pair(original_state=original_state)
    target = original if into == ORIGINAL else duplicate

    with pytest.raises(RuleViolation, match=message) as refused:
        merge(duplicate=duplicate, original=target, acting=staff(8), calendar=ALWAYS_OPEN,
              original_tracking_number=None)
    assert refused.value.field == "into" and duplicate.state is CaseState.INVESTIGATING


def test_a_case_past_investigation_cannot_be_merged():
    duplicate, original = pair(CaseState.RESOLUTION_PROPOSED)

    with pytest.raises(IllegalTransition):
        merge(duplicate=duplicate, original=original, acting=staff(8), calendar=ALWAYS_OPEN,
              original_tracking_number=None)
    assert original.merged_from == []


def test_merging_into_a_case_that_was_merged_itself_points_to_where_it_went():
    duplicate, original = pair()
    original.merged_into = "c-the-first-0000"

    with pytest.raises(RuleViolation, match="c-the-first-0000"):
        merge(duplicate=duplicate, original=original, acting=staff(8), calendar=ALWAYS_OPEN,
              original_tracking_number=None)
