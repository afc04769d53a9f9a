"""The monitoring files under deploy/ against the metric catalogue (deploy/prometheus/README.md), without starting
anything; tests/e2e/test_metric_catalogue.py checks the catalogue itself against the running services."""

import json
import re
from pathlib import Path

import pytest
import yaml

from tests.support import promql

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
PROMETHEUS = DEPLOY / "prometheus"
DASHBOARD = DEPLOY / "grafana" / "complaints-operations.json"
CATALOGUE = promql.read_catalogue(PROMETHEUS / "README.md")
HISTOGRAMS = frozenset(name for name, row in CATALOGUE.items() if row.type == "histogram")
QUERIES = promql.deploy_queries(DEPLOY)
TARGET_LABELS = frozenset().union(*(labels for targets in promql.target_labels(PROMETHEUS / "prometheus.yml").values()
                                    for labels in targets))

SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
UNIT_SUFFIXES = ("_seconds", "_bytes", "_messages", "_documents", "_ratio")
ID_LIKE_LABEL = re.compile(r"(^|_)(id|ids|email|phone|customer|complaint|employee|assignee|tracking)($|_)")
"""Labels that would carry unbounded or personal values."""


def catalogued_labels(name: str) -> frozenset[str] | None:
    """What a selector of `name` sees according to the catalogue (target labels included)."""
    if name in promql.PROMETHEUS_SERIES:
        return TARGET_LABELS
    base = promql.catalogue_name(name, HISTOGRAMS)
    row = CATALOGUE.get(base)
    if row is None:
        return None
    return row.labels | TARGET_LABELS | ({"le"} if name == base + "_bucket" else set())


def load_yaml(name: str) -> dict:
    return yaml.safe_load((PROMETHEUS / name).read_text(encoding="utf-8"))


def alert_rules() -> list[dict]:
    return [rule for group in load_yaml("alerts.yml")["groups"] for rule in group["rules"]]


def test_every_process_is_scraped_on_port_8000_at_metrics():
    config = load_yaml("prometheus.yml")
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    assert set(jobs) == {*promql.SERVICES, "web"}  # the five services and the web front end
    for name, job in jobs.items():
        assert job["metrics_path"] == "/metrics"
        [static] = job["static_configs"]
        assert static["targets"] == [f"{name}:8000"]
        assert static["labels"] == {"service": name}
    assert config["rule_files"] == ["alerts.yml"]
    [alertmanagers] = config["alerting"]["alertmanagers"]
    assert alertmanagers["static_configs"] == [{"targets": ["alertmanager:9093"]}]


@pytest.mark.parametrize(("name", "row"), sorted(CATALOGUE.items()))
def test_catalogued_metric_follows_prometheus_naming(name, row):
    assert SNAKE_CASE.match(name), "metric names are snake_case"
    assert name == "up" or name.startswith(("complaints_", "faststream_"))
    assert row.type in {"counter", "gauge", "histogram"}
    assert (row.type == "counter") == name.endswith("_total"), "counters, and only counters, end in _total"
    if row.type == "histogram":
        assert name.endswith(UNIT_SUFFIXES), "a histogram observes something with a unit"
    for label in row.labels:
        assert SNAKE_CASE.match(label) and not ID_LIKE_LABEL.search(label), f"label {label} is unbounded or personal"
    assert not row.labels & TARGET_LABELS, "a label the scrape adds would be renamed exported_<label>"


@pytest.mark.parametrize("query", QUERIES, ids=[q.where for q in QUERIES])
def test_every_query_uses_catalogued_metrics_and_labels(query):
    tree = promql.parse(query.expr)
    names = {selector.name for selector in promql.selectors(tree)}
    assert names, f"no metric in {query.expr!r}"
    unknown = sorted(name for name in names if catalogued_labels(name) is None)
    assert not unknown, f"{unknown} are not in deploy/prometheus/README.md"
    assert promql.check_labels(tree, catalogued_labels) == []


def test_the_catalogue_lists_only_what_is_queried():
    queried = {promql.catalogue_name(name, HISTOGRAMS) for query in QUERIES for name in promql.metric_names(query.expr)}
    assert set(CATALOGUE) == queried


def test_the_rule_unit_tests_feed_real_series():
    """promtool's unit tests prove an alert fires on the series they invent: they must be the real names and
    labels, or the proof is worth nothing."""
    tests = load_yaml("alerts_test.yml")["tests"]
    for case in tests:
        for entry in case["input_series"]:
            series = promql.parse_series(entry["series"])
            labels = {matcher.label for matcher in series.matchers}
            allowed = catalogued_labels(series.name)
            assert allowed is not None, f"{series.name} is not in the catalogue"
            assert labels <= allowed, f"{series.name} has no {sorted(labels - allowed)}"
            assert {"job", "instance", "service"} <= labels, f"{series.name}: a scraped series has the target labels"
            if series.name != "up":
                assert labels >= CATALOGUE[promql.catalogue_name(series.name, HISTOGRAMS)].labels, \
                    f"{entry['series']} lacks labels the service always sets"
    tested = {test["alertname"] for case in tests for test in case["alert_rule_test"]}
    assert tested == {rule["alert"] for rule in alert_rules()}, "every alert has a unit test"


def test_alert_rules_are_named_graded_and_explained():
    rules = alert_rules()
    names = [rule["alert"] for rule in rules]
    assert len(names) == len(set(names))
    for rule in rules:
        assert re.match(r"^Complaints[A-Z][A-Za-z]+$", rule["alert"])
        assert rule["labels"]["severity"] in {"critical", "warning", "info"}
        assert rule["annotations"]["summary"]


def test_alerts_cover_what_operations_asked_for():
    used = {name for rule in alert_rules() for name in promql.metric_names(rule["expr"])}
    assert {"up", "complaints_resolution_deadline_breaches_total", "complaints_backlog",
            "complaints_events_consumed_total", "complaints_consumer_lag_messages"} <= used
    regulatory = next(rule for rule in alert_rules() if rule["alert"] == "ComplaintsRegulatoryDeadlineBreached")
    assert regulatory["labels"]["severity"] == "critical"


def test_dashboard_has_the_operations_sections():
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    rows = [panel["title"] for panel in dashboard["panels"] if panel["type"] == "row"]
    assert rows == ["Volume", "Backlog", "Deadlines and response times", "Dead letters and lag", "Service health"]
    ids = [panel["id"] for panel in dashboard["panels"]]
    assert len(ids) == len(set(ids))
    assert all(panel["datasource"]["uid"] == "${datasource}" for panel in dashboard["panels"] if "targets" in panel)
