from datetime import timedelta

from analytics.domain.export import EXPORT_COLUMNS, export_row


def test_an_export_row_has_every_column_and_sums_payments(five):
    row = export_row(five["E"])
    assert tuple(row) == EXPORT_COLUMNS
    assert row["redress_paid"] == "GBP 30.00"
    assert row["state"] == "resolved"
    assert row["resolved_at"] - row["received_at"] == timedelta(days=40)
