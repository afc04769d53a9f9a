"""`promtool` checks of the Prometheus files and of every dashboard query.

promtool is not on PyPI; `make install` takes it out of Debian's `prometheus` package into .tools/promtool.
The tests use that copy (or one on PATH, see conftest.py) and fail when there is none: a check that silently
does not run is not a check.
"""

import json
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]
PROMETHEUS = ROOT / "deploy" / "prometheus"
DASHBOARD = ROOT / "deploy" / "grafana" / "complaints-operations.json"


def _run(promtool: str, *args: str | Path) -> None:
    result = subprocess.run([promtool, *map(str, args)], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_alert_rules_pass_promtool_check_rules(promtool):
    _run(promtool, "check", "rules", PROMETHEUS / "alerts.yml")


def test_scrape_config_passes_promtool_check_config(promtool):
    _run(promtool, "check", "config", "--syntax-only", PROMETHEUS / "prometheus.yml")


def test_alerts_fire_as_their_unit_tests_expect(promtool):
    _run(promtool, "test", "rules", PROMETHEUS / "alerts_test.yml")


def test_every_dashboard_query_is_valid_promql(promtool, tmp_path):
    panels = json.loads(DASHBOARD.read_text(encoding="utf-8"))["panels"]
    exprs = [target["expr"] for panel in panels for target in panel.get("targets", [])]
    rules = [{"record": f"dashboard:query_{index}", "expr": expr} for index, expr in enumerate(exprs)]
    path = tmp_path / "dashboard_queries.yml"
    path.write_text(yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}), encoding="utf-8")
    _run(promtool, "check", "rules", path)
