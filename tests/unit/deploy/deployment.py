"""What the deployment files under test say, read once: the compose file, the Kustomize builds rendered as
`kubectl apply -k` would, and the environment variables each deployable reads, taken from its Settings class
(`<name>.config`, the one HttpSettings subclass defined there: ServiceSettings for the five services, WebSettings
for the web front end): the env prefix in `model_config["env_prefix"]` plus each field's name upper-cased. The
topic job runs the CLI, whose `complaints topics apply` reads its own TOPICS_KAFKA_* variables."""

import importlib
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
import yaml
from complaints_chassis.settings import HttpSettings
from complaints_cli.suite import SERVICES
from complaints_cli.suite.processes import FRONT_END

__all__ = ["BUILDS", "COMPOSE", "COMPOSE_TEXT", "DEPLOYABLES", "FRONT_END", "ROOT", "SERVICES", "render",
           "required_variables", "resources", "settings_class", "settings_variables"]

DEPLOYABLES = (*SERVICES, FRONT_END)
"""Everything the image runs as a long-lived process (`python -m <name>`): the services and the web front end."""

ROOT = Path(__file__).resolve().parents[3]
COMPOSE_TEXT = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
COMPOSE = yaml.safe_load(COMPOSE_TEXT)
KUBERNETES = ROOT / "deploy" / "kubernetes"
BUILDS = {"base": KUBERNETES / "base", "production": KUBERNETES / "overlays" / "production"}


def settings_class(deployable: str) -> type[HttpSettings]:
    """The deployable's one Settings class: the HttpSettings subclass its config module defines."""
    config = importlib.import_module(f"{deployable}.config")
    [cls] = [value for value in vars(config).values() if isinstance(value, type) and issubclass(value, HttpSettings)
             and value.__module__ == config.__name__]
    return cls


@cache
def settings_variables(service: str) -> frozenset[str]:
    cls = settings_class(service)
    prefix = cls.model_config["env_prefix"]
    assert prefix == f"{service.upper()}_", f"{cls.__name__} reads {prefix}*, not {service.upper()}_*"
    return frozenset(f"{prefix}{name.upper()}" for name in cls.model_fields)


@cache
def required_variables(service: str) -> frozenset[str]:
    cls = settings_class(service)
    prefix = cls.model_config["env_prefix"]
    return frozenset(f"{prefix}{name.upper()}" for name, info in cls.model_fields.items() if info.is_required())


@cache
def _rendered(build: str) -> tuple[dict, ...]:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.fail("kubectl is missing (Debian package kubectl): it renders the Kustomize builds")
    result = subprocess.run([kubectl, "kustomize", str(BUILDS[build])], capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.returncode == 0, result.stderr
    return tuple(doc for doc in yaml.safe_load_all(result.stdout) if doc)


def render(build: str) -> list[dict]:
    """Every resource of a build (`base` or `production`), as `kubectl kustomize` renders it."""
    return list(_rendered(build))


def resources(build: str, kind: str) -> dict[str, dict]:
    """The resources of one kind in a build, by name."""
    return {doc["metadata"]["name"]: doc for doc in render(build) if doc["kind"] == kind}
