"""Reports to the regulator (FDA medical device reports) on the case page: whether the form is worth offering, and
which types of report make sense now.

Resolution records a report only on a case with a regulatory MDR deadline and a supplemental report only after
an initial one; the page offers neither when it could only be refused.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from .desk_labels import REPORT_TYPES

MDR_DEADLINE_PREFIX = "mdr_"
INITIAL_REPORTS = frozenset({"mdr_30_day", "mdr_5_day"})
"""Reports that start a reporting duty's paper trail; a supplemental report adds to one of them."""


def has_reporting_duty(deadlines: Iterable[Mapping[str, Any]]) -> bool:
    """Tell whether the case has an MDR deadline on the regulatory clock (the only kind a report meets)."""
    return any(d.get("clock") == "regulatory" and str(d.get("name", "")).startswith(MDR_DEADLINE_PREFIX)
               for d in deadlines)


def report_types(reports: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """The types of report the form offers (code → words): supplemental only once an initial report is on file."""
    if any(r.get("report_type") in INITIAL_REPORTS for r in reports):
        return dict(REPORT_TYPES)
    return {code: words for code, words in REPORT_TYPES.items() if code in INITIAL_REPORTS}
