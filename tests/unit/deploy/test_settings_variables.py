"""Every environment variable docker-compose.yml and the Kubernetes manifests give a container of the project's
image is one its service's Settings class reads — a misspelt or retired variable is silently ignored by
pydantic-settings, so the setting an operator believes in would not be in force — and every required one is
given. The known variables come from the Settings classes themselves (tests/unit/deploy/deployment.py)."""

import pytest

from tests.unit.deploy.deployment import BUILDS, COMPOSE, SERVICES, required_variables, resources, settings_variables


def project_image_services() -> dict[str, dict]:
    """Compose services built from this repository's Dockerfile."""
    return {name: service for name, service in COMPOSE["services"].items()
            if isinstance(service.get("build"), dict) and service["build"].get("context") == "."}


def test_compose_runs_the_project_image_for_the_services_and_the_topic_job_only():
    assert set(project_image_services()) == {*SERVICES, "kafka-topics"}


@pytest.mark.parametrize("name", sorted({*SERVICES, "kafka-topics"}))
def test_compose_sets_only_variables_the_settings_read(name):
    service = project_image_services()[name]
    environment = set(service.get("environment", {}))
    if name not in SERVICES:
        assert environment == set(), f"{name} runs the CLI, which reads no settings from the environment"
        return
    unknown = environment - settings_variables(name)
    assert not unknown, f"{name}: {sorted(unknown)} are read by no Settings field of {name}"


def _container_variables(build: str, service: str) -> tuple[set[str], list[str]]:
    """The variables a service's container gets: explicit env, and the keys of the ConfigMaps it loads."""
    deployment = resources(build, "Deployment")[service]
    [container] = deployment["spec"]["template"]["spec"]["containers"]
    config_maps = resources(build, "ConfigMap")
    variables: set[str] = set()
    problems: list[str] = []
    for source in container.get("envFrom", []):
        if "configMapRef" not in source:
            problems.append(f"{service}: envFrom {source} hides which variables it sets; use env with secretKeyRef")
            continue
        variables |= set(config_maps[source["configMapRef"]["name"]]["data"])
    for env in container.get("env", []):
        variables.add(env["name"])
        ref = env.get("valueFrom", {}).get("secretKeyRef")
        if ref is not None and ref["key"] != env["name"]:
            problems.append(f"{service}: {env['name']} comes from key {ref['key']}; name them alike")
    return variables, problems


@pytest.mark.parametrize("build", BUILDS)
@pytest.mark.parametrize("service", SERVICES)
def test_kubernetes_sets_only_variables_the_settings_read_and_every_required_one(build, service):
    variables, problems = _container_variables(build, service)
    assert not problems
    unknown = variables - settings_variables(service)
    assert not unknown, f"{service}: {sorted(unknown)} are read by no Settings field of {service}"
    missing = required_variables(service) - variables
    assert not missing, f"{service}: required {sorted(missing)} are set nowhere"


@pytest.mark.parametrize("build", BUILDS)
def test_every_config_map_of_a_service_is_loaded_by_it(build):
    config_maps = {name for name in resources(build, "ConfigMap") if name.endswith("-config")}
    assert config_maps == {f"{service}-config" for service in SERVICES}
    for name, job in resources(build, "Job").items():
        [container] = job["spec"]["template"]["spec"]["containers"]
        assert "env" not in container and "envFrom" not in container, f"{name} runs the CLI: no settings"

