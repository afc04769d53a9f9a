"""Where what the complaint says and what its customer wrote live: `complaints` (one document per complaint: its
details, the keys it is found by and the words of its text) and `conversation` (one document per thing the customer
said). Both are written by inserts and idempotent updates keyed by the complaint or the event, so they need nothing
from the case and lose nothing whichever comes first.

Implements domain.ports.ComplaintRecords; every read returns domain objects."""

import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from complaints_chassis.among import delete_among, find_among, update_among
from complaints_chassis.bulk import insert_new
from pymongo import ASCENDING, DESCENDING, UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from ..domain.complaint import ComplaintDetails, Erasure
from ..domain.conversation import ConversationEntry
from ..domain.erasure import ErasedComplaint
from ..domain.ports import FoundComplaints
from ..domain.search import SearchKeys
from ..domain.search_keys import email_key, phone_key, reference_key, words_of

DETAILS = {"details": 1, "erasure": 1}
"""Projection of a complaint's details: the erasure is kept beside them and read with them."""


def _key(kind: str, value: str | None) -> str | None:
    """A key as stored: its kind (t: tracking number, e: e-mail, p: phone, r: customer reference) and the value
    normalised as search_keys does."""
    return f"{kind}:{value}" if value else None


def customer_keys(details: ComplaintDetails) -> list[str]:
    """The keys that name the customer: e-mail, phone, customer reference (those given)."""
    customer = details.customer
    keys = (_key("e", email_key(customer.email)), _key("p", phone_key(customer.phone)),
            _key("r", reference_key(customer.customer_ref)))
    return [key for key in keys if key]


def details_fields(details: ComplaintDetails) -> dict[str, Any]:
    """The stored fields of a complaint's details: the details as they are, and the keys it is found by (one
    multikey index serves them all: each key is prefixed with its kind)."""
    return {"details": details.model_dump(mode="json", exclude={"erasure"}), "product": details.product,
            "received_at": details.received_at,
            "keys": [key for key in (_key("t", reference_key(details.tracking_number)), *customer_keys(details))
                     if key]}


def _details(document: dict[str, Any]) -> ComplaintDetails:
    return ComplaintDetails.model_validate({**document["details"], "erasure": document.get("erasure")})


def _erased_fields(erased: ErasedComplaint) -> dict[str, Any]:
    """What an erased complaint keeps: its details without personal data and the words of what is left of them
    (its product: the title, description and remedy in the customer's words are erased), found only by tracking
    number; or no keys or words at all without details."""
    fields: dict[str, Any] = {"erasure": erased.erasure.model_dump(mode="json"), "keys": [], "words": []}
    if erased.details is not None:
        fields |= details_fields(erased.details)
        fields["words"] = words_of(erased.details.searchable_texts())
    return fields


def _add_words(complaint_id: str, words: list[str], fields: dict[str, Any] | None = None) -> UpdateOne:
    update: dict[str, Any] = {"$addToSet": {"words": {"$each": words}}}
    if fields:
        update["$set"] = fields
    return UpdateOne({"_id": complaint_id}, update, upsert=True)


class MongoComplaintRecords:
    def __init__(self, db: AsyncDatabase) -> None:
        self.complaints: AsyncCollection = db["complaints"]
        self.conversation: AsyncCollection = db["conversation"]

    async def ensure_indexes(self) -> None:
        """Index every key a complaint is found by, its words, and the conversation by complaint."""
        for key in ("keys", "words"):
            await self.complaints.create_index([(key, ASCENDING)], name=key)
        await self.complaints.create_index([("product", ASCENDING), ("received_at", ASCENDING)], name="product")
        await self.conversation.create_index([("complaint_id", ASCENDING), ("at", ASCENDING)], name="by_complaint")

    async def record_details(self, details: Sequence[ComplaintDetails]) -> None:
        """Insert each complaint's document; one stored already (the customer wrote first, an erasure came first,
        or a redelivery) gets the details set and the words added instead. An insert first: it is the usual case,
        and far cheaper for the store than an upsert."""
        words = {d.complaint_id: words_of(d.searchable_texts()) for d in details}
        inserted = await insert_new(self.complaints, [{"_id": d.complaint_id, **details_fields(d),
                                                       "words": words[d.complaint_id]} for d in details])
        stored = [d for d, new in zip(details, inserted, strict=True) if not new]
        if stored:
            await self.complaints.bulk_write([_add_words(d.complaint_id, words[d.complaint_id], details_fields(d))
                                              for d in stored])

    async def add_customer_entries(self, entries: list[ConversationEntry]) -> None:
        if not entries:
            return
        await insert_new(self.conversation, [{"_id": e.entry_id, "complaint_id": e.complaint_id, "at": e.at,
                                              "entry": e.model_dump(mode="json")} for e in entries])
        by_complaint: dict[str, list[str | None]] = {}
        for entry in entries:
            by_complaint.setdefault(entry.complaint_id, []).append(entry.text)
        # $addToSet: a redelivered entry adds no word twice.
        await self.complaints.bulk_write([_add_words(cid, words_of(texts)) for cid, texts in by_complaint.items()],
                                         ordered=False)

    async def details(self, complaint_id: str) -> ComplaintDetails | None:
        doc = await self.complaints.find_one({"_id": complaint_id, "details": {"$exists": True}}, DETAILS)
        return _details(doc) if doc else None

    async def details_of(self, complaint_ids: Iterable[str]) -> dict[str, ComplaintDetails]:
        docs = await find_among(self.complaints, "_id", complaint_ids, query={"details": {"$exists": True}},
                                projection=DETAILS)
        return {d["_id"]: _details(d) for d in docs}

    async def customer_entries(self, complaint_ids: Iterable[str]) -> list[ConversationEntry]:
        docs = await self.conversation.find({"complaint_id": {"$in": list(complaint_ids)}}).sort(
            "at", ASCENDING).to_list()
        return [ConversationEntry.model_validate(d["entry"]) for d in docs]

    async def find(self, *, keys: SearchKeys, limit: int) -> FoundComplaints:
        query: list[dict[str, Any]] = [{"keys": key} for key in (
            _key("t", keys.tracking_number), _key("e", keys.email), _key("p", keys.phone)) if key]
        # A query word matches the stored words it begins (the multikey index serves the anchored prefix).
        query += [{"words": {"$regex": "^" + re.escape(word)}} for word in keys.words]
        if not query:
            raise ValueError("no key or word to find complaints by")
        docs = await self.complaints.find({"$and": query}, {"_id": 1}).limit(limit + 1).to_list()
        return FoundComplaints({d["_id"] for d in docs[:limit]}, truncated=len(docs) > limit)

    async def same_customer(self, *, details: ComplaintDetails, limit: int) -> list[str]:
        keys = customer_keys(details)
        if not keys:
            return []
        docs = await self.complaints.find({"keys": {"$in": keys}, "_id": {"$ne": details.complaint_id}},
                                          {"_id": 1}).sort("received_at", DESCENDING).limit(limit).to_list()
        return [d["_id"] for d in docs]

    async def received_ids(self, *, product: str, since: datetime, until: datetime) -> set[str]:
        docs = await self.complaints.find({"product": product, "received_at": {"$gte": since, "$lt": until}},
                                          {"_id": 1}).to_list()
        return {d["_id"] for d in docs}

    async def erasures(self, complaint_ids: Iterable[str]) -> dict[str, Erasure]:
        docs = await find_among(self.complaints, "_id", complaint_ids, query={"erasure": {"$exists": True}},
                                projection={"erasure": 1})
        return {d["_id"]: Erasure.model_validate(d["erasure"]) for d in docs}

    async def erase(self, erased: list[ErasedComplaint]) -> None:
        if not erased:
            return
        # The erasure is kept beside the details (not in them): a receipt replayed later replaces the details
        # with what a reader without keys sees, and the complaint still shows as erased.
        await self.complaints.bulk_write([UpdateOne({"_id": e.complaint_id}, {"$set": _erased_fields(e)}, upsert=True)
                                          for e in erased], ordered=False)
        await update_among(self.conversation, "complaint_id", [e.complaint_id for e in erased],
                           {"$set": {"entry.text": None, "entry.erased": True}})

    async def delete(self, complaint_ids: Iterable[str]) -> None:
        ids = sorted(set(complaint_ids))
        if ids:
            await delete_among(self.complaints, "_id", ids)
            await delete_among(self.conversation, "complaint_id", ids)
