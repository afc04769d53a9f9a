"""Other services asked for their part of an access export: with the caller's token, in parts of at most 1000
complaints; one that fails is reported in the export and counted, the others' parts stand."""

import httpx
from intake.adapters.export_sources import EXPORT_PATH, HttpExportSources
from intake.adapters.metrics import IntakeMetrics
from prometheus_client import CollectorRegistry

TOKEN = "Bearer privacy-officer-token"


def _routing(request: httpx.Request) -> httpx.Response:
    if request.url.host == "down":
        raise httpx.ConnectError("refused", request=request)
    if request.url.host == "broken":
        return httpx.Response(500, json={"title": "Internal Server Error"})
    assert (request.method, request.url.path, request.headers["authorization"]) == ("POST", EXPORT_PATH, TOKEN)
    ids = httpx.Response(200, content=request.content).json()["complaint_ids"]
    assert len(ids) <= 1000
    return httpx.Response(200, json={"service": request.url.host,
                                     "complaints": {i: {"decision": "billing"} for i in ids if i != "c-unknown"}})


async def test_each_service_answers_for_its_part_and_a_failing_one_is_named_with_its_error() -> None:
    registry = CollectorRegistry()
    sources = HttpExportSources({"routing": "http://routing", "broken": "http://broken", "down": "http://down"},
                                timeout_seconds=1.0, metrics=IntakeMetrics(registry),
                                transport=httpx.MockTransport(_routing))
    ids = [f"c-{i:016x}" for i in range(1500)] + ["c-unknown"]
    parts = await sources.gather(ids, authorization=TOKEN)
    await sources.close()
    assert sources.names == ["broken", "down", "routing"]
    assert len(parts["routing"]["complaints"]) == 1500 and "c-unknown" not in parts["routing"]["complaints"]
    assert parts["broken"] == {"error": "broken answered 500"}
    assert parts["down"] == {"error": "down did not answer usably (ConnectError)"}
    counted = {(name, outcome): registry.get_sample_value("complaints_intake_export_sources_total",
                                                          {"source": name, "outcome": outcome})
               for name in sources.names for outcome in ("answered", "failed")}
    assert counted == {("routing", "answered"): 1.0, ("routing", "failed"): None, ("broken", "answered"): None,
                       ("broken", "failed"): 1.0, ("down", "answered"): None, ("down", "failed"): 1.0}
