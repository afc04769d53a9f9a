"""PromQL for the monitoring tests: parses an expression with a real PromQL parser (promql-parser, a port of
Prometheus' own grammar) into a small tree, lists the metric selectors in it and checks every label it matches,
groups by or joins on against the labels the metrics carry; reads the deployment's expressions and its metric
catalogue. `promtool check rules` checks the same expressions beside it (tests/unit/deploy_monitoring).

- tree.py: the expression tree, PromQLError, walking it for selectors;
- parsing.py: promql-parser's tree → ours, refusing what cannot be checked;
- labels.py: the label check;
- deploy.py: the expressions under deploy/, Grafana interval variables, scrape target labels, promtool;
- catalogue.py: the metric table of deploy/prometheus/README.md.
"""

from .catalogue import HISTOGRAM_SUFFIXES, CatalogueRow, catalogue_name, read_catalogue
from .deploy import (
    PROMETHEUS_SERIES,
    SERVICES,
    Query,
    deploy_queries,
    find_promtool,
    grafana_to_promql,
    target_labels,
)
from .labels import LabelCheck, LabelsOf, check_labels
from .parsing import metric_names, parse, parse_series
from .tree import Expr, Matcher, PromQLError, VectorSelector, selectors, walk
