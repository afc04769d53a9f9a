"""Mapping between the domain and MongoDB documents: the BSON codec, fact queries and fact updates.

Money is stored as Decimal128 (a codec turns `Decimal` into it and back), so sums stay exact and MongoDB can
add them in a pipeline; strings would sort and sum wrongly.
"""

import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from bson import Decimal128
from bson.binary import UuidRepresentation
from bson.codec_options import CodecOptions, TypeCodec, TypeRegistry
from complaints_calendar import subdivisions_within
from pymongo import ASCENDING, InsertOne, UpdateOne

from ..domain.fact_updates import FactUpdate
from ..domain.ids import fact_id
from ..domain.selection import FactFilter

BY_RECEIPT, BY_PRODUCT = "received_at_product", "product_received_at"
INDEXES: dict[str, list[tuple[str, int]]] = {
    BY_RECEIPT: [("received_at", ASCENDING), ("product", ASCENDING)],
    BY_PRODUCT: [("product", ASCENDING), ("received_at", ASCENDING)],
}
"""The reports select by period of receipt, and often by product: a period (with or without other filters), a
product (with or without a period) and the earliest receipt (the replay's coverage check) are each served by one of
these. The other filters (channel, category, priority…) take few values and are checked on the facts the index
finds; so is a period of routing (the correction rates), read through the receipt index bounded by the period's end
(nothing is routed before it is received). Every index costs each write of a fact, so there are no more. Queries
name their index (a hint): the embedded store scans the whole collection when a query names a field no index has,
even if another of its fields has one; MongoDB would choose the same index itself."""

LEGACY_INDEXES = ("received_at", "product", "channel", "jurisdiction", "routing_category", "routing_priority",
                  "routing_regime", "routing_kind", "assignment_department")
"""The single-field indexes earlier versions created (one per filtered field); dropped at start-up."""

_FILTER_PATHS = (("product", "product"), ("channel", "channel"), ("category", "routing.category"),
                 ("priority", "routing.priority"), ("regime", "routing.regime"),
                 ("department", "assignment.department"))
"""FactFilter attribute → the document path it matches exactly (the jurisdiction matches by country, see below)."""


class DecimalCodec(TypeCodec):
    python_type = Decimal
    bson_type = Decimal128

    def transform_python(self, value: Decimal) -> Decimal128:
        return Decimal128(value)

    def transform_bson(self, value: Decimal128) -> Decimal:
        return value.to_decimal()


CODEC_OPTIONS: CodecOptions = CodecOptions(type_registry=TypeRegistry([DecimalCodec()]), tz_aware=True, tzinfo=UTC,
                                           uuid_representation=UuidRepresentation.STANDARD)


def fact_query(selection: FactFilter) -> dict[str, Any]:
    """The MongoDB query selecting the facts of a filter."""
    query: dict[str, Any] = {}
    received = {op: at for op, at in (("$gte", selection.received_from), ("$lt", selection.received_before)) if at}
    if received:
        query["received_at"] = received
    routed = {op: at for op, at in (("$gte", selection.routed_from), ("$lt", selection.routed_before)) if at}
    if routed:
        query["routing.at"] = routed
    for name, path in _FILTER_PATHS:
        if getattr(selection, name) is not None:
            query[path] = getattr(selection, name)
    if selection.jurisdiction is not None:
        query["jurisdiction"] = jurisdiction_condition(selection.jurisdiction)
    return query


def jurisdiction_condition(selected: str) -> Any:
    """The condition on `jurisdiction` that `selection.in_jurisdiction` states: a country (GB) itself and every code
    under it, a subdivision (GB-SCT) itself and the subdivisions ISO 3166-2 lists in it (GB-EDH)."""
    if "-" not in selected:
        return {"$regex": f"^{re.escape(selected)}(-|$)"}
    inside = subdivisions_within(selected)
    return {"$in": [selected, *inside]} if inside else selected


def fact_index(selection: FactFilter) -> str | None:
    """The index that serves a filter (None: none does, every fact is read)."""
    if selection.product is not None:
        return BY_PRODUCT
    if selection.received_from is not None or selection.received_before is not None:
        return BY_RECEIPT
    return None


def update_document(update: FactUpdate) -> dict[str, Any]:
    """The MongoDB update document of a fact update (use with filter `{"_id": fact_id}` and `upsert=True`)."""
    document: dict[str, Any] = {"$setOnInsert": {"complaint_id": update.complaint_id}}
    for operator, paths in (("$set", update.set), ("$min", update.min), ("$max", update.max)):
        if paths:
            document[operator] = dict(paths)
    return document


def fact_filter(complaint_id: str) -> dict[str, Any]:
    """The MongoDB filter of one complaint's fact (its deterministic id)."""
    return {"_id": str(fact_id(complaint_id))}


def insert_request(document: dict[str, Any]) -> InsertOne:
    """Insert a fact not stored yet (cheaper than an upsert; a concurrent insert meets the duplicate key)."""
    return InsertOne(document)


def update_request(update: FactUpdate) -> UpdateOne:
    """Apply an update to a stored fact (upserting: a fact removed meanwhile is written again)."""
    return UpdateOne(fact_filter(update.complaint_id), update_document(update), upsert=True)


def as_stored(value: Any) -> Any:
    """A value as the store keeps it: BSON times have whole milliseconds (to compare with what was read back)."""
    if isinstance(value, datetime):
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    if isinstance(value, dict):
        return {key: as_stored(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_stored(item) for item in value]
    return value
