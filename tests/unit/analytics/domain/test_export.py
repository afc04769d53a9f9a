from datetime import timedelta

from analytics.domain.export import EXPORT_COLUMNS, export_row
from analytics.domain.projections import build_facts

from tests.unit.analytics.builders import erased


def test_an_export_row_has_every_column_and_sums_payments(five):
    row = export_row(five["E"])
    assert tuple(row) == EXPORT_COLUMNS
    assert row["redress_paid"] == "GBP 30.00"
    assert row["state"] == "resolved"
    assert row["resolved_at"] - row["received_at"] == timedelta(days=40)


def test_an_erased_complaint_says_when_in_its_row(story):
    events = story.full("c-gone-0001")
    [kept] = build_facts(events)
    [gone] = build_facts([*events, erased("c-gone-0001", story.monday + timedelta(days=9))])

    assert export_row(kept)["erased_at"] is None
    assert export_row(gone)["erased_at"] == story.monday + timedelta(days=9)
    assert {k: v for k, v in export_row(gone).items() if k != "erased_at"} == \
        {k: v for k, v in export_row(kept).items() if k != "erased_at"}
