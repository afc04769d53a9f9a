"""docker-compose.yml cannot run here (no Docker engine): it is validated against the Compose Specification's JSON
schema and checked for what the production-like stack promises.

compose-spec.json beside this file is the schema of github.com/compose-spec/compose-spec (schema/compose-spec.json
at commit 170098ba07d9f53c383a41bfd4c5166b0a4529a6, Apache License 2.0), vendored unchanged.
"""

import copy
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from complaints_chassis.topics_admin import load_layout

from tests.support import promql
from tests.unit.deploy.deployment import (
    COMPOSE,
    COMPOSE_TEXT,
    DEPLOYABLES,
    FRONT_END,
    ROOT,
    SERVICES,
    required_variables,
    settings_class,
)

SCHEMA = json.loads((Path(__file__).parent / "compose-spec.json").read_text(encoding="utf-8"))
EXAMPLE_ENV = ROOT / "deploy" / "env" / "example.env"
KAFKA_NODES = ("kafka-1", "kafka-2", "kafka-3")
MONGO_MEMBERS = ("mongo-1", "mongo-2", "mongo-3")
BOOTSTRAP = ",".join(f"{node}:9092" for node in KAFKA_NODES)
INTERPOLATION = re.compile(r"\$\{(\w+)(?::?([-?])([^}]*))?\}")


def interpolated(text: str) -> dict:
    """The compose file as `docker compose` sees it with every variable set (defaults where given)."""
    return yaml.safe_load(INTERPOLATION.sub(lambda m: m.group(3) if m.group(2) == "-" else f"value-of-{m.group(1)}",
                                            text))


def schema_errors(document: dict) -> list[str]:
    validator = jsonschema.Draft7Validator(SCHEMA)
    return [f"{error.json_path}: {error.message}" for error in validator.iter_errors(document)]


def test_the_compose_file_follows_the_compose_specification():
    assert schema_errors(COMPOSE) == []
    assert schema_errors(interpolated(COMPOSE_TEXT)) == []


@pytest.mark.parametrize("mistake", [
    lambda c: c["services"]["intake"].update(enviroment={"X": "1"}),                       # a misspelt key
    lambda c: c["services"]["intake"]["depends_on"]["mongo-1"].update(condition="ready"),  # no such condition
    lambda c: c["services"]["kafka-1"].update(healthcheck={"test": "x", "intervall": "5s"}),
    lambda c: c.update(servics={}),                                                         # at the top
])
def test_the_schema_catches_mistakes(mistake):
    broken = copy.deepcopy(COMPOSE)
    mistake(broken)
    assert schema_errors(broken)


def test_every_variable_the_compose_file_reads_is_documented_in_the_example_env():
    documented = {line.split("=", 1)[0] for line in EXAMPLE_ENV.read_text(encoding="utf-8").splitlines()
                  if "=" in line and not line.startswith("#")}
    read = {name for name, _, _ in INTERPOLATION.findall(COMPOSE_TEXT)}
    assert read - documented <= {"KAFKA_CLUSTER_ID"}, f"{sorted(read - documented)} are not in {EXAMPLE_ENV.name}"


def test_secrets_come_from_the_environment_and_fail_when_unset():
    for secret in re.findall(r"\$\{(\w*(?:SECRET|PASSWORD|KEY)\w*)", COMPOSE_TEXT):
        assert f"${{{secret}:?" in COMPOSE_TEXT, f"{secret} must use ${{VAR:?…}} so a missing secret stops compose"


@pytest.mark.parametrize("service", DEPLOYABLES)
def test_compose_provides_every_required_setting(service):
    environment = COMPOSE["services"][service]["environment"]
    assert required_variables(service) <= set(environment), \
        f"{service} needs {sorted(required_variables(service) - set(environment))}"


@pytest.mark.parametrize("service", SERVICES)
def test_services_start_after_the_topics_and_the_replica_set_and_listen_outside(service):
    definition = COMPOSE["services"][service]
    assert definition["depends_on"] == {"kafka-topics": {"condition": "service_completed_successfully"},
                                        "mongo-1": {"condition": "service_healthy"}}
    environment = definition["environment"]
    assert environment[f"{service.upper()}_HTTP_HOST"] == "0.0.0.0"
    assert environment[f"{service.upper()}_KAFKA_BOOTSTRAP"] == BOOTSTRAP
    assert environment[f"{service.upper()}_KAFKA_CREATE_TOPICS"] == "false", "the topic job creates the topics"
    assert definition["build"] == {"context": ".", "args": {"SERVICE": service}}


def test_kafka_is_a_three_node_kraft_cluster():
    nodes = {name: COMPOSE["services"][name] for name in KAFKA_NODES}
    voters = {f"{i}@{name}:9093" for i, name in enumerate(KAFKA_NODES, start=1)}
    cluster_ids = set()
    for i, (name, node) in enumerate(nodes.items(), start=1):
        env = node["environment"]
        assert env["KAFKA_NODE_ID"] == i
        assert set(env["KAFKA_CONTROLLER_QUORUM_VOTERS"].split(",")) == voters
        assert env["KAFKA_PROCESS_ROLES"] == "broker,controller"
        assert env["KAFKA_ADVERTISED_LISTENERS"] == f"PLAINTEXT://{name}:9092"
        assert env["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"
        assert node["healthcheck"]["test"]
        assert any(volume.endswith(":/var/lib/kafka/data") for volume in node["volumes"])
        cluster_ids.add(env["CLUSTER_ID"])
    assert len(cluster_ids) == 1


def test_the_brokers_can_hold_what_topics_yaml_asks_for():
    layout = load_layout(ROOT / "deploy" / "kafka" / "topics.yaml")
    for spec in layout.specs():
        assert spec.replication_factor <= len(KAFKA_NODES), f"{spec.name}: more replicas than brokers"
        assert int(spec.config["min.insync.replicas"]) < spec.replication_factor, \
            f"{spec.name}: min.insync.replicas must leave room for one broker down"


def test_the_topic_job_runs_the_cli_on_topics_yaml_once_the_brokers_are_healthy():
    job = COMPOSE["services"]["kafka-topics"]
    assert job["command"] == ["complaints", "topics", "apply", "--file", "deploy/kafka/topics.yaml",
                              "--bootstrap", BOOTSTRAP]
    assert job["working_dir"] == "/app"
    assert "./deploy/kafka/topics.yaml:/app/deploy/kafka/topics.yaml:ro" in job["volumes"]
    assert job["restart"] == "no"
    assert job["depends_on"] == {name: {"condition": "service_healthy"} for name in KAFKA_NODES}
    assert job["build"]["context"] == "."
    assert "environment" not in job


def test_mongo_runs_as_a_three_member_replica_set_and_services_say_so():
    for name in MONGO_MEMBERS:
        assert COMPOSE["services"][name]["command"][:2] == ["--replSet", "rs0"]
    init = (ROOT / "deploy" / "mongo" / "init-replica-set.js").read_text(encoding="utf-8")
    assert set(re.findall(r'host: "([\w-]+):27017"', init)) == set(MONGO_MEMBERS)
    assert COMPOSE["services"]["mongo-1"]["healthcheck"]["test"]
    hosts = ",".join(f"{name}:27017" for name in MONGO_MEMBERS)
    for service in SERVICES:
        url = COMPOSE["services"][service]["environment"][f"{service.upper()}_MONGO_URL"]
        assert url == f"mongodb://{hosts}/?replicaSet=rs0"


def test_prometheus_runs_the_rules_and_sends_alerts_to_alertmanager():
    prometheus = COMPOSE["services"]["prometheus"]
    assert "./deploy/prometheus:/etc/prometheus:ro" in prometheus["volumes"]
    assert "--config.file=/etc/prometheus/prometheus.yml" in prometheus["command"]
    config = yaml.safe_load((ROOT / "deploy" / "prometheus" / "prometheus.yml").read_text(encoding="utf-8"))
    assert config["rule_files"] == ["alerts.yml"]
    [target] = config["alerting"]["alertmanagers"][0]["static_configs"][0]["targets"]
    host, port = target.split(":")
    assert host in COMPOSE["services"] and f"{port}:{port}" in COMPOSE["services"][host]["ports"]
    scraped = set()
    for job in promql.target_labels(ROOT / "deploy" / "prometheus" / "prometheus.yml").values():
        for labels in job:
            assert labels["instance"].split(":")[0] in COMPOSE["services"]
            scraped.add(labels["service"])
    assert scraped == set(DEPLOYABLES), "every process serving /metrics is scraped, the web front end too"
    assert set(DEPLOYABLES) <= set(prometheus["depends_on"])


def test_alertmanager_routes_every_severity_to_a_receiver():
    alertmanager = COMPOSE["services"]["alertmanager"]
    assert "./deploy/alertmanager:/etc/alertmanager:ro" in alertmanager["volumes"]
    config = yaml.safe_load((ROOT / "deploy" / "alertmanager" / "alertmanager.yml").read_text(encoding="utf-8"))
    receivers = {receiver["name"] for receiver in config["receivers"]}
    routes = config["route"]["routes"]
    assert config["route"]["receiver"] in receivers
    assert {route["receiver"] for route in routes} <= receivers
    routed = {matcher for route in routes for matcher in route["matchers"]}
    alerts = yaml.safe_load((ROOT / "deploy" / "prometheus" / "alerts.yml").read_text(encoding="utf-8"))
    severities = {rule["labels"]["severity"] for group in alerts["groups"] for rule in group["rules"]}
    assert {f'severity="{severity}"' for severity in severities} <= routed
    smarthost = config["global"]["smtp_smarthost"].split(":")[0]
    assert smarthost in COMPOSE["services"]


def test_grafana_is_provisioned_with_the_data_sources_and_the_dashboard():
    grafana = COMPOSE["services"]["grafana"]
    volumes = grafana["volumes"]
    assert "./deploy/grafana/provisioning:/etc/grafana/provisioning:ro" in volumes
    provisioning = ROOT / "deploy" / "grafana" / "provisioning"
    [provider] = yaml.safe_load((provisioning / "dashboards" / "dashboards.yml").read_text())["providers"]
    for dashboard in (ROOT / "deploy" / "grafana").glob("*.json"):
        mount = f"./deploy/grafana/{dashboard.name}:{provider['options']['path']}/{dashboard.name}:ro"
        assert mount in volumes, f"{dashboard.name} is not where the provider looks"
    sources = yaml.safe_load((provisioning / "datasources" / "datasources.yml").read_text())["datasources"]
    by_type = {source["type"]: source for source in sources}
    assert by_type["prometheus"]["isDefault"] is True, "the dashboard's ${datasource} variable picks the default"
    for source in sources:
        host = source["url"].split("//")[1].split(":")[0]
        assert host in COMPOSE["services"], f"{source['name']} points at {host}, which compose does not run"
    assert "${GRAFANA_ADMIN_PASSWORD:?" in COMPOSE_TEXT


def test_traces_flow_from_the_collector_to_jaeger():
    collector = COMPOSE["services"]["otel-collector"]
    [mount] = collector["volumes"]
    source, target = mount.split(":")[:2]
    assert f"--config={target}" in collector["command"]
    config = yaml.safe_load((ROOT / source).read_text(encoding="utf-8"))
    assert {"grpc", "http"} <= set(config["receivers"]["otlp"]["protocols"])
    [pipeline] = config["service"]["pipelines"].values()
    for exporter in pipeline["exporters"]:
        host = config["exporters"][exporter]["endpoint"].split(":")[0]
        assert host in COMPOSE["services"]
    assert "jaeger" in collector["depends_on"]
    assert {"4317:4317", "4318:4318"} <= set(collector["ports"])


def web_environment() -> dict[str, object]:
    """The web's environment in compose with the defaults, and secrets as long as example.env asks them to be."""
    environment = interpolated(COMPOSE_TEXT)["services"][FRONT_END]["environment"]
    return environment | {name: "s" * 48 for name in ("WEB_SESSION_SECRET", "WEB_JWT_SECRET")}


def web_settings(environment: dict[str, object], monkeypatch: pytest.MonkeyPatch):
    """The web's Settings as its container would read them from `environment` (the compose file's paths under
    /app read from this checkout, where the compose file mounts them from)."""
    for name, value in environment.items():
        text = str(value).lower() if isinstance(value, bool) else str(value)
        monkeypatch.setenv(name, f"{ROOT}/{text.removeprefix('/app/')}" if text.startswith("/app/") else text)
    return settings_class(FRONT_END)(_env_file=None)


def test_the_web_front_end_serves_on_8000_once_the_apis_it_calls_are_healthy():
    web = COMPOSE["services"][FRONT_END]
    assert web["build"] == {"context": ".", "args": {"SERVICE": FRONT_END}}
    assert web["ports"] == ["8000:8000"]
    environment = web["environment"]
    assert environment["WEB_HTTP_HOST"] == "0.0.0.0"
    called = {name.removeprefix("WEB_").removesuffix("_URL").lower(): url for name, url in environment.items()
              if name.endswith("_URL") and name != "WEB_PUBLIC_BASE_URL"}
    assert called == {service: f"http://{service}:8000" for service in ("intake", "routing", "resolution",
                                                                        "notification", "analytics")}
    assert web["depends_on"] == {service: {"condition": "service_healthy"} for service in called}
    assert not any("KAFKA" in name or "MONGO" in name for name in environment), "the web owns no store and no Kafka"


def test_mail_links_point_at_the_portal_compose_runs():
    services = interpolated(COMPOSE_TEXT)["services"]
    portal = services[FRONT_END]["environment"]["WEB_PUBLIC_BASE_URL"]
    assert services["notification"]["environment"]["NOTIFICATION_PUBLIC_BASE_URL"] == portal
    assert portal == "http://localhost:8000", "published on port 8000 of the host"


def test_the_web_starts_in_production_settings_without_the_development_sign_in(monkeypatch: pytest.MonkeyPatch):
    settings = web_settings(web_environment(), monkeypatch)
    assert (settings.environment, settings.dev_sign_in, settings.secure_cookies) == ("production", False, True)


def test_the_development_sign_in_needs_development_settings_said_explicitly(monkeypatch: pytest.MonkeyPatch):
    environment = web_environment()
    demo_staff = str(environment["WEB_DEMO_STAFF_FILE"])
    assert f"./{demo_staff.removeprefix('/app/')}:{demo_staff}:ro" in COMPOSE["services"][FRONT_END]["volumes"], \
        "the demo staff file is mounted where the web reads it"
    with pytest.raises(ValueError, match="WEB_DEV_SIGN_IN is allowed only with WEB_ENVIRONMENT=development"):
        web_settings({**environment, "WEB_DEV_SIGN_IN": "true"}, monkeypatch)
    settings = web_settings({**environment, "WEB_DEV_SIGN_IN": "true", "WEB_ENVIRONMENT": "development"},
                            monkeypatch)
    assert settings.dev_sign_in and settings.demo_staff_file is not None and settings.demo_staff_file.is_file()
