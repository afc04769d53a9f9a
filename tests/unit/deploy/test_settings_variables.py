"""Every environment variable docker-compose.yml and the Kubernetes manifests give a container of the project's
image is one its deployable's Settings class reads — a misspelt or retired variable is silently ignored by
pydantic-settings, so the setting an operator believes in would not be in force — and every required one is
given. The known variables come from the Settings classes themselves (tests/unit/deploy/deployment.py); the topic
job's from the options of `complaints topics apply`."""

import pytest
from complaints_cli import topics

from tests.unit.deploy.deployment import (
    BUILDS,
    COMPOSE,
    DEPLOYABLES,
    ROOT,
    SERVICES,
    required_variables,
    resources,
    settings_variables,
)

TOPIC_JOB = "kafka-topics"


def project_image_services() -> dict[str, dict]:
    """Compose services built from this repository's Dockerfile."""
    return {name: service for name, service in COMPOSE["services"].items()
            if isinstance(service.get("build"), dict) and service["build"].get("context") == "."}


def test_compose_runs_the_project_image_for_the_services_the_web_and_the_topic_job_only():
    assert set(project_image_services()) == {*DEPLOYABLES, TOPIC_JOB}


@pytest.mark.parametrize("name", sorted({*DEPLOYABLES, TOPIC_JOB}))
def test_compose_sets_only_variables_the_settings_read(name):
    service = project_image_services()[name]
    environment = set(service.get("environment", {}))
    known = topics.environment_variables() if name == TOPIC_JOB else settings_variables(name)
    unknown = environment - known
    assert not unknown, f"{name}: {sorted(unknown)} are read by no Settings field (or option) of {name}"


def _container_variables(container: dict, config_maps: dict[str, dict], name: str) -> tuple[set[str], list[str]]:
    """The variables a container gets: explicit env, and the keys of the ConfigMaps it loads."""
    variables: set[str] = set()
    problems: list[str] = []
    for source in container.get("envFrom", []):
        if "configMapRef" not in source:
            problems.append(f"{name}: envFrom {source} hides which variables it sets; use env with secretKeyRef")
            continue
        variables |= set(config_maps[source["configMapRef"]["name"]]["data"])
    for env in container.get("env", []):
        variables.add(env["name"])
        ref = env.get("valueFrom", {}).get("secretKeyRef")
        if ref is not None and ref["key"] != env["name"]:
            problems.append(f"{name}: {env['name']} comes from key {ref['key']}; name them alike")
    return variables, problems


def _deployment_variables(build: str, name: str) -> tuple[set[str], list[str]]:
    [container] = resources(build, "Deployment")[name]["spec"]["template"]["spec"]["containers"]
    return _container_variables(container, resources(build, "ConfigMap"), name)


@pytest.mark.parametrize("build", BUILDS)
@pytest.mark.parametrize("name", DEPLOYABLES)
def test_kubernetes_sets_only_variables_the_settings_read_and_every_required_one(build, name):
    variables, problems = _deployment_variables(build, name)
    assert not problems
    unknown = variables - settings_variables(name)
    assert not unknown, f"{name}: {sorted(unknown)} are read by no Settings field of {name}"
    missing = required_variables(name) - variables
    assert not missing, f"{name}: required {sorted(missing)} are set nowhere"


@pytest.mark.parametrize("build", BUILDS)
def test_the_topic_job_sets_only_variables_the_command_reads(build):
    [container] = resources(build, "Job")[TOPIC_JOB]["spec"]["template"]["spec"]["containers"]
    assert "envFrom" not in container, "the job's few variables are listed in its env"
    variables, problems = _container_variables(container, {}, TOPIC_JOB)
    assert not problems
    assert variables <= topics.environment_variables(), sorted(variables - topics.environment_variables())


def test_in_production_the_topic_job_connects_like_the_services_with_its_own_principal():
    [container] = resources("production", "Job")[TOPIC_JOB]["spec"]["template"]["spec"]["containers"]
    env = {e["name"]: e for e in container["env"]}
    assert env["TOPICS_KAFKA_SASL_PASSWORD"]["valueFrom"]["secretKeyRef"]["key"] == "TOPICS_KAFKA_SASL_PASSWORD"
    assert "value" not in env["TOPICS_KAFKA_SASL_PASSWORD"], "a password belongs in a Secret"
    mounts = {m["mountPath"] for m in container["volumeMounts"]}
    principals = set()
    for service in SERVICES:
        config = resources("production", "ConfigMap")[f"{service}-config"]["data"]
        prefix = f"{service.upper()}_"
        for setting in ("KAFKA_TLS", "KAFKA_TLS_CA_FILE", "KAFKA_SASL_MECHANISM"):
            assert env[f"TOPICS_{setting}"]["value"] == config[prefix + setting], setting
        principals.add(config[prefix + "KAFKA_SASL_USERNAME"])
        service_variables, _ = _deployment_variables("production", service)
        assert prefix + "KAFKA_SASL_PASSWORD" in service_variables
    job_principal = env["TOPICS_KAFKA_SASL_USERNAME"]["value"]
    assert job_principal not in principals, "the job has its own principal"
    acls = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    assert f"User:{job_principal} --operation Create" in acls, "docs/security.md shows the job's ACLs"
    ca_file = env["TOPICS_KAFKA_TLS_CA_FILE"]["value"]
    assert any(ca_file.startswith(mount + "/") for mount in mounts), f"{ca_file} is not mounted into the job"


@pytest.mark.parametrize("build", BUILDS)
def test_every_config_map_of_a_deployable_is_loaded_by_it(build):
    config_maps = {name for name in resources(build, "ConfigMap") if name.endswith("-config")}
    assert config_maps == {f"{name}-config" for name in DEPLOYABLES}
    for name, deployment in resources(build, "Deployment").items():
        [container] = deployment["spec"]["template"]["spec"]["containers"]
        assert {"configMapRef": {"name": f"{name}-config"}} in container["envFrom"], name
