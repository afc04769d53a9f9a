"""docker-compose.yml cannot run here (no Docker engine); check what can be checked without one."""

import re
from pathlib import Path

import pytest
import yaml
from complaints_cli.specs import settings_class
from complaints_cli.suite import SERVICES

ROOT = Path(__file__).resolve().parents[3]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.mark.parametrize("service", SERVICES)
def test_compose_provides_every_required_setting(service: str) -> None:
    cls = settings_class(service)
    prefix = cls.model_config["env_prefix"]
    required = {f"{prefix}{name.upper()}" for name, info in cls.model_fields.items() if info.is_required()}
    environment = COMPOSE["services"][service]["environment"]
    assert required <= set(environment), f"{service} needs {sorted(required - set(environment))}"


@pytest.mark.parametrize("service", SERVICES)
def test_services_wait_for_healthy_infrastructure_and_listen_outside_the_container(service: str) -> None:
    definition = COMPOSE["services"][service]
    assert definition["depends_on"] == {"kafka": {"condition": "service_healthy"},
                                        "mongo": {"condition": "service_healthy"}}
    assert definition["environment"][f"{service.upper()}_HTTP_HOST"] == "0.0.0.0"
    assert definition["build"]["args"]["SERVICE"] == service


def test_mongo_runs_as_a_replica_set_and_services_say_so() -> None:
    assert "--replSet" in COMPOSE["services"]["mongo"]["command"]
    for service in SERVICES:
        assert "replicaSet=rs0" in COMPOSE["services"][service]["environment"][f"{service.upper()}_MONGO_URL"]


def test_infrastructure_has_healthchecks() -> None:
    for name in ("kafka", "mongo"):
        assert COMPOSE["services"][name]["healthcheck"]["test"]


def test_secrets_come_from_the_environment_and_fail_when_unset() -> None:
    text = (ROOT / "docker-compose.yml").read_text()
    for secret in re.findall(r"\$\{(\w*(?:SECRET|PASSWORD|KEY)\w*)", text):
        assert f"${{{secret}:?" in text, f"{secret} must use ${{VAR:?…}} so a missing secret stops compose"
