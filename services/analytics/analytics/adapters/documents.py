"""Mapping between the domain and MongoDB documents: the BSON codec, fact queries and fact updates.

Money is stored as Decimal128 (a codec turns `Decimal` into it and back), so sums stay exact and MongoDB can
add them in a pipeline; strings would sort and sum wrongly.
"""

from datetime import UTC
from decimal import Decimal
from typing import Any

from bson import Decimal128
from bson.binary import UuidRepresentation
from bson.codec_options import CodecOptions, TypeCodec, TypeRegistry

from ..domain.fact_updates import FactUpdate
from ..domain.selection import FactFilter

FILTERED_FIELDS = ("received_at", "product", "channel", "jurisdiction", "routing.category", "routing.priority",
                   "routing.regime", "routing.kind", "assignment.department")
"""Every field a report filters on gets an index (a query without one scans the collection)."""

_FILTER_PATHS = (("product", "product"), ("channel", "channel"), ("jurisdiction", "jurisdiction"),
                 ("category", "routing.category"), ("priority", "routing.priority"), ("regime", "routing.regime"),
                 ("department", "assignment.department"))
"""FactFilter attribute → the document path it matches."""


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
    for name, path in _FILTER_PATHS:
        if getattr(selection, name) is not None:
            query[path] = getattr(selection, name)
    return query


def update_document(update: FactUpdate) -> dict[str, Any]:
    """The MongoDB update document of a fact update (use with filter `{"_id": fact_id}` and `upsert=True`)."""
    document: dict[str, Any] = {"$setOnInsert": {"complaint_id": update.complaint_id}}
    for operator, paths in (("$set", update.set), ("$min", update.min), ("$max", update.max)):
        if paths:
            document[operator] = dict(paths)
    return document
