"""Nine complaints whose correction rates are computed by hand (period: March 2026, by routing time).

In the period (routed from 1 March 00:00 included to 1 April 00:00 excluded):
- A billing, declared en: category and priority corrected.
- B billing, declared en, text detected ru: never corrected.
- C billing, declared ru: category corrected twice (and the first correction delivered twice): counts once.
- D delivery, text detected be, routed an enquiry: kind corrected.
- E delivery, declared en, received 28 February, routed at 1 March 00:00 (the period's start): never corrected.
- H billing, declared en, routed 31 March 23:00, department corrected on 3 April (after the period: still counts).
Outside it: F routed 20 February (corrected), G received but never routed (yet corrected), I routed at 1 April 00:00.

By hand, (routed, corrected, percent, kind, category, priority, department):
- billing: A B C H → 4, 3 (A C H), 75.0, 0, 2 (A C), 1 (A), 1 (H); delivery: D E → 2, 1, 50.0, 1, 0, 0, 0.
- be: D → 1, 1, 100.0, kind 1; en: A E H → 3, 2, 66.67, 0, 1, 1, 1; ru: B C → 2, 1, 50.0, category 1.
- all: 6, 4, 66.67, 1, 2, 1, 1.
"""

from datetime import UTC, datetime, timedelta

from complaint_contracts.base import Event

from tests.unit.analytics.builders import corrected, received, routed

MARCH, APRIL = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC)
DAY, HOUR = timedelta(days=1), timedelta(hours=1)


def correction_story(token: str = "rate") -> list[Event]:
    """The events of the nine complaints (ids `c-<token>-a` … `c-<token>-i`)."""
    a, b, c, d, e, f, g, h, i = (f"c-{token}-{letter}" for letter in "abcdefghi")
    t = MARCH + 9 * DAY
    first_c = corrected(c, t + 3 * HOUR, category="delivery")
    return [
        received(a, t), routed(a, t + HOUR), corrected(a, t + 4 * HOUR, category="delivery", priority="high"),
        received(b, t), routed(b, t + HOUR, text_language="ru"),
        received(c, t, language="ru"), routed(c, t + HOUR), first_c, first_c,
        corrected(c, t + 2 * DAY, step="corrected-2", gave={"category": "delivery"}, category="product_quality"),
        received(d, t, language="en"), routed(d, t + HOUR, category="delivery", kind="enquiry", text_language="be"),
        corrected(d, t + 5 * HOUR, gave={"kind": "enquiry", "category": "delivery"}, kind="complaint"),
        received(e, MARCH - HOUR), routed(e, MARCH, category="delivery"),
        received(f, MARCH - 10 * DAY), routed(f, MARCH - 9 * DAY), corrected(f, MARCH + DAY, priority="low"),
        received(g, t), corrected(g, t + DAY, category="delivery"),
        received(h, APRIL - 2 * HOUR), routed(h, APRIL - HOUR),
        corrected(h, APRIL + 2 * DAY, department="complaints_specialists"),
        received(i, APRIL - HOUR), routed(i, APRIL), corrected(i, APRIL + HOUR, category="delivery"),
    ]


EXPECTED = [
    # (dimension, value, routed, corrected, percent, kind, category, priority, department)
    ("category", "billing", 4, 3, 75.0, 0, 2, 1, 1),
    ("category", "delivery", 2, 1, 50.0, 1, 0, 0, 0),
    ("language", "be", 1, 1, 100.0, 1, 0, 0, 0),
    ("language", "en", 3, 2, 200 / 3, 0, 1, 1, 1),
    ("language", "ru", 2, 1, 50.0, 0, 1, 0, 0),
    ("all", "all", 6, 4, 400 / 6, 1, 2, 1, 1),
]
COLUMNS = ("dimension", "value", "routed", "corrected", "percent", "kind_corrected", "category_corrected",
           "priority_corrected", "department_corrected")


def as_tuples(rows: list[dict]) -> list[tuple]:
    """Rows (as dumped or answered in JSON) as tuples in the order of EXPECTED, percent rounded to 2 places."""
    return [tuple(round(row[name], 2) if name == "percent" and row[name] is not None else row[name]
                  for name in COLUMNS) for row in rows]


def expected_tuples() -> list[tuple]:
    return [tuple(round(value, 2) if n == 4 else value for n, value in enumerate(row)) for row in EXPECTED]
