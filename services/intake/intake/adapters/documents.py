"""Complaint documents as MongoDB holds them, to and from the domain's objects.

Optional keys (idempotency key, submitting system and reference) are left out of a document rather than set to
null, so the sparse unique indexes on them ignore documents that lack them.
"""

from typing import Any

from complaint_contracts import ComplaintReceived
from complaints_chassis.outbox import new_document

from ..domain.complaint import ContactOnFile, CustomerRecord, Download, NewComplaint, StoredFiling
from ..domain.timeline import TimelineEntry

ENTRIES = "entries"
VERSION = "version"


def entry_document(entry: TimelineEntry) -> dict[str, Any]:
    """An entry as stored (JSON types: amounts stay exact decimal strings)."""
    return entry.model_dump(mode="json")


def complaint_document(complaint: NewComplaint) -> dict[str, Any]:
    """The document of a new complaint, its received event queued in its outbox."""
    received = complaint.received
    keys = {"idempotency_key": complaint.idempotency_key, "request_hash": complaint.request_hash,
            "source_system": received.source_system, "external_reference": received.external_reference,
            "access_code_hash": complaint.access_code_hash}
    document = {"_id": received.complaint_id, "tracking_number": received.tracking_number,
                "channel": received.channel.value, "received_at": received.received_at,
                "complaint": received.model_dump(mode="json"),
                ENTRIES: [entry_document(e) for e in complaint.entries()], VERSION: 0,
                **{k: v for k, v in keys.items() if v is not None}}
    return new_document(document, [received, *complaint.announcements])


def customer_record(document: dict[str, Any]) -> CustomerRecord:
    """What the customer's side needs of a stored complaint."""
    return CustomerRecord(complaint_id=document["_id"], tracking_number=document["tracking_number"],
                          access_code_hash=document.get("access_code_hash"),
                          entries=tuple(TimelineEntry.model_validate(e) for e in document.get(ENTRIES, [])),
                          version=document.get(VERSION, 0))


def stored_filing(document: dict[str, Any]) -> StoredFiling:
    """An earlier HTTP filing, as its replay needs it."""
    return StoredFiling(complaint_id=document["_id"], request_hash=document.get("request_hash"),
                        received=ComplaintReceived.model_validate(document["complaint"]))


def contact_on_file(document: dict[str, Any]) -> ContactOnFile:
    """The contact routes of a stored complaint, as filed."""
    customer = document["complaint"]["customer"]
    return ContactOnFile(complaint_id=document["_id"], tracking_number=document["tracking_number"],
                         email=customer.get("email"), phone=customer.get("phone"))


def download_document(download: Download) -> dict[str, Any]:
    """One audit record of a download (no content, no client address)."""
    return {"attachment_id": download.attachment_id, "complaint_id": download.complaint_id, "at": download.at,
            "by": download.by, "roles": list(download.roles)}
