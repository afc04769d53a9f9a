"""What the deployment asks Prometheus: the expressions of the rule files and dashboards under deploy/ (Grafana's
interval variables read as durations), the labels the scrape attaches, and where promtool is."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from .tree import PromQLError

SERVICES = ("intake", "routing", "resolution", "notification", "analytics")
PROMETHEUS_SERIES = frozenset({"up", "scrape_duration_seconds", "scrape_samples_scraped",
                               "scrape_samples_post_metric_relabeling", "scrape_series_added"})
"""Series Prometheus itself writes for every target: they carry the target labels only."""
GRAFANA_INTERVALS = re.compile(r"\$(?:__rate_interval|__interval|__range)\b|\$\{(?:__rate_interval|__interval|"
                               r"__range)\}")
PROMTOOL_INSTALLED_BY_MAKE = Path(__file__).resolve().parents[3] / ".tools" / "promtool" / "usr" / "bin" / "promtool"


@dataclass(frozen=True)
class Query:
    where: str
    """`alerts.yml: ComplaintsServiceDown` or `complaints-operations.json: panel 2 (title) A`."""
    expr: str
    kind: str
    """alert, record or panel."""


def deploy_queries(deploy: Path) -> list[Query]:
    """Every PromQL expression of the rule files under deploy/prometheus and of the dashboards under
    deploy/grafana (nested row panels included), Grafana's interval variables replaced."""
    queries: list[Query] = []
    for path in sorted((deploy / "prometheus").glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for group in document.get("groups", []):
            for rule in group["rules"]:
                kind = "alert" if "alert" in rule else "record"
                queries.append(Query(f"{path.name}: {rule.get('alert') or rule.get('record')}", rule["expr"], kind))
    for path in sorted((deploy / "grafana").glob("*.json")):
        dashboard = json.loads(path.read_text(encoding="utf-8"))
        for panel in _panels(dashboard.get("panels", [])):
            for target in panel.get("targets", []):
                if "expr" in target:
                    where = f"{path.name}: panel {panel['id']} ({panel.get('title', '')}) {target.get('refId', '')}"
                    queries.append(Query(where, grafana_to_promql(target["expr"]), "panel"))
    return queries


def _panels(panels: list[dict]) -> Iterator[dict]:
    for panel in panels:
        yield panel
        yield from _panels(panel.get("panels", []))


def grafana_to_promql(text: str) -> str:
    """A dashboard query with Grafana's built-in interval variables replaced by a duration; any other template
    variable is refused (this reader could not tell what it stands for)."""
    replaced = GRAFANA_INTERVALS.sub("5m", text)
    if "$" in replaced:
        raise PromQLError(f"template variable in {text!r}: only $__rate_interval, $__interval and $__range are "
                          "understood")
    return replaced


def target_labels(prometheus_yml: Path) -> dict[str, list[dict[str, str]]]:
    """Job → the label sets of its static targets as Prometheus attaches them (job, instance and the static
    labels)."""
    config = yaml.safe_load(prometheus_yml.read_text(encoding="utf-8"))
    jobs: dict[str, list[dict[str, str]]] = {}
    for job in config["scrape_configs"]:
        jobs[job["job_name"]] = [{"job": job["job_name"], "instance": target, **static.get("labels", {})}
                                 for static in job.get("static_configs", []) for target in static["targets"]]
    return jobs


def find_promtool() -> str | None:
    """promtool on PATH, or the copy `make install` takes out of Debian's prometheus package."""
    found = shutil.which("promtool")
    if found:
        return found
    return str(PROMTOOL_INSTALLED_BY_MAKE) if PROMTOOL_INSTALLED_BY_MAKE.exists() else None
