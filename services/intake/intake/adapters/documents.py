"""Complaint documents as MongoDB holds them, to and from the domain's objects.

Optional keys (idempotency key, submitting system and reference) are left out of a document rather than set to
null, so the sparse unique indexes on them ignore documents that lack them. Personal values are sealed with the data
subject's key, in the complaint as filed and in every queued event; reads hand them back sealed (the use cases open
what they show, after the caller is let in).
"""

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from complaint_contracts import ComplaintReceived
from complaint_contracts.personal_data import erase_sealed
from complaints_chassis.caused import CAUSED, caused_events
from complaints_chassis.outbox import new_document
from complaints_chassis.personal_data import DataKey, sealing

from ..domain.complaint import ContactOnFile, CustomerRecord, Download, ErasureMark, NewComplaint, StoredFiling
from ..domain.followed import Followed, timeline_of
from ..domain.ownership import latest_owner
from ..domain.timeline import Milestone, TimelineEntry

ENTRIES = "entries"
VERSION = "version"
SUBJECT = "subject"
"""Id of the complaint's data subject (a keyed hash): their key seals its personal data."""
SUBJECT_REFS = "subject_refs"
"""Blind indexes of the e-mail address and phone number on file, by which erasure and access requests find it."""
ERASED = "erased"
"""Set while the complaint's personal data is erased: which erasure, why, when."""
CLOSED_AT = "closed_at"
REOPENED_AT = "reopened_at"
"""The latest closure and reopening: closed while `reopened_at` is older than `closed_at` (retention runs from it)."""
RECORD_EXPIRED = "record_expired_at"
"""Set when the record's retention ended and its `ComplaintRecordExpired` was queued: deleted once that is out."""
OWNER_TEAM = "owner_team"
OWNER_AS_OF = "owner_as_of"
"""The owning team as an earlier version kept it in the complaint (now each decision is a followed event)."""
FILED = ("title", "description")
"""What the customer's status page shows of the complaint as filed."""
KEY_ID = "personal_data_key"
"""Where the complaint as filed names the key it was sealed with."""


def entry_document(entry: TimelineEntry) -> dict[str, Any]:
    """An entry as stored (JSON types: amounts stay exact decimal strings)."""
    return entry.model_dump(mode="json")


def entry_update(entry: TimelineEntry) -> dict[str, Any]:
    """The update that adds an entry of the customer's own to the complaint (its version moves on, so a concurrent
    action is noticed)."""
    return {"$push": {ENTRIES: entry_document(entry)}, "$inc": {VERSION: 1}}


def closure_update(entry: TimelineEntry) -> dict[str, Any] | None:
    """The update that remembers a closure or reopening (the latest of each) for retention; None for other entries."""
    moments = {Milestone.CLOSED: CLOSED_AT, Milestone.REOPENED: REOPENED_AT}
    return {"$max": {moments[entry.milestone]: entry.at}} if entry.milestone in moments else None


def complaint_document(complaint: NewComplaint, key: DataKey, *, consumed: bool = False) -> dict[str, Any]:
    """The document of a new complaint, personal data sealed with `key`, its received event queued in its outbox;
    or, for a complaint a consumed record caused (`consumed`: a partner's submission), kept with the document for the
    handler to publish before its offsets commit (see the chassis' caused.py)."""
    received = complaint.received.model_copy(update={"personal_data_key": key.id})
    seal = sealing(key)
    keys = {"idempotency_key": complaint.idempotency_key, "request_hash": complaint.request_hash,
            "source_system": received.source_system, "external_reference": received.external_reference,
            "access_code_hash": complaint.access_code_hash}
    document = {"_id": received.complaint_id, "tracking_number": received.tracking_number,
                "channel": received.channel.value, "received_at": received.received_at,
                "complaint": seal(ComplaintReceived, received.model_dump(mode="json")),
                SUBJECT: complaint.subject.id, SUBJECT_REFS: list(complaint.subject.refs),
                ENTRIES: [entry_document(e) for e in complaint.entries()], VERSION: 0,
                **{k: v for k, v in keys.items() if v is not None}}
    events = [received, *complaint.announcements]
    if consumed:
        return {**document, CAUSED: caused_events(events, seal)}
    return new_document(document, events, personal=seal)


def customer_record(document: dict[str, Any], followed: Iterable[Followed] = ()) -> CustomerRecord:
    """What the customer's side needs of a stored complaint and the events followed about it."""
    mark = document.get(ERASED)
    return CustomerRecord(complaint_id=document["_id"], tracking_number=document["tracking_number"],
                          access_code_hash=document.get("access_code_hash"),
                          entries=timeline_of(own_entries(document), followed),
                          version=document.get(VERSION, 0), subject=document[SUBJECT],
                          filed={name: document["complaint"][name] for name in FILED},
                          key_id=document["complaint"].get(KEY_ID),
                          erased=None if mark is None else ErasureMark(at=mark["at"], reason=mark["reason"]))


def own_entries(document: dict[str, Any]) -> list[TimelineEntry]:
    """The entries kept in a complaint's document (with those of followed events, when an earlier version kept
    them there)."""
    return [TimelineEntry.model_validate(e) for e in document.get(ENTRIES, [])]


def owner(document: dict[str, Any], followed: Iterable[Followed]) -> tuple[str, datetime] | None:
    """The team the latest decision names, and as of when (an earlier version kept it in the complaint's document)."""
    legacy = [(document[OWNER_TEAM], document[OWNER_AS_OF])] if document.get(OWNER_TEAM) is not None else []
    return latest_owner([*legacy, *((f.team, f.at) for f in followed if f.team is not None)])


def exported_record(document: dict[str, Any], followed: Sequence[Followed]) -> dict[str, Any]:
    """A complaint as an access export shows it (`document` read with the export's projection): the whole timeline,
    and the owning team of the latest decision."""
    record = {k: v for k, v in document.items() if k not in ("_id", OWNER_TEAM, OWNER_AS_OF)}
    record[ENTRIES] = [entry_document(e) for e in timeline_of(own_entries(document), followed)]
    if (latest := owner(document, followed)) is not None:
        record[OWNER_TEAM], record[OWNER_AS_OF] = latest
    return record


def stored_filing(document: dict[str, Any]) -> StoredFiling:
    """An earlier HTTP filing, as its replay needs it: the receipt shows no personal data, so it stays unopened
    (personal values read as erased)."""
    return StoredFiling(complaint_id=document["_id"], request_hash=document.get("request_hash"),
                        received=ComplaintReceived.model_validate(erase_sealed(ComplaintReceived,
                                                                                 document["complaint"])))


def contact_on_file(document: dict[str, Any]) -> ContactOnFile:
    """The contact routes of a stored complaint, as blind indexes."""
    return ContactOnFile(complaint_id=document["_id"], tracking_number=document["tracking_number"],
                         subject=document[SUBJECT], refs=tuple(document.get(SUBJECT_REFS, ())),
                         key_id=(document.get("complaint") or {}).get(KEY_ID), erased=document.get(ERASED) is not None)


def download_document(download: Download) -> dict[str, Any]:
    """One audit record of a download (no content, no client address)."""
    return {"attachment_id": download.attachment_id, "complaint_id": download.complaint_id, "at": download.at,
            "by": download.by, "roles": list(download.roles)}
