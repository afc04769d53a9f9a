"""The metric catalogue, the table of deploy/prometheus/README.md: every metric the deployment queries, its type,
labels and the services that export it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .deploy import SERVICES

HISTOGRAM_SUFFIXES = ("_bucket", "_sum", "_count")


@dataclass(frozen=True)
class CatalogueRow:
    metric: str
    type: str
    labels: frozenset[str]
    exported_by: tuple[str, ...]
    """Service names; empty for a series Prometheus makes itself."""


def read_catalogue(readme: Path) -> dict[str, CatalogueRow]:
    """The metric table of deploy/prometheus/README.md: metric → its row."""
    rows: dict[str, CatalogueRow] = {}
    for line in readme.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 5 or not cells[0].startswith("`"):
            continue
        metric, kind, labels, exporter = cells[0].strip("`"), cells[1], cells[2], cells[3]
        if metric in rows:
            raise ValueError(f"{metric} is listed twice")
        rows[metric] = CatalogueRow(metric, kind, frozenset(x.strip() for x in labels.split(",") if x.strip()),
                                    _exporters(metric, exporter))
    return rows


def _exporters(metric: str, cell: str) -> tuple[str, ...]:
    """`every service (chassis)`, `Prometheus` or a list of services (remarks in parentheses ignored)."""
    if cell.lower().startswith("every service"):
        return SERVICES
    if cell.lower().startswith("prometheus"):
        return ()
    exported_by = tuple(name.strip() for name in re.sub(r"\(.*?\)", "", cell).split(","))
    unknown = set(exported_by) - set(SERVICES)
    if unknown:
        raise ValueError(f"{metric}: exported by unknown services {sorted(unknown)}")
    return exported_by


def catalogue_name(series: str, histograms: set[str] | frozenset[str]) -> str:
    """The catalogue's name of a queried series: a histogram's `_bucket`/`_sum`/`_count` belong to its base."""
    for suffix in HISTOGRAM_SUFFIXES:
        base = series.removesuffix(suffix)
        if base != series and base in histograms:
            return base
    return series
