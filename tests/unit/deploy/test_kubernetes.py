"""The Kubernetes manifests: rendered with Kustomize (`kubectl kustomize`, as `kubectl apply -k` would), every
resource validated against the Kubernetes API schemas (kubernetes-validate, strict: unknown fields fail), and
checked for what the issue asks of them: probes, resources, disruption budgets, autoscalers, the topic job, and the
web front end's public host."""

from urllib.parse import urlsplit

import kubernetes_validate
import pytest
import yaml
from complaint_contracts.catalogue import CONSUMERS

from tests.unit.deploy.deployment import BUILDS, DEPLOYABLES, FRONT_END, ROOT, SERVICES, render, resources

KUBERNETES = ROOT / "deploy" / "kubernetes"
KUBERNETES_VERSION = "1.33.0"
"""The oldest Kubernetes the manifests must apply to (a currently supported release)."""
PARTITIONS = yaml.safe_load((ROOT / "deploy" / "kafka" / "topics.yaml").read_text())["defaults"]["partitions"]


def consumer_services() -> set[str]:
    return {service for consumers in CONSUMERS.values() for service in consumers}


@pytest.mark.parametrize("build", BUILDS)
def test_every_resource_is_valid_for_the_kubernetes_api(build):
    problems = []
    for doc in render(build):
        try:
            kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)
        except kubernetes_validate.ValidationError as error:
            problems.append(f"{doc['kind']}/{doc['metadata']['name']}: {error.message} at {list(error.path)}")
    assert not problems, "\n".join(problems)


def test_the_validator_refuses_a_misspelt_field():
    deployment = yaml.safe_load(yaml.safe_dump(resources("base", "Deployment")["intake"]))
    deployment["spec"]["template"]["spec"]["containers"][0]["imagePullPolicyy"] = "Always"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSION, strict=True)


@pytest.mark.parametrize("build", BUILDS)
def test_one_deployment_service_and_budget_per_service_and_for_the_web(build):
    for kind in ("Deployment", "Service", "PodDisruptionBudget"):
        assert set(resources(build, kind)) == set(DEPLOYABLES), kind


@pytest.mark.parametrize("build", BUILDS)
@pytest.mark.parametrize("service", DEPLOYABLES)
def test_the_deployment_runs_the_service_with_probes_and_resources(build, service):
    deployment = resources(build, "Deployment")[service]
    pod = deployment["spec"]["template"]["spec"]
    [container] = pod["containers"]
    assert container["command"] == ["python", "-m", service]
    assert container["image"].split("/")[-1].split(":")[0] == "complaints-platform"
    assert container["ports"] == [{"name": "http", "containerPort": 8000}]
    assert container["livenessProbe"]["httpGet"] == {"path": "/livez", "port": "http"}
    assert container["startupProbe"]["httpGet"] == {"path": "/livez", "port": "http"}
    assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}
    resources_ = container["resources"]
    assert {"cpu", "memory"} <= set(resources_["requests"]), "the autoscaler needs a CPU request"
    assert "memory" in resources_["limits"]
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert pod["securityContext"]["runAsNonRoot"] is True
    config = resources(build, "ConfigMap")[f"{service}-config"]["data"]
    graceful = int(config[f"{service.upper()}_GRACEFUL_TIMEOUT_SECONDS"])
    assert pod["terminationGracePeriodSeconds"] > graceful, "Kubernetes must not kill a shutdown in progress"
    selector = deployment["spec"]["selector"]["matchLabels"]
    assert resources(build, "Service")[service]["spec"]["selector"] == selector
    assert resources(build, "PodDisruptionBudget")[service]["spec"]["selector"]["matchLabels"] == selector


@pytest.mark.parametrize("build", BUILDS)
def test_every_consumer_service_and_the_web_scale_on_cpu_consumers_up_to_the_partitions(build):
    autoscalers = resources(build, "HorizontalPodAutoscaler")
    assert set(autoscalers) == consumer_services() | {FRONT_END}
    budgets = resources(build, "PodDisruptionBudget")
    for name, hpa in autoscalers.items():
        spec = hpa["spec"]
        assert spec["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": name}
        [metric] = spec["metrics"]
        assert metric["resource"]["name"] == "cpu"
        if name in consumer_services():
            assert spec["maxReplicas"] <= PARTITIONS, "pods beyond the partition count would idle"
        assert spec["minReplicas"] > budgets[name]["spec"]["minAvailable"], "a drain must be able to evict a pod"


@pytest.mark.parametrize("build", BUILDS)
def test_the_topic_job_applies_topics_yaml_with_the_cli(build):
    job = resources(build, "Job")["kafka-topics"]
    pod = job["spec"]["template"]["spec"]
    [container] = pod["containers"]
    command = container["command"]
    assert command[:5] == ["complaints", "topics", "apply", "--file", "deploy/kafka/topics.yaml"]
    assert command[5] == "--bootstrap" and len(command) == 7
    assert container["workingDir"] == "/app"
    [mount] = [m for m in container["volumeMounts"] if m["name"] == "topics"]
    assert mount["mountPath"] == "/app/deploy/kafka"
    [volume] = [v for v in pod["volumes"] if v["name"] == "topics"]
    config_map = resources(build, "ConfigMap")[volume["configMap"]["name"]]
    assert config_map["data"]["topics.yaml"] == (ROOT / "deploy" / "kafka" / "topics.yaml").read_text()
    assert "envFrom" not in container, "its variables are checked in test_settings_variables.py"
    bootstrap = command[6]
    for service in SERVICES:
        assert resources(build, "ConfigMap")[f"{service}-config"]["data"][f"{service.upper()}_KAFKA_BOOTSTRAP"] \
            == bootstrap, "the job creates the topics on the brokers the services use"


def test_production_runs_the_released_image_in_its_namespace():
    for doc in render("production"):
        if doc["kind"] != "Namespace":
            assert doc["metadata"]["namespace"] == "complaints"
    for deployment in resources("production", "Deployment").values():
        image = deployment["spec"]["template"]["spec"]["containers"][0]["image"]
        assert ":" in image and not image.endswith(":latest")


@pytest.mark.parametrize("build", BUILDS)
def test_the_readme_documents_keda_lag_based_scaling_and_every_secret(build):
    readme = (KUBERNETES / "README.md").read_text(encoding="utf-8")
    assert "KEDA" in readme and "kafka" in readme.lower() and "lagThreshold" in readme
    workloads = [*resources(build, "Deployment").values(), *resources(build, "Job").values()]
    for workload in workloads:
        name = workload["metadata"]["name"]
        for env in workload["spec"]["template"]["spec"]["containers"][0].get("env", []):
            ref = env.get("valueFrom", {}).get("secretKeyRef")
            if ref is None:
                continue
            # A row that holds for every service names the key <SERVICE>_… and the Secret <service>-secrets.
            per_service = name in SERVICES
            key_rows = {f"`{ref['key']}`"} | ({f"`<SERVICE>_{ref['key'].removeprefix(name.upper() + '_')}`"}
                                              if per_service else set())
            secret_rows = {f"`{ref['name']}`"} | ({"`<service>-secrets`"} if per_service else set())
            assert any(row in readme for row in key_rows), f"README.md does not say how to create {ref['key']}"
            assert any(row in readme for row in secret_rows), f"README.md does not name the Secret {ref['name']}"


def test_the_portal_is_served_on_its_public_host_over_tls_only_in_production():
    assert resources("base", "Ingress") == {}, "the base exposes nothing: each installation picks its host"
    [ingress] = resources("production", "Ingress").values()
    web = resources("production", "ConfigMap")["web-config"]["data"]
    public = urlsplit(web["WEB_PUBLIC_BASE_URL"])
    assert public.scheme == "https" and public.path in ("", "/")
    [rule] = ingress["spec"]["rules"]
    assert rule["host"] == public.hostname
    [path] = rule["http"]["paths"]
    assert (path["path"], path["pathType"]) == ("/", "Prefix")
    service = resources("production", "Service")[path["backend"]["service"]["name"]]
    assert service["metadata"]["name"] == FRONT_END, "only the web front end is public, never a service's API"
    assert path["backend"]["service"]["port"]["name"] in {port["name"] for port in service["spec"]["ports"]}
    assert any(public.hostname in tls["hosts"] and tls["secretName"] for tls in ingress["spec"]["tls"])
    notification = resources("production", "ConfigMap")["notification-config"]["data"]
    assert notification["NOTIFICATION_PUBLIC_BASE_URL"] == web["WEB_PUBLIC_BASE_URL"], "links in mail: the portal"


def test_production_signs_staff_in_with_the_identity_provider_and_keeps_its_secrets_secret():
    web = resources("production", "ConfigMap")["web-config"]["data"]
    assert web["WEB_ENVIRONMENT"] == "production" and "WEB_DEV_SIGN_IN" not in web
    assert urlsplit(web["WEB_OIDC_METADATA_URL"]).scheme == "https"
    assert web["WEB_OIDC_METADATA_URL"].endswith("/.well-known/openid-configuration") and web["WEB_OIDC_CLIENT_ID"]
    [container] = resources("production", "Deployment")[FRONT_END]["spec"]["template"]["spec"]["containers"]
    secret = {env["name"]: env["valueFrom"]["secretKeyRef"]["name"] for env in container["env"]}
    assert secret == {"WEB_SESSION_SECRET": "web-secrets", "WEB_OIDC_CLIENT_SECRET": "web-secrets"}
    assert not {"WEB_SESSION_SECRET", "WEB_OIDC_CLIENT_SECRET", "WEB_JWT_SECRET"} & set(web)
