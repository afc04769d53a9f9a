"""Commutative, idempotent updates of a fact document: the algebra that makes projections order-tolerant.

Every event becomes a `FactUpdate` made only of three operators whose results do not depend on order or
repetition: `set` (each path has exactly one writer event, so a duplicate writes the same value), `min` and
`max`. Latest-wins registers are embedded documents whose first keys are `at` then `event_id`, updated with
`max`: MongoDB compares embedded documents key by key, so `$max` keeps the latest with a deterministic tie-break,
exactly as `apply_update` does here. The store (`adapters/documents.py`) turns each update into one upserting
MongoDB update; a batch can be written unordered because the operators commute.
"""

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .ids import fact_id


def _order_key(value: Any) -> Any:
    if isinstance(value, Mapping):
        return tuple(_order_key(item) for item in value.values())
    return value


@dataclass(frozen=True)
class FactUpdate:
    """What one event (or a batch of events) changes in one complaint's fact document."""

    complaint_id: str
    set: Mapping[str, Any] = field(default_factory=dict)
    min: Mapping[str, Any] = field(default_factory=dict)
    max: Mapping[str, Any] = field(default_factory=dict)

    def merged(self, other: "FactUpdate") -> "FactUpdate":
        """Combine with another update of the same complaint; applying the result equals applying both."""
        if other.complaint_id != self.complaint_id:
            raise ValueError("cannot merge updates of different complaints")
        lower = dict(self.min)
        for path, value in other.min.items():
            lower[path] = value if path not in lower else min(lower[path], value, key=_order_key)
        upper = dict(self.max)
        for path, value in other.max.items():
            upper[path] = value if path not in upper else max(upper[path], value, key=_order_key)
        return FactUpdate(complaint_id=self.complaint_id, set={**self.set, **other.set}, min=lower, max=upper)


def merge_updates(updates: Iterable[FactUpdate]) -> list[FactUpdate]:
    """Fold a batch into one update per complaint, in first-seen order."""
    by_complaint: dict[str, FactUpdate] = {}
    for update in updates:
        current = by_complaint.get(update.complaint_id)
        by_complaint[update.complaint_id] = update if current is None else current.merged(update)
    return list(by_complaint.values())


def _parent_and_leaf(document: dict[str, Any], path: str) -> tuple[dict[str, Any], str]:
    *parents, leaf = path.split(".")
    node = document
    for part in parents:
        node = node.setdefault(part, {})
    return node, leaf


def apply_update(document: Mapping[str, Any] | None, update: FactUpdate) -> dict[str, Any]:
    """Apply an update to a fact document in memory, with MongoDB's semantics; returns a new document."""
    result = copy.deepcopy(dict(document or {}))
    result.setdefault("_id", str(fact_id(update.complaint_id)))
    result.setdefault("complaint_id", update.complaint_id)
    for path, value in update.set.items():
        node, leaf = _parent_and_leaf(result, path)
        node[leaf] = copy.deepcopy(value)
    for path, value in update.min.items():
        node, leaf = _parent_and_leaf(result, path)
        if leaf not in node or _order_key(value) < _order_key(node[leaf]):
            node[leaf] = copy.deepcopy(value)
    for path, value in update.max.items():
        node, leaf = _parent_and_leaf(result, path)
        if leaf not in node or _order_key(value) > _order_key(node[leaf]):
            node[leaf] = copy.deepcopy(value)
    return result
