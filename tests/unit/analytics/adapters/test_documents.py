"""Mapping to MongoDB: money as exact decimals, filters served by an index, updates only commutative."""

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import bson
import pytest
from analytics.adapters.documents import (
    BY_PRODUCT,
    BY_RECEIPT,
    CODEC_OPTIONS,
    INDEXES,
    as_stored,
    fact_index,
    fact_query,
    update_document,
)
from analytics.domain.projections import batch_updates
from analytics.domain.selection import FactFilter, in_jurisdiction

CID = "c-story-0001"


def test_money_round_trips_through_bson_as_an_exact_decimal():
    document = {"amount": Decimal("0.10"), "at": datetime(2026, 3, 2, 9, tzinfo=UTC)}
    raw = bson.encode(document, codec_options=CODEC_OPTIONS)
    assert isinstance(bson.decode(raw)["amount"], bson.Decimal128)
    decoded = bson.decode(raw, codec_options=CODEC_OPTIONS)
    assert decoded == document
    assert decoded["at"].tzinfo is not None


def test_a_filter_becomes_a_query_on_the_document_paths():
    selection = FactFilter(received_from=datetime(2026, 1, 1, tzinfo=UTC), received_before=datetime(2026, 2, 1,
                           tzinfo=UTC), product="router-x", channel="web", jurisdiction="GB", category="billing",
                           priority="high", regime="uk_fca_disp", department="support")
    query = fact_query(selection)
    assert query["received_at"] == {"$gte": selection.received_from, "$lt": selection.received_before}
    assert query["routing.priority"] == "high"
    assert fact_query(FactFilter()) == {}


@pytest.mark.parametrize("selected", ["GB", "GB-SCT", "GB-EDH", "ES-CT", "DE"])
def test_a_jurisdiction_selects_in_the_store_what_it_selects_in_memory(selected):
    condition = fact_query(FactFilter(jurisdiction=selected))["jurisdiction"]
    stored = ("GB", "GB-ENG", "GB-SCT", "GB-EDH", "GBR", "DE", "DE-BY", "ES-B", "ES-CT", "XGB")

    if isinstance(condition, dict) and "$regex" in condition:
        matched = {value for value in stored if re.search(condition["$regex"], value)}
    elif isinstance(condition, dict):
        matched = {value for value in stored if value in condition["$in"]}
    else:
        matched = {value for value in stored if value == condition}

    assert matched == {value for value in stored if in_jurisdiction(value, selected)}
    assert fact_query(FactFilter(jurisdiction="DE-BY")) == {"jurisdiction": "DE-BY"}


def test_a_filter_names_the_index_that_leads_with_what_it_selects_by():
    january = datetime(2026, 1, 1, tzinfo=UTC)
    assert fact_index(FactFilter(received_before=january, category="billing")) == BY_RECEIPT
    assert fact_index(FactFilter(received_from=january, product="router-x")) == BY_PRODUCT
    assert fact_index(FactFilter(category="billing")) is None
    for name in (BY_RECEIPT, BY_PRODUCT):
        assert INDEXES[name][0][0] in fact_query(FactFilter(received_from=january, product="router-x"))


def test_a_document_as_stored_has_whole_milliseconds():
    at = datetime(2026, 3, 2, 9, 0, 0, 123456, tzinfo=UTC)
    assert as_stored({"a": {"at": at}, "b": [at], "c": 1}) == {"a": {"at": at.replace(microsecond=123000)},
                                                                "b": [at.replace(microsecond=123000)], "c": 1}


def test_mongo_update_uses_only_commutative_operators(story):
    [update] = batch_updates(story.full(CID))
    document = update_document(update)
    assert set(document) == {"$setOnInsert", "$set", "$min", "$max"}
    assert document["$setOnInsert"] == {"complaint_id": CID}
    assert document["$min"]["acknowledged_at"] == story.monday + timedelta(hours=2)
