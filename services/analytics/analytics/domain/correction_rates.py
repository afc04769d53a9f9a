"""How often staff correct routing's assessment: per category routing gave, per language of the text, and in all.

The complaints counted are those routed in the period (by routing's time); a correction counts whenever it was
made, once per complaint and once per field however often that field was changed. A complaint counts under the
category routing gave it, not the corrected one, so a category's rate says how often routing's answer was wrong.
"""

from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from .facts import CORRECTABLE_FIELDS, ComplaintFact
from .kpis import UNKNOWN
from .outcome_kpis import rate

CorrectionDimension = Literal["category", "language", "all"]
ALL = "all"
"""The value of the totals row."""


class CorrectionRow(BaseModel):
    dimension: CorrectionDimension = Field(description="category (routing's), language (of the text) or all")
    value: str = Field(description="The category or language (`unknown` when not known), or `all`")
    routed: int = Field(description="Complaints routed in the period")
    corrected: int = Field(description="Of those, complaints whose assessment staff corrected")
    percent: float | None = Field(description="corrected / routed × 100 (none when nothing was routed)")
    kind_corrected: int = Field(description="Complaints whose kind was corrected")
    category_corrected: int = Field(description="Complaints whose category was corrected")
    priority_corrected: int = Field(description="Complaints whose priority was corrected")
    department_corrected: int = Field(description="Complaints whose department was corrected")


def routed_between(fact: ComplaintFact, start: datetime | None, end: datetime | None) -> bool:
    """Whether routing assessed the complaint in [start, end) (either end open when None)."""
    routed = fact.routing.at if fact.routing else None
    return routed is not None and (start is None or routed >= start) and (end is None or routed < end)


def correction_rates(*, facts: Iterable[ComplaintFact], start: datetime | None = None,
                     end: datetime | None = None) -> list[CorrectionRow]:
    """Count routed and corrected complaints per routing category, per text language and in all."""
    counts: Counter[tuple[CorrectionDimension, str, str]] = Counter()
    for fact in facts:
        if fact.routing is None or not routed_between(fact, start, end):
            continue
        changed = ["corrected", *fact.correction.fields] if fact.correction else []
        groups: list[tuple[CorrectionDimension, str]] = [
            ("category", str(fact.routing.category)), ("language", str(fact.text_language or UNKNOWN)), ("all", ALL)]
        for dimension, value in groups:
            counts[(dimension, value, "routed")] += 1
            for what in changed:
                counts[(dimension, value, what)] += 1
    groups_seen = sorted({(dimension, value) for dimension, value, _ in counts},
                         key=lambda group: (("category", "language", "all").index(group[0]), group[1]))
    return [_row(dimension, value, counts) for dimension, value in groups_seen] or [_row("all", ALL, counts)]


def _row(dimension: CorrectionDimension, value: str, counts: Counter[tuple[CorrectionDimension, str, str]]
         ) -> CorrectionRow:
    routed, corrected = counts[(dimension, value, "routed")], counts[(dimension, value, "corrected")]
    per_field = {f"{name}_corrected": counts[(dimension, value, name)] for name in CORRECTABLE_FIELDS}
    return CorrectionRow(dimension=dimension, value=value, routed=routed, corrected=corrected,
                         percent=rate(corrected, routed).percent, **per_field)
