"""The HTTP face every service shares: probes, metrics per route and status, API docs served without a CDN."""

import pytest
from complaints_chassis.http import create_http_app
from complaints_chassis.metrics import ChassisMetrics
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient
from prometheus_client import CollectorRegistry

from .conftest import no_lifespan


def make_app(*, docs_enabled: bool = True, registry: CollectorRegistry | None = None) -> FastAPI:
    router = APIRouter()

    @router.get("/complaints/{complaint_id}")
    async def show(complaint_id: str) -> dict[str, str]:
        return {"complaint_id": complaint_id}

    return create_http_app(title="Complaints probe", version="1", description="", lifespan=no_lifespan,
                           registry=registry or CollectorRegistry(), readiness={}, routers=[router],
                           docs_enabled=docs_enabled)


def test_livez_is_the_liveness_probe_under_the_name_kubernetes_uses() -> None:
    client = TestClient(make_app())
    assert client.get("/livez").json() == client.get("/healthz").json() == {"status": "ok"}


def test_requests_are_counted_by_route_template_and_status_never_by_raw_path() -> None:
    registry = CollectorRegistry()
    client = TestClient(make_app(registry=registry))
    client.get("/complaints/c-5f0c2d3a9b8e4f61")
    client.get("/complaints/c-000000000000ffff")
    client.get("/no/such/c-5f0c2d3a9b8e4f61")
    client.get("/healthz")

    assert registry.get_sample_value("http_requests_total", {
        "handler": "/complaints/{complaint_id}", "method": "GET", "status": "200"}) == 2
    assert registry.get_sample_value("http_requests_total", {"handler": "none", "method": "GET",
                                                             "status": "404"}) == 1
    assert registry.get_sample_value("http_request_duration_seconds_count", {
        "handler": "/complaints/{complaint_id}", "method": "GET"}) == 2
    exposed = client.get("/metrics/").text
    assert "c-5f0c2d3a9b8e4f61" not in exposed and "c-000000000000ffff" not in exposed
    assert 'handler="/healthz"' not in exposed  # probes are not API traffic


def test_process_and_garbage_collector_metrics_are_in_the_services_registry() -> None:
    registry = CollectorRegistry()
    ChassisMetrics(registry)
    exposed = TestClient(make_app(registry=registry)).get("/metrics/").text
    for family in ("process_cpu_seconds_total", "process_resident_memory_bytes", "process_open_fds",
                   "python_gc_collections_total", "python_info"):
        assert f"\n{family}" in exposed, family


def test_the_docs_page_loads_swagger_ui_from_the_service_itself() -> None:
    client = TestClient(make_app())
    page = client.get("/docs").text
    assert "cdn" not in page.lower() and "https://" not in page
    for asset in ("/docs-assets/swagger-ui-bundle.js", "/docs-assets/swagger-ui.css"):
        assert asset in page
        answer = client.get(asset)
        assert answer.status_code == 200 and len(answer.content) > 10_000
    assert "/docs-assets/redoc.standalone.js" in client.get("/redoc").text
    assert client.get("/openapi.json").json()["info"]["title"] == "Complaints probe"


@pytest.mark.parametrize("path", ["/docs", "/redoc", "/openapi.json", "/docs-assets/swagger-ui.css"])
def test_docs_can_be_switched_off_for_production(path: str) -> None:
    client = TestClient(make_app(docs_enabled=False), raise_server_exceptions=False)
    assert client.get(path).status_code == 404
    assert client.get("/complaints/c-5f0c2d3a9b8e4f61").status_code == 200


def test_the_document_is_still_generated_when_docs_are_not_served() -> None:
    assert "/complaints/{complaint_id}" in make_app(docs_enabled=False).openapi()["paths"]
