"""The CSV export: case columns for everyone allowed, the customer's details only where allowed, and no cell a
spreadsheet would run as a formula."""

import csv
import io

from resolution.domain.complaint import details_from
from resolution.domain.export import CASE_COLUMNS, PERSONAL_COLUMNS, export_row, to_csv
from resolution.domain.queue import CaseSummary
from resolution.domain.search import CaseLine

from tests.unit.resolution.builders import make_received, open_case_in


def line(**extra):
    return CaseLine(**dict(CaseSummary.of(open_case_in())), tracking_number="CMP-7K3Q-9XWA-F", **extra)


def read(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_rows_carry_the_customer_only_where_personal_data_may_be_seen():
    details = details_from(make_received(phone="+375291234567"))

    allowed = export_row(line(title="Refund not received"), details, personal=True)
    withheld = export_row(line(title="Refund not received"), details, personal=False)
    [row] = read(to_csv([allowed], personal=True))

    assert (row["customer_email"], row["customer_phone"], row["tracking_number"]) == (
        "alesia@example.org", "+375291234567", "CMP-7K3Q-9XWA-F")
    assert (row["state"], row["product"], row["channel"]) == ("opened", "parcel-delivery", "web")
    assert not set(PERSONAL_COLUMNS) & set(withheld)
    assert list(read(to_csv([withheld], personal=False))[0]) == list(CASE_COLUMNS)


def test_a_cell_that_would_be_a_formula_is_quoted_a_signed_number_is_not():
    rows = read(to_csv([export_row(line(title=title), None, personal=False)
                        for title in ('=HYPERLINK("http://x")', "+SUM(A1)", "@cmd", "-12.50", "+44 20 7946 0000")],
                       personal=False))

    assert [row["title"] for row in rows] == [
        "'=HYPERLINK(\"http://x\")", "'+SUM(A1)", "'@cmd", "-12.50", "+44 20 7946 0000"]
