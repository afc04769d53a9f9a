"""Mapping to MongoDB: money as exact decimals, filters only on indexed fields, updates only commutative."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import bson
from analytics.adapters.documents import CODEC_OPTIONS, FILTERED_FIELDS, fact_query, update_document
from analytics.domain.projections import batch_updates
from analytics.domain.selection import FactFilter

CID = "c-story-0001"


def test_money_round_trips_through_bson_as_an_exact_decimal():
    document = {"amount": Decimal("0.10"), "at": datetime(2026, 3, 2, 9, tzinfo=UTC)}
    raw = bson.encode(document, codec_options=CODEC_OPTIONS)
    assert isinstance(bson.decode(raw)["amount"], bson.Decimal128)
    decoded = bson.decode(raw, codec_options=CODEC_OPTIONS)
    assert decoded == document
    assert decoded["at"].tzinfo is not None


def test_a_filter_queries_only_indexed_fields():
    selection = FactFilter(received_from=datetime(2026, 1, 1, tzinfo=UTC), received_before=datetime(2026, 2, 1,
                           tzinfo=UTC), product="router-x", channel="web", jurisdiction="GB", category="billing",
                           priority="high", regime="uk_fca_disp", department="support")
    query = fact_query(selection)
    assert set(query) <= set(FILTERED_FIELDS)
    assert query["received_at"] == {"$gte": selection.received_from, "$lt": selection.received_before}
    assert query["routing.priority"] == "high"
    assert fact_query(FactFilter()) == {}


def test_mongo_update_uses_only_commutative_operators(story):
    [update] = batch_updates(story.full(CID))
    document = update_document(update)
    assert set(document) == {"$setOnInsert", "$set", "$min", "$max"}
    assert document["$setOnInsert"] == {"complaint_id": CID}
    assert document["$min"]["acknowledged_at"] == story.monday + timedelta(hours=2)
