"""Naming conventions of the monitoring files under deploy/, read with a small PromQL reader."""

import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
PROMETHEUS = ROOT / "deploy" / "prometheus"
DASHBOARD = ROOT / "deploy" / "grafana" / "complaints-operations.json"

PROMQL_WORDS = frozenset({
    "sum", "max", "min", "avg", "count", "rate", "irate", "increase", "delta", "deriv", "histogram_quantile",
    "clamp_min", "clamp_max", "absent", "predict_linear", "and", "or", "unless", "offset", "by", "without", "on",
    "ignoring", "bool", "group_left", "group_right", "vector", "scalar", "time",
})
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_GROUPING = re.compile(r"\b(by|without|on|ignoring)\s*\(([^)]*)\)")
_SELECTOR = re.compile(r"\{([^}]*)\}")
_RANGE = re.compile(r"\[[^\]]*\]")
_DURATION = re.compile(r"\b\d+(ms|s|m|h|d|w|y)\b")
_IDENTIFIER = re.compile(r"[A-Za-z_:][A-Za-z0-9_:]*")
_MATCHER_LABEL = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)")


def metric_names(expr: str) -> set[str]:
    """Every metric name a PromQL expression selects."""
    text = _STRING.sub(" ", expr)
    text = _GROUPING.sub(" ", text)
    text = _SELECTOR.sub(" ", text)
    text = _RANGE.sub(" ", text)
    text = _DURATION.sub(" ", text)
    return {word for word in _IDENTIFIER.findall(text) if word not in PROMQL_WORDS}


def label_names(expr: str) -> set[str]:
    """Every label name an expression matches on or groups by."""
    text = _STRING.sub('""', expr)
    grouped = {label.strip() for _, labels in _GROUPING.findall(text) for label in labels.split(",") if label.strip()}
    matched = {label for selector in _SELECTOR.findall(text) for label in _MATCHER_LABEL.findall(selector)}
    return grouped | {label for label, _ in matched}


def load_yaml(name: str) -> dict:
    return yaml.safe_load((PROMETHEUS / name).read_text(encoding="utf-8"))


def catalogue() -> dict[str, dict[str, object]]:
    """The metric table of METRICS.md: name → type, labels, exposed by."""
    rows = {}
    for line in (PROMETHEUS / "METRICS.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0].startswith("`"):
            labels = frozenset(label.strip() for label in cells[2].split(",") if label.strip())
            rows[cells[0].strip("`")] = {"type": cells[1], "labels": labels, "exposed_by": cells[3]}
    return rows


def alert_rules() -> list[dict]:
    return [rule for group in load_yaml("alerts.yml")["groups"] for rule in group["rules"]]


def dashboard_exprs() -> list[str]:
    panels = json.loads(DASHBOARD.read_text(encoding="utf-8"))["panels"]
    return [target["expr"] for panel in panels for target in panel.get("targets", [])]


SERVICES = ("intake", "routing", "resolution", "notification", "analytics")
SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
UNIT_SUFFIXES = ("_seconds", "_bytes", "_messages", "_documents", "_ratio")
HISTOGRAM_SERIES = ("_bucket", "_sum", "_count")
TARGET_LABELS = frozenset({"job", "instance", "service", "le"})
ID_LIKE_LABEL = re.compile(r"(^|_)(id|ids|email|phone|customer|complaint|employee|assignee|tracking)($|_)")
"""Labels that would carry unbounded or personal values."""


def _base_name(name: str, known: dict) -> str:
    for suffix in HISTOGRAM_SERIES:
        base = name.removesuffix(suffix)
        if base != name and known.get(base, {}).get("type") == "histogram":
            return base
    return name


def test_every_service_is_scraped_on_port_8000_at_metrics():
    config = load_yaml("prometheus.yml")
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    assert set(jobs) == set(SERVICES)
    for name, job in jobs.items():
        assert job["metrics_path"] == "/metrics"
        [static] = job["static_configs"]
        assert static["targets"] == [f"{name}:8000"]
        assert static["labels"] == {"service": name}
    assert config["rule_files"] == ["alerts.yml"]


@pytest.mark.parametrize(("name", "row"), sorted(catalogue().items()))
def test_catalogued_metric_follows_prometheus_naming(name, row):
    assert SNAKE_CASE.match(name), "metric names are snake_case"
    assert name == "up" or name.startswith(("complaints_", "faststream_"))
    assert row["type"] in {"counter", "gauge", "histogram"}
    assert (row["type"] == "counter") == name.endswith("_total"), "counters, and only counters, end in _total"
    if row["type"] == "histogram":
        assert name.endswith(UNIT_SUFFIXES), "a histogram observes something with a unit"
    for label in row["labels"]:
        assert SNAKE_CASE.match(label) and not ID_LIKE_LABEL.search(label), f"label {label} is unbounded or personal"


@pytest.mark.parametrize("source", ["alerts", "dashboard"])
def test_every_metric_used_is_catalogued_with_its_labels(source):
    metrics_catalogue = catalogue()
    exprs = [rule["expr"] for rule in alert_rules()] if source == "alerts" else dashboard_exprs()
    assert exprs
    used_labels = set()
    for expr in exprs:
        names = {_base_name(name, metrics_catalogue) for name in metric_names(expr)}
        assert names, f"no metric found in {expr!r}"
        assert names <= set(metrics_catalogue), f"{sorted(names - set(metrics_catalogue))} not in METRICS.md"
        used_labels |= label_names(expr)
    known_labels = TARGET_LABELS.union(*(row["labels"] for row in metrics_catalogue.values()))
    assert used_labels <= known_labels, f"labels {sorted(used_labels - known_labels)} are not exposed"


def test_alert_rules_are_named_graded_and_explained():
    rules = alert_rules()
    names = [rule["alert"] for rule in rules]
    assert len(names) == len(set(names))
    for rule in rules:
        assert re.match(r"^Complaints[A-Z][A-Za-z]+$", rule["alert"])
        assert rule["labels"]["severity"] in {"critical", "warning", "info"}
        assert rule["annotations"]["summary"]


def test_alerts_cover_what_operations_asked_for():
    used = {name for rule in alert_rules() for name in metric_names(rule["expr"])}
    assert {"up", "complaints_deadline_breaches_total", "complaints_backlog", "complaints_events_consumed_total",
            "complaints_consumer_lag_messages"} <= used


def test_dashboard_has_the_operations_sections():
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    rows = [panel["title"] for panel in dashboard["panels"] if panel["type"] == "row"]
    assert rows == ["Volume", "Backlog", "Deadlines and response times", "Dead letters and lag", "Service health"]
    ids = [panel["id"] for panel in dashboard["panels"]]
    assert len(ids) == len(set(ids))
    assert all(panel["datasource"]["uid"] == "${datasource}" for panel in dashboard["panels"] if "targets" in panel)


@pytest.mark.parametrize(("expr", "names", "labels"), [
    ('sum by (clock) (increase(complaints_deadline_breaches_total{clock="regulatory"}[15m])) > 0',
     {"complaints_deadline_breaches_total"}, {"clock"}),
    ("histogram_quantile(0.9, sum by (le, priority) (rate(complaints_time_to_resolve_seconds_bucket[6h])))",
     {"complaints_time_to_resolve_seconds_bucket"}, {"le", "priority"}),
    ("sum(complaints_backlog) > 1.25 * sum(complaints_backlog offset 6h)", {"complaints_backlog"}, set()),
])
def test_the_promql_reader_finds_metrics_and_labels(expr, names, labels):
    assert (metric_names(expr), label_names(expr)) == (names, labels)
