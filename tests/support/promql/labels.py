"""The label check: which labels each sub-expression's series can carry, and every label an expression matches,
groups by, joins on or copies that cannot be there (an alert on it would never fire)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .tree import (
    Aggregation,
    Binary,
    Call,
    Expr,
    MatrixSelector,
    Modified,
    NumberLiteral,
    Paren,
    PromQLError,
    StringLiteral,
    Subquery,
    Unary,
    VectorMatching,
    VectorSelector,
)

SCALAR_FUNCTIONS = frozenset({"time", "pi", "scalar", "day_of_month", "day_of_week", "day_of_year",
                              "days_in_month", "hour", "minute", "month", "year"})
"""Functions whose result has no labels (the date functions without an argument read the evaluation time)."""
_SET_OPERATORS = frozenset({"and", "or", "unless"})
_COMPARISONS = frozenset({"==", "!=", "<=", "<", ">=", ">"})

LabelsOf = Callable[[str], frozenset[str] | None]
"""Metric name → the label names its series carry once scraped (target labels included); None when unknown."""


def check_labels(expr: Expr, labels_of: LabelsOf) -> list[str]:
    """Every label the expression matches, groups by, joins on or copies that its series cannot carry."""
    check = LabelCheck(labels_of)
    check.labels(expr)
    return check.problems


@dataclass
class LabelCheck:
    """Walks an expression, working out which labels each sub-expression's series can carry, and records every
    label that is matched, grouped by, joined on or copied but cannot be there."""

    labels_of: LabelsOf
    problems: list[str] = field(default_factory=list)
    used: set[tuple[str, str]] = field(default_factory=set)
    """(metric, label) pairs the expression relies on, directly on a selector."""

    def missing(self, labels: frozenset[str] | None, wanted: tuple[str, ...] | set[str], where: str) -> None:
        if labels is None:
            return
        for label in sorted(set(wanted) - labels):
            self.problems.append(f"{where}: label {label!r} is not on the series it applies to "
                                 f"(they carry {sorted(labels)})")

    def labels(self, expr: Expr) -> frozenset[str] | None:
        """The labels the result of `expr` can carry; None when unknown (a metric whose labels are unknown)."""
        match expr:
            case NumberLiteral() | StringLiteral():
                return frozenset()
            case VectorSelector(name=name, matchers=matchers):
                known = self.labels_of(name)
                for matcher in matchers:
                    self.used.add((name, matcher.label))
                if known is None:
                    return None
                # A negative matcher (or one that accepts "") also selects series without the label: no problem.
                needed = {m.label for m in matchers if m.op in ("=", "=~") and not m.accepts("")}
                self.missing(known, needed, f"selector of {name}")
                return known
            case MatrixSelector(vector=vector):
                return self.labels(vector)
            case Subquery(expr=inner) | Paren(expr=inner) | Modified(expr=inner) | Unary(expr=inner):
                return self.labels(inner)
            case Call():
                return self.call(expr)
            case Aggregation():
                return self.aggregation(expr)
            case Binary():
                return self.binary(expr)
        raise PromQLError(f"cannot work out the labels of {expr!r}")

    def call(self, expr: Call) -> frozenset[str] | None:
        function, args = expr.function, expr.args
        arg_labels = [self.labels(arg) for arg in args]
        if function in SCALAR_FUNCTIONS or function == "vector":
            return frozenset()
        if function == "absent" or function == "absent_over_time":
            inner = args[0].vector if isinstance(args[0], MatrixSelector) else args[0]
            if isinstance(inner, VectorSelector):
                return frozenset(m.label for m in inner.matchers if m.op == "=")
            return frozenset()
        if function == "histogram_quantile" or function == "histogram_fraction":
            values = arg_labels[-1]
            self.missing(values, {"le"}, function)
            return None if values is None else values - {"le"}
        if function == "label_replace":
            values = arg_labels[0]
            destination, source = _string(args[1]), _string(args[3])
            self.missing(values, {source} if source else set(), "label_replace source")
            return None if values is None else values | {destination}
        if function == "label_join":
            values = arg_labels[0]
            destination = _string(args[1])
            sources = {_string(arg) for arg in args[3:]}
            self.missing(values, sources, "label_join source")
            return None if values is None else values | {destination}
        if function in ("sort_by_label", "sort_by_label_desc"):
            self.missing(arg_labels[0], {_string(arg) for arg in args[1:]}, function)
        if not args:
            raise PromQLError(f"{function}() without arguments")
        # Every other function keeps the labels of its (first) vector argument; rate and increase included.
        vectors = [labels for arg, labels in zip(args, arg_labels, strict=True)
                   if not isinstance(arg, NumberLiteral | StringLiteral)]
        return vectors[0] if vectors else frozenset()

    def aggregation(self, expr: Aggregation) -> frozenset[str] | None:
        if expr.parameter is not None:
            self.labels(expr.parameter)
        inner = self.labels(expr.expr)
        self.missing(inner, expr.grouping, f"{expr.op} {'without' if expr.without else 'by'}")
        if expr.op in ("topk", "bottomk", "limitk", "limit_ratio"):
            return inner  # these select series, keeping every label
        if inner is None:
            return None if expr.without else frozenset(expr.grouping)
        result = inner - set(expr.grouping) if expr.without else frozenset(expr.grouping) & inner
        if expr.op == "count_values" and expr.parameter is not None:
            result |= {_string(expr.parameter)}
        return result

    def binary(self, expr: Binary) -> frozenset[str] | None:
        lhs, rhs = self.labels(expr.lhs), self.labels(expr.rhs)
        scalar_lhs, scalar_rhs = _is_scalar(expr.lhs), _is_scalar(expr.rhs)
        if scalar_lhs or scalar_rhs:
            return rhs if scalar_lhs and not scalar_rhs else lhs
        matching = expr.matching or VectorMatching()
        if matching.on:
            self.missing(lhs, matching.labels, f"left of {expr.op} on")
            self.missing(rhs, matching.labels, f"right of {expr.op} on")
        else:
            both = None if lhs is None or rhs is None else lhs | rhs
            self.missing(both, matching.labels, f"{expr.op} ignoring")
        if matching.card == "many-to-one":
            self.missing(rhs, matching.include, f"{expr.op} group_left")
            return None if lhs is None else lhs | set(matching.include)
        if matching.card == "one-to-many":
            self.missing(lhs, matching.include, f"{expr.op} group_right")
            return None if rhs is None else rhs | set(matching.include)
        if expr.op == "or":
            return None if lhs is None or rhs is None else lhs | rhs
        if expr.op in _SET_OPERATORS or (expr.op in _COMPARISONS and not expr.return_bool):
            return lhs  # a filter: the left side's series pass unchanged
        if lhs is None:
            return None
        # Arithmetic (and `bool` comparisons) one-to-one: only the `on` labels, or all but the `ignoring` ones.
        return lhs & set(matching.labels) if matching.on else lhs - set(matching.labels)


def _string(expr: Expr) -> str:
    if not isinstance(expr, StringLiteral):
        raise PromQLError(f"expected a string argument, found {expr!r}")
    return expr.value


def _is_scalar(expr: Expr) -> bool:
    match expr:
        case NumberLiteral() | StringLiteral():
            return True
        case Paren(expr=inner) | Unary(expr=inner):
            return _is_scalar(inner)
        case Call(function=function):
            return function in SCALAR_FUNCTIONS
        case Binary(lhs=lhs, rhs=rhs):
            return _is_scalar(lhs) and _is_scalar(rhs)
    return False
