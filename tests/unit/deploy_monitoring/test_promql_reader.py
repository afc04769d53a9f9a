"""The PromQL reader of tests/support/promql (promql-parser's tree, turned into a small one): what it finds in an
expression, which labels it checks, and that it refuses what Prometheus refuses (promtool is the referee)."""

import subprocess
from pathlib import Path

import pytest
import yaml

from tests.support import promql


def labels_of(table: dict[str, set[str]]):
    return lambda name: frozenset(table[name]) if name in table else None


@pytest.mark.parametrize(("expr", "names"), [
    ('sum by (clock) (increase(complaints_resolution_deadline_breaches_total{clock="regulatory"}[15m])) > 0',
     {"complaints_resolution_deadline_breaches_total"}),
    ("histogram_quantile(0.9, sum by (le, priority) (rate(complaints_time_to_resolve_seconds_bucket[6h])))",
     {"complaints_time_to_resolve_seconds_bucket"}),
    ("sum(complaints_backlog) > 1.25 * sum(complaints_backlog offset 6h)", {"complaints_backlog"}),
    ('absent(up{service="analytics"}) or absent(up{service="intake"})', {"up"}),
    ("max_over_time(rate(a_total[5m])[1h:1m])", {"a_total"}),
    ('{__name__="b_total", x="y"} / on (x) group_left (z) c', {"b_total", "c"}),
    ("sum without (instance) (d) # a comment naming not_a_metric", {"d"}),
    ("topk(3, sum by (topic) (rate(e_total[5m])))", {"e_total"}),
    ("-f ^ 2 + time()", {"f"}),
    ("rate(g_total[5m] @ 1700000000 offset -5m)", {"g_total"}),
])
def test_the_reader_finds_every_metric_and_nothing_else(expr, names):
    assert promql.metric_names(expr) == names


@pytest.mark.parametrize("expr", [
    "rate(a[5m]",                       # unclosed
    "sum by (x) rate(a[5m])",           # an aggregation needs parentheses around its argument
    "rate(a)[5m]",                      # a range on a function call
    "a offset",                         # an offset without a duration
    'a{b="c"',                          # unclosed selector
    "a + on(x) group_left b or",        # dangling operator
    "sum(a) offset 5m",                 # offset on an aggregation
    "a + bool b",                       # bool after an arithmetic operator
    'a{b=~"("}',                        # a broken regular expression
    "a and on(x) group_left b",         # no grouping modifier with a set operator
])
def test_the_reader_refuses_what_prometheus_refuses(expr, promtool, tmp_path):
    with pytest.raises(promql.PromQLError):
        promql.parse(expr)
    path = tmp_path / "rule.yml"
    path.write_text(yaml.safe_dump({"groups": [{"name": "g", "rules": [{"record": "r", "expr": expr}]}]}))
    result = subprocess.run([promtool, "check", "rules", str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0, f"promtool accepts {expr!r}: the reader is stricter than Prometheus"


@pytest.mark.parametrize("expr", [
    "nosuchfunction(a)",                # not a PromQL function
    'rate({job="x"}[5m])',              # no metric name: the reader cannot check what it selects
    'a{x="1" or y="2"}',                # alternatives inside a selector (Prometheus 3): write two selectors
])
def test_the_reader_refuses_what_it_cannot_check(expr):
    with pytest.raises(promql.PromQLError):
        promql.parse(expr)


def test_every_deployed_query_is_read_alike_by_the_reader_and_promtool(promtool, tmp_path):
    queries = promql.deploy_queries(Path(__file__).resolve().parents[3] / "deploy")
    for query in queries:
        promql.parse(query.expr)
    rules = [{"record": f"query:{index}", "expr": query.expr} for index, query in enumerate(queries)]
    path = tmp_path / "queries.yml"
    path.write_text(yaml.safe_dump({"groups": [{"name": "queries", "rules": rules}]}))
    result = subprocess.run([promtool, "check", "rules", str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


TABLE = {"c_total": {"topic", "group", "outcome", "service"}, "h_bucket": {"le", "priority", "service"},
         "g": {"service"}, "up": {"service", "job", "instance"}}


@pytest.mark.parametrize(("expr", "problems"), [
    ('sum by (topic) (increase(c_total{outcome="dead_lettered"}[5m]))', 0),
    ('sum by (clock) (increase(c_total{outcome="dead_lettered"}[5m]))', 1),       # no clock on c_total
    ('sum by (topic) (increase(c_total{deadline="final"}[5m]))', 1),               # matcher on a missing label
    ('sum by (topic) (increase(c_total{deadline!="final"}[5m]))', 0),              # a negative matcher may
    ("histogram_quantile(0.9, sum by (le, priority) (rate(h_bucket[5m])))", 0),
    ("histogram_quantile(0.9, sum by (priority) (rate(h_bucket[5m])))", 1),        # le aggregated away
    ("sum by (topic) (sum by (group) (c_total))", 1),                             # topic gone after the inner sum
    ("sum without (topic) (c_total) / on (group) g", 1),                           # g has no group
    ("sum by (service) (c_total) / on (service) group_left (priority) g", 1),      # g has no priority to copy
    ('label_replace(g, "team", "$1", "service", "(.*)") * on (team) group_left sum by (team) (c_total)', 1),
    ('absent(up{service="analytics"}) or absent(up{service="intake"})', 0),
    ("sum by (service) (rate(unknown_total[5m]))", 0),                             # unknown metric: other test
])
def test_the_label_check(expr, problems):
    found = promql.check_labels(promql.parse(expr), labels_of(TABLE))
    assert bool(found) == bool(problems), found  # one mistake may show in several places


def test_grafana_interval_variables_are_read_as_durations_and_others_refused():
    assert promql.grafana_to_promql("rate(a_total[$__rate_interval])") == "rate(a_total[5m])"
    with pytest.raises(promql.PromQLError):
        promql.grafana_to_promql('rate(a_total{service="$service"}[5m])')
