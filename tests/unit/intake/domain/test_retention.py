"""When a complaint's record expires: closed, not reopened since, the record retention ago or longer (dates worked
out by hand: 2191 days before 2032-03-02 09:00 UTC is 2026-03-03 09:00 UTC, the years 2028 and 2032 having a 29th of
February in between)."""

import uuid
from datetime import UTC, datetime, timedelta

from complaint_contracts import ComplaintRecordExpired
from intake.domain.retention import (
    RECORD_RETENTION,
    Closure,
    ExpiredRecord,
    expired_records,
    record_expired,
    subjects_to_shred,
    unmatched_expired,
)

NOW = datetime(2032, 3, 2, 9, 0, tzinfo=UTC)
CUTOFF = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)


def ids(closures: list[Closure]) -> list[str]:
    return [c.complaint_id for c in closures]


def test_the_default_record_retention_is_six_years_of_days() -> None:
    assert RECORD_RETENTION == timedelta(days=2191) and NOW - RECORD_RETENTION == CUTOFF


def test_a_record_expires_when_closed_at_the_cutoff_or_before_and_not_reopened_since() -> None:
    closures = [Closure("c-at-cutoff", "s-a", CUTOFF, None),
                Closure("c-just-after", "s-a", CUTOFF + SECOND, None),
                Closure("c-long-ago", "s-b", datetime(2020, 1, 31, tzinfo=UTC), None),
                Closure("c-never-closed", "s-b", None, None)]
    assert ids(expired_records(closures, now=NOW, retention=RECORD_RETENTION)) == ["c-at-cutoff", "c-long-ago"]


def test_a_reopened_complaint_expires_only_from_its_closure_after_the_reopening() -> None:
    closures = [Closure("c-reopened", "s-a", CUTOFF - timedelta(days=30), CUTOFF - timedelta(days=10)),
                Closure("c-reopened-same-moment", "s-a", CUTOFF - SECOND, CUTOFF - SECOND),
                Closure("c-closed-again-long-ago", "s-a", CUTOFF - SECOND, CUTOFF - timedelta(days=1)),
                Closure("c-closed-again-lately", "s-a", CUTOFF + timedelta(days=1), CUTOFF - timedelta(days=1))]
    assert ids(expired_records(closures, now=NOW, retention=RECORD_RETENTION)) == ["c-closed-again-long-ago"]


def test_the_announcement_has_one_id_per_complaint_whenever_it_is_made() -> None:
    closure = Closure("c-5f0c2d3a9b8e4f61", "s-a", CUTOFF, None)
    first = record_expired(closure, retention=RECORD_RETENTION, at=NOW)
    later = record_expired(closure, retention=RECORD_RETENTION, at=NOW + timedelta(hours=1))
    other = record_expired(Closure("c-0000000000000001", "s-a", CUTOFF, None), retention=RECORD_RETENTION, at=NOW)
    assert isinstance(first, ComplaintRecordExpired)
    assert first.id == later.id != other.id and uuid.UUID(first.id).version == 5
    assert (first.complaint_id, first.closed_at, first.retention_days, first.expired_at, first.time) == (
        "c-5f0c2d3a9b8e4f61", CUTOFF, 2191, NOW, NOW)


def test_keys_go_with_the_last_record_of_a_customer_that_still_held_personal_data() -> None:
    deleted = [ExpiredRecord("c-1", "s-last-one", erased=False), ExpiredRecord("c-2", "s-with-another", erased=False),
               ExpiredRecord("c-3", "s-erased-before", erased=True), ExpiredRecord("c-4", "s-mixed", erased=True),
               ExpiredRecord("c-5", "s-mixed", erased=False)]
    assert subjects_to_shred(deleted, keeping_records={"s-with-another"}) == {"s-last-one", "s-mixed"}


def test_an_unknown_complaints_event_from_before_the_cutoff_is_about_an_expired_record() -> None:
    assert unmatched_expired(CUTOFF, now=NOW, retention=RECORD_RETENTION)
    assert not unmatched_expired(CUTOFF + SECOND, now=NOW, retention=RECORD_RETENTION)
