"""`complaints token` and the running suite's state file it reads."""

import json
from pathlib import Path

import pytest
from complaints_chassis.staff_auth import STAFF_ROLES, StaffTokenVerifier
from complaints_cli.main import app
from complaints_cli.suite.state import STATE_FILE
from typer.testing import CliRunner

SECRET = "the-running-suites-secret-0123456789abcdef"


@pytest.fixture
def run_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory of its own, where `.run/suite.json` says a suite runs."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / STATE_FILE).parent.mkdir()
    return tmp_path


def test_a_token_is_minted_with_the_running_suites_secret(run_dir: Path) -> None:
    (run_dir / STATE_FILE).write_text(json.dumps({"resolution_jwt_secret": SECRET}))

    result = CliRunner().invoke(app, ["token", "--role", "supervisor", "--team", "support-en", "--sub", "emp-9"])

    assert result.exit_code == 0, result.output
    claims = StaffTokenVerifier(secret=SECRET).claims(result.stdout.strip())
    assert (claims.subject, claims.roles, claims.teams) == ("emp-9", {"supervisor"}, {"support-en"})


def test_no_token_without_a_running_suite_or_its_secret(run_dir: Path) -> None:
    assert CliRunner().invoke(app, ["token"]).exit_code == 1
    (run_dir / STATE_FILE).write_text(json.dumps({"services": {}}))
    assert CliRunner().invoke(app, ["token"]).exit_code == 1


def test_the_roles_offered_are_every_role_the_services_know(run_dir: Path) -> None:
    (run_dir / STATE_FILE).write_text(json.dumps({"resolution_jwt_secret": SECRET}))
    shown = " ".join(CliRunner().invoke(app, ["token", "--help"], env={"COLUMNS": "400"}).stdout.split())
    assert all(role in shown for role in STAFF_ROLES), shown

    analyst = CliRunner().invoke(app, ["token", "--role", "analyst", "--role", "privacy"])
    assert analyst.exit_code == 0, analyst.output
    assert StaffTokenVerifier(secret=SECRET).claims(analyst.stdout.strip()).roles == {"analyst", "privacy"}
    unknown = CliRunner().invoke(app, ["token", "--role", "auditor"], env={"COLUMNS": "400"})
    assert unknown.exit_code == 2 and "auditor: not a staff role" in unknown.output
