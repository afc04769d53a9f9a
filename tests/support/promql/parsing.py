"""Parsing with promql-parser (GreptimeDB's Rust port of Prometheus' own grammar), whose tree is turned into the
small one of tree.py. It refuses what it cannot check rather than guessing — a selector without a metric name,
`or` inside a selector — since a reader that guesses would let an alert on a metric that does not exist pass."""

from __future__ import annotations

from typing import Any

import promql_parser as pp

from .tree import (
    Aggregation,
    Binary,
    Call,
    Expr,
    Matcher,
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
    selectors,
)

# promql-parser's enums are not hashable: they are told apart by their names.
_MATCH_OPS = {"MatchOp.Equal": "=", "MatchOp.NotEqual": "!=", "MatchOp.Re": "=~", "MatchOp.NotRe": "!~"}


def parse(text: str) -> Expr:
    """The syntax tree of a PromQL expression; PromQLError when it is not valid PromQL, or when it selects series
    without naming their metric (nothing could then be checked)."""
    try:
        return _convert(pp.parse(text))
    except (ValueError, TypeError) as exc:  # PromQLError included: every refusal names the expression
        raise PromQLError(f"{exc} in {text!r}") from exc


def parse_series(text: str) -> VectorSelector:
    """A series in selector notation, `name{label="value", …}` (promtool's input_series), as a selector."""
    expr = parse(text)
    if not isinstance(expr, VectorSelector) or any(m.op != "=" for m in expr.matchers):
        raise PromQLError(f"{text!r} is not a series (a metric name and label=value pairs)")
    return expr


def metric_names(text: str) -> set[str]:
    """Every metric name an expression selects."""
    return {selector.name for selector in selectors(parse(text))}


def _convert(node: Any) -> Expr:
    match node:
        case pp.NumberLiteral():
            return NumberLiteral(float(node.val))
        case pp.StringLiteral():
            return StringLiteral(str(node.val))
        case pp.VectorSelector():
            return _modified(_selector(node), node)
        case pp.MatrixSelector():
            vector = node.vector_selector
            return _modified(MatrixSelector(_selector(vector), node.range), vector)
        case pp.SubqueryExpr():
            return _modified(Subquery(_convert(node.expr), node.range, node.step), node)
        case pp.ParenExpr():
            return Paren(_convert(node.expr))
        case pp.UnaryExpr():
            return Unary("-", _convert(node.expr))  # the parser keeps only negation (`+x` is x)
        case pp.Call():
            return Call(node.func.name, tuple(_convert(arg) for arg in node.args))
        case pp.AggregateExpr():
            return _aggregation(node)
        case pp.BinaryExpr():
            return _binary(node)
    raise PromQLError(f"cannot read a {type(node).__name__}")


def _selector(node: Any) -> VectorSelector:
    if node.matchers.or_matchers:
        raise PromQLError("`or` inside a selector is not read here: write two selectors")
    name = node.name
    matchers = []
    for matcher in node.matchers.matchers:
        op = _MATCH_OPS[str(matcher.op)]
        if matcher.name == "__name__" and op == "=":
            name = matcher.value
        else:
            matchers.append(Matcher(matcher.name, op, str(matcher.value)))
    if not name:
        raise PromQLError("a selector without a metric name (nothing could check what it selects)")
    return VectorSelector(name, tuple(matchers))


def _modified(expr: Expr, node: Any) -> Expr:
    offset, at = node.offset, node.at
    if offset is None and at is None:
        return expr
    return Modified(expr, offset=offset, at=str(at) if at is not None else None)


def _aggregation(node: Any) -> Aggregation:
    modifier = node.modifier
    grouped = modifier is not None
    without = grouped and modifier.type == pp.AggModifierType.Without
    grouping = tuple(modifier.labels) if grouped else ()
    parameter = _convert(node.param) if node.param is not None else None
    return Aggregation(str(node.op), _convert(node.expr), parameter, grouping, without, grouped)


def _binary(node: Any) -> Binary:
    modifier = node.modifier
    lhs, rhs = _convert(node.lhs), _convert(node.rhs)
    if modifier is None:
        return Binary(str(node.op), lhs, rhs)
    card = _cardinality(modifier.card)
    labels = modifier.matching
    matching = None
    if labels is not None or card != "one-to-one":
        matching = VectorMatching(on=labels is not None and labels.type == pp.LabelModifierType.Include,
                                  labels=tuple(labels.labels) if labels is not None else (),
                                  card=card, include=tuple(modifier.group_labels or ()))
    return Binary(str(node.op), lhs, rhs, bool(modifier.return_bool), matching)


def _cardinality(card: Any) -> str:
    if card == pp.VectorMatchCardinality.ManyToOne:
        return "many-to-one"
    if card == pp.VectorMatchCardinality.OneToMany:
        return "one-to-many"
    return "one-to-one"  # also many-to-many, the set operators': as for one-to-one, each side keeps its labels
