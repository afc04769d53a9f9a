from datetime import timedelta

from analytics.domain.export import EXPORT_COLUMNS, export_row, export_rows
from analytics.domain.projections import build_facts

from tests.unit.analytics.builders import erased, received, routed


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


def test_rows_come_by_receipt_then_complaint_whatever_order_the_facts_came_in(story):
    late, early, tied = "c-late-0001", "c-early-0002", "c-tied-0003"
    facts = build_facts([received(late, story.monday + timedelta(days=1)), routed("c-unrec-0004", story.monday),
                         received(tied, story.monday), received(early, story.monday)])
    assert [row["complaint_id"] for row in export_rows(facts)] == [early, tied, late, "c-unrec-0004"]
    assert export_rows(reversed(facts)) == export_rows(facts)
