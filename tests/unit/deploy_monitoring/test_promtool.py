"""`promtool` checks of the Prometheus files and of every dashboard query.

promtool is not on PyPI; on Debian it ships in the `prometheus` package
(`apt-get install -y --no-install-recommends prometheus`). These tests skip only when promtool is absent and
COMPLAINTS_REQUIRE_PROMTOOL is unset; with the variable set, a missing promtool fails them.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
PROMETHEUS = ROOT / "deploy" / "prometheus"
DASHBOARD = ROOT / "deploy" / "grafana" / "complaints-operations.json"
INSTALL_HINT = "apt-get install -y --no-install-recommends prometheus"


@pytest.fixture(scope="module")
def promtool() -> str:
    found = shutil.which("promtool")
    if found is None:
        if os.environ.get("COMPLAINTS_REQUIRE_PROMTOOL"):
            pytest.fail(f"COMPLAINTS_REQUIRE_PROMTOOL is set but promtool is missing: {INSTALL_HINT}")
        pytest.skip(f"promtool is not installed ({INSTALL_HINT}); set COMPLAINTS_REQUIRE_PROMTOOL to require it")
    return found


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
