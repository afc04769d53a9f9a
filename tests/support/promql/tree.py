"""The small expression tree the monitoring tests check: only what a label check needs to see, built from
promql-parser's tree by parsing.py."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta


class PromQLError(ValueError):
    """The expression is not PromQL, or not PromQL this reader can check."""


@dataclass(frozen=True)
class Matcher:
    label: str
    op: str
    """`=`, `!=`, `=~` or `!~`."""
    value: str

    def accepts(self, value: str) -> bool:
        """Whether a label value satisfies the matcher (regular expressions are anchored, as in Prometheus)."""
        if self.op == "=":
            return value == self.value
        if self.op == "!=":
            return value != self.value
        found = re.fullmatch(self.value, value) is not None
        return found if self.op == "=~" else not found


@dataclass(frozen=True)
class NumberLiteral:
    value: float


@dataclass(frozen=True)
class StringLiteral:
    value: str


@dataclass(frozen=True)
class VectorSelector:
    name: str
    matchers: tuple[Matcher, ...] = ()


@dataclass(frozen=True)
class MatrixSelector:
    vector: VectorSelector
    range: timedelta


@dataclass(frozen=True)
class Subquery:
    expr: Expr
    range: timedelta
    step: timedelta | None


@dataclass(frozen=True)
class Call:
    function: str
    args: tuple[Expr, ...]


@dataclass(frozen=True)
class Aggregation:
    op: str
    expr: Expr
    parameter: Expr | None = None
    grouping: tuple[str, ...] = ()
    without: bool = False
    grouped: bool = False
    """True when a `by` or `without` clause was written (`sum by () (x)` groups by nothing, as `sum(x)`)."""


@dataclass(frozen=True)
class VectorMatching:
    on: bool = False
    labels: tuple[str, ...] = ()
    """The `on(...)` or `ignoring(...)` labels."""
    card: str = "one-to-one"
    """one-to-one, many-to-one (group_left) or one-to-many (group_right)."""
    include: tuple[str, ...] = ()
    """Labels the `group_left(...)`/`group_right(...)` clause copies from the "one" side."""


@dataclass(frozen=True)
class Binary:
    op: str
    lhs: Expr
    rhs: Expr
    return_bool: bool = False
    matching: VectorMatching | None = None


@dataclass(frozen=True)
class Unary:
    op: str
    expr: Expr


@dataclass(frozen=True)
class Paren:
    expr: Expr


@dataclass(frozen=True)
class Modified:
    """`expr offset d` or `expr @ t` (the offset may be negative)."""

    expr: Expr
    offset: timedelta | None = None
    at: str | None = None


Expr = (NumberLiteral | StringLiteral | VectorSelector | MatrixSelector | Subquery | Call | Aggregation | Binary
        | Unary | Paren | Modified)


def children(expr: Expr) -> Iterator[Expr]:
    """The direct sub-expressions, in the order they are written."""
    match expr:
        case MatrixSelector(vector=vector):
            yield vector
        case Subquery(expr=inner) | Unary(expr=inner) | Paren(expr=inner) | Modified(expr=inner):
            yield inner
        case Call(args=args):
            yield from args
        case Aggregation(expr=inner, parameter=parameter):
            if parameter is not None:
                yield parameter
            yield inner
        case Binary(lhs=lhs, rhs=rhs):
            yield lhs
            yield rhs


def walk(expr: Expr) -> Iterator[Expr]:
    """The expression and every sub-expression, depth first."""
    yield expr
    for child in children(expr):
        yield from walk(child)


def selectors(expr: Expr) -> list[VectorSelector]:
    """Every metric selector of the expression, in order."""
    return [node for node in walk(expr) if isinstance(node, VectorSelector)]
