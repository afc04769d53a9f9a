"""Analytics on the real broker and store: facts from every service's events, KPIs, replay, systemic issues.

Other tests publish on the same topics, so every assertion is scoped to this module's own complaints (a product
named after a token, a period in June 2025 nobody else uses).
"""

import json
import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from analytics.adapters.documents import INDEXES
from analytics.adapters.store import MongoFactStore
from analytics.config import AnalyticsSettings
from analytics.deps import AnalyticsDeps
from analytics.domain import kpis, outcome_kpis
from analytics.domain.projections import batch_updates, build_facts, project
from analytics.domain.regulatory_return import regulatory_return
from analytics.domain.selection import FactFilter
from analytics.entrypoints.replay import replay
from analytics.main import create_app
from complaint_contracts import Deadline, topics
from complaint_contracts.base import Event
from complaints_calendar import load_calendars
from complaints_chassis import dead_letters as dl
from complaints_chassis.reading_from_start import seek_to_start
from fastapi import FastAPI

from tests.support.backends import Backend
from tests.support.kafka import eventually, produce_raw, read_until
from tests.support.settings import fast_settings
from tests.support.staff import TEST_JWT_SECRET, bearer, staff_token
from tests.unit.analytics.builders import received, reported, resolved, routed

from .lifecycle import JULY, JUNE, lifecycle


@dataclass
class Analytics:
    app: FastAPI
    deps: AnalyticsDeps
    store: MongoFactStore
    """The service's store, opened beside it for assertions (the app's routes and handlers reach it only
    through the use cases)."""
    backend: Backend
    group: str

    async def publish(self, events: Sequence[Event]) -> None:
        await self.app.state.runtime.publisher.publish(events)

    async def stored(self, ids: Sequence[str]) -> dict[str, dict]:
        cursor = self.store.facts.find({"complaint_id": {"$in": list(ids)}})
        return {doc["complaint_id"]: doc async for doc in cursor}

    async def get(self, path: str, *, role: str | None = "compliance", **params: str) -> httpx.Response:
        """GET a route as staff with `role` (a compliance officer by default: every report), or without a token."""
        transport = httpx.ASGITransport(app=self.app)
        headers = bearer(staff_token(role=role)) if role else {}
        async with httpx.AsyncClient(transport=transport, base_url="http://analytics", headers=headers) as client:
            return await client.get(path, params=params)


@pytest.fixture(scope="module")
async def analytics(backend: Backend) -> AsyncIterator[Analytics]:
    settings = fast_settings(AnalyticsSettings, backend, systemic_interval_seconds=0.3, metrics_interval_seconds=0.3,
                             jwt_secret=TEST_JWT_SECRET)
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        yield Analytics(app, app.state.deps, MongoFactStore(app.state.runtime.db), backend, settings.consumer_group)


async def _converged(analytics: Analytics, events: Sequence[Event]) -> dict[str, dict]:
    """Wait until the stored facts equal the in-memory projection of the events; return them."""
    expected = project(events)
    await eventually(lambda: _equals(analytics.stored(list(expected)), expected))
    return expected


async def test_a_scripted_lifecycle_yields_the_expected_kpis(analytics: Analytics) -> None:
    product, stories = lifecycle(uuid.uuid4().hex[:8])
    events = [event for story in stories.values() for event in story]
    await analytics.publish(events)
    await _converged(analytics, events)
    facts = build_facts(events)
    scope = {"product": product, "received_from": JUNE.isoformat(), "received_before": JULY.isoformat()}

    volume = (await analytics.get("/v1/volume", dimension="channel", granularity="month", **scope)).json()
    assert [(row["value"], row["count"]) for row in volume] == [("email", 4), ("phone", 4), ("web", 4)]
    outcomes = (await analytics.get("/v1/outcomes", **scope)).json()
    assert (outcomes["upheld_rate"]["numerator"], outcomes["upheld_rate"]["denominator"]) == (6, 9)
    assert (outcomes["reopen_rate"]["numerator"], outcomes["reopen_rate"]["denominator"]) == (1, 9)
    assert outcomes["satisfaction"]["average"] == 3.5
    assert outcomes["redress"] == [{"currency": "GBP", "offered": "25.00", "accepted": "25.00", "paid": "25.00"}]
    as_of = datetime(2025, 7, 1, tzinfo=UTC)
    backlog = (await analytics.get("/v1/backlog", as_of=as_of.isoformat(), **scope)).json()
    assert sum(row["count"] for row in backlog) == 3
    assert backlog == [row.model_dump(mode="json") for row in kpis.backlog(facts=facts, as_of=as_of)]
    timings = (await analytics.get("/v1/timings", **scope)).json()
    assert timings == [row.model_dump(mode="json") for row in kpis.time_to_milestones(facts=facts)]
    compliance = (await analytics.get("/v1/compliance", as_of=as_of.isoformat(), **scope)).json()
    service = next(row for row in compliance if row["clock"] == "service")
    assert (service["met"], service["breached"]) == (11, 1)
    causes = (await analytics.get("/v1/root-causes", **scope)).json()
    assert causes == [row.model_dump(mode="json") for row in outcome_kpis.root_cause_pareto(facts=facts)]


async def test_the_regulatory_return_counts_the_period_on_the_business_calendar(analytics: Analytics) -> None:
    _, stories = lifecycle(uuid.uuid4().hex[:8])
    events = [event for story in stories.values() for event in story]
    await analytics.publish(events)
    await _converged(analytics, events)
    # The return covers every complaint, not one product: compare with the reference over what is stored.
    facts = await analytics.store.find(FactFilter(received_before=JULY))
    answer = await analytics.get("/v1/returns/uk_fca_disp", period_start=JUNE.isoformat(),
                                 period_end=JULY.isoformat())

    expected = regulatory_return(facts=facts, regime="uk_fca_disp", period_start=JUNE, period_end=JULY,
                                 calendars=load_calendars())
    assert answer.status_code == 200
    assert answer.json() == json.loads(expected.model_dump_json())
    mine = regulatory_return(facts=build_facts(events), regime="uk_fca_disp", period_start=JUNE, period_end=JULY,
                             calendars=load_calendars())
    # Within three business days, by close of business (17:30 BST) on the third: 0 and 1 (Mon → Tue, Wed). 2 closes
    # on the third, Thursday, but at 22:00 BST; 3 (Tue 03:00 → Sat) after the window closed on Friday: two.
    assert mine.closed_by_time["within_3_business_days"] == 2
    assert (mine.opened, mine.closed, mine.outstanding_at_end) == (12, 9, 3)


async def test_duplicates_reordering_and_a_bad_record_change_nothing(analytics: Analytics) -> None:
    token = uuid.uuid4().hex[:8]
    product, stories = lifecycle(token)
    events = [event for story in stories.values() for event in story]
    junk_key = f"junk-{token}".encode()

    await analytics.publish(list(reversed(events)))  # closed before routed, paid before proposed…
    await produce_raw(analytics.backend.kafka_bootstrap, topics.INTAKE, key=junk_key, value=b"{not json")
    await analytics.publish(events[::2] + events)  # and everything again, some of it twice more

    await _converged(analytics, events)
    dead = await read_until(analytics.backend.kafka_bootstrap, topics.dlq(topics.INTAKE),
                            lambda r: r.key == junk_key and (dl.CONSUMER_GROUP, analytics.group.encode()) in r.headers)
    assert dict(dead.headers)[dl.ERROR_CLASS] == b"UndecodableEvent"
    volume = (await analytics.get("/v1/volume", dimension="product", granularity="month", product=product)).json()
    assert [row["count"] for row in volume] == [12]


async def test_a_replay_keeps_the_facts_whose_events_are_gone_and_converges_the_others(analytics: Analytics) -> None:
    product, stories = lifecycle(uuid.uuid4().hex[:8])
    gone, half, lost, *whole = stories
    # Facts from events the topics' retention has deleted: stored long ago, no longer on any topic. One complaint
    # lost only its first events (received, routed, acknowledged); the rest of its story is still there.
    deleted = stories[gone] + stories[half][:3]
    await analytics.store.apply(batch_updates(deleted))
    on_topics = stories[half][3:] + [event for cid in (lost, *whole) for event in stories[cid]]
    await analytics.publish(on_topics)
    expected = project(deleted + on_topics)
    await eventually(lambda: _equals(analytics.stored(list(expected)), expected))
    await analytics.store.facts.delete_one({"complaint_id": lost})  # e.g. the store restored from an older backup

    report = await replay(analytics.store.db, bootstrap=analytics.backend.kafka_bootstrap)

    assert await analytics.stored(list(expected)) == expected
    assert report.replayed >= len(stories) - 1 and report.projected >= len(on_topics)
    assert report.facts - report.replayed >= 1, "the fact without events was kept, not replayed"
    assert (report.truncated, report.left_out) == (False, 0), "the embedded broker keeps every record"
    indexes = {index["name"] async for index in await analytics.store.facts.list_indexes()}
    assert indexes == {"_id_", *INDEXES}
    assert len((await analytics.get("/v1/facts.csv", product=product)).text.splitlines()) == 1 + len(stories)


async def test_a_spike_raises_exactly_one_systemic_issue(analytics: Analytics) -> None:
    product = f"spike-{uuid.uuid4().hex[:8]}"
    now = datetime.now(UTC)
    spike = [received(f"c-{product}-{i}", now - timedelta(hours=i + 1), product=product) for i in range(6)]
    await analytics.publish(spike)

    def is_mine(record: ConsumerRecord) -> bool:
        return json.loads(record.value).get("value") == product

    first = await read_until(analytics.backend.kafka_bootstrap, topics.ANALYTICS, is_mine)
    issue = json.loads(first.value)
    assert sorted(issue["complaint_ids"]) == sorted(e.complaint_id for e in spike)
    assert issue["dimension"] == "product"
    rounds = await analytics.store.evaluations()
    await eventually(lambda: _at_least(analytics.store.evaluations(), rounds + 3))
    await analytics.deps.service.detect_systemic_issues()  # one more round, by hand, must not raise it again

    mine = [r for r in await _records_to_end(analytics.backend.kafka_bootstrap, topics.ANALYTICS) if is_mine(r)]
    assert len(mine) == 1
    await eventually(lambda: _all_flagged(analytics, [e.complaint_id for e in spike], issue["issue_id"]))
    metrics = (await analytics.get("/metrics/", role=None)).text
    assert 'complaints_systemic_issues_detected_total{dimension="product"}' in metrics


async def test_business_metrics_are_exposed_with_bounded_labels(analytics: Analytics) -> None:
    _, stories = lifecycle(uuid.uuid4().hex[:8])
    events = [event for story in stories.values() for event in story]
    await analytics.publish(events)
    await _converged(analytics, events)

    async def refreshed() -> bool:
        text = (await analytics.get("/metrics/", role=None)).text
        return 'complaints_backlog{age_bucket="56d+",priority="critical"}' in text

    await eventually(refreshed)
    text = (await analytics.get("/metrics/", role=None)).text
    for name in ("complaints_time_to_acknowledge_seconds_bucket", "complaints_time_to_first_response_seconds_count",
                 "complaints_time_to_resolve_seconds_sum", 'complaints_satisfaction_ratings_total{score="5"}'):
        assert name in text
    assert "c-" not in "".join(line for line in text.splitlines() if line.startswith("complaints_"))


@pytest.mark.parametrize(("path", "params", "field"), [
    ("/v1/volume", {"dimension": "colour"}, "dimension"),
    ("/v1/volume", {"granularity": "fortnight"}, "granularity"),
    ("/v1/backlog", {"as_of": "2025-06-01T00:00:00"}, "as_of"),
    ("/v1/timings", {"received_from": "2025-07-01T00:00:00Z", "received_before": "2025-06-01T00:00:00Z"},
     "received_before"),
    ("/v1/outcomes", {"priority": "urgent"}, "priority"),
    ("/v1/returns/mars_rules", {"period_start": "2025-06-01T00:00:00Z", "period_end": "2025-07-01T00:00:00Z"},
     "regime"),
    ("/v1/returns/uk_fca_disp", {"period_start": "2025-06-01T00:00:00Z"}, "period_end"),
    ("/v1/returns/uk_fca_disp", {"period_start": "2045-06-01T00:00:00Z", "period_end": "2045-07-01T00:00:00Z"},
     "period_start"),
    ("/v1/transparency", {"period_start": "2025-07-01T00:00:00Z", "period_end": "2025-06-01T00:00:00Z"},
     "period_end"),
    ("/v1/facts.csv", {"jurisdiction": "GBR"}, "jurisdiction"),
])
async def test_bad_query_parameters_get_a_problem_naming_the_field(analytics: Analytics, path, params, field) -> None:
    answer = await analytics.get(path, **params)
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    assert field in [error["field"] for error in answer.json()["errors"]]


async def test_exports_are_csv_without_personal_data(analytics: Analytics) -> None:
    product, stories = lifecycle(uuid.uuid4().hex[:8])
    events = [event for story in stories.values() for event in story]
    await analytics.publish(events)
    await _converged(analytics, events)

    facts = await analytics.get("/v1/facts.csv", product=product)
    volume = await analytics.get("/v1/volume", product=product, format="csv")
    transparency = await analytics.get("/v1/transparency", role=None, period_start=JUNE.isoformat(),
                                       period_end=JULY.isoformat())

    assert facts.headers["content-type"].startswith("text/csv")
    lines = facts.text.splitlines()
    assert lines[0].startswith("complaint_id,received_at,channel,product")
    assert len(lines) == 13
    assert "Alesia" not in facts.text and "alesia@example.org" not in facts.text
    assert volume.text.splitlines()[0] == "id,period_start,dimension,value,count"
    assert transparency.status_code == 200 and transparency.json()["received"]["suppressed"] is False


async def test_only_staff_read_the_reports_and_only_overseers_the_facts(analytics: Analytics) -> None:
    product, stories = lifecycle(uuid.uuid4().hex[:8])
    events = [event for story in stories.values() for event in story]
    await analytics.publish(events)
    await _converged(analytics, events)

    analyst_volume = await analytics.get("/v1/volume", role="analyst", product=product, granularity="month")
    analyst_facts = await analytics.get("/v1/facts.csv", role="analyst", product=product)
    agent_return = await analytics.get("/v1/returns/uk_fca_disp", role="agent", period_start=JUNE.isoformat(),
                                       period_end=JULY.isoformat())
    anonymous = await analytics.get("/v1/volume", role=None, product=product)
    supervisor_facts = await analytics.get("/v1/facts.csv", role="supervisor", product=product)

    assert sum(row["count"] for row in analyst_volume.json()) == 12
    assert (analyst_facts.status_code, agent_return.status_code, anonymous.status_code) == (403, 403, 401)
    assert {answer.headers["content-type"] for answer in (analyst_facts, agent_return, anonymous)} == {
        "application/problem+json"}
    assert product not in analyst_facts.text and product not in anonymous.text
    assert len(supervisor_facts.text.splitlines()) == 13


async def _all_flagged(analytics: Analytics, ids: list[str], issue_id: str) -> bool:
    docs = await analytics.stored(ids)
    key = issue_id.replace(".", "_")
    return len(docs) == len(ids) and all(doc.get("systemic_issues", {}).get(key) for doc in docs.values())


async def _records_to_end(bootstrap: str, topic: str) -> list[ConsumerRecord]:
    reader = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest")
    await reader.start()
    try:
        await reader._client.force_metadata_update()  # the public API has no "refresh metadata" call
        partitions = [TopicPartition(topic, p) for p in reader.partitions_for_topic(topic) or ()]
        end = await reader.end_offsets(partitions)
        reader.assign(partitions)
        seek_to_start(reader, partitions)
        records: list[ConsumerRecord] = []
        while any([await reader.position(tp) < end[tp] for tp in partitions]):
            for batch in (await reader.getmany(timeout_ms=500)).values():
                records += batch
        return records
    finally:
        await reader.stop()


async def _equals(value, expected) -> bool:
    return (await value) == expected


async def _at_least(value, minimum: int) -> bool:
    return (await value) >= minimum


async def test_mdr_deadlines_count_as_met_by_the_report_to_the_regulator_not_the_final_response(
        analytics: Analytics) -> None:
    product = f"pump-{uuid.uuid4().hex[:8]}"
    mdr = Deadline(name="mdr_report", clock="regulatory", due_at=JUNE + timedelta(days=30), basis="21 CFR 803.50")
    answered_only, reported_too = f"c-{product}-answered", f"c-{product}-reported"
    events: list[Event] = []
    for cid in (answered_only, reported_too):
        events += [received(cid, JUNE, product=product), routed(cid, JUNE, regime="us_fda_mdr", deadlines=(mdr,)),
                   resolved(cid, JUNE + timedelta(days=2))]
    events.append(reported(reported_too, JUNE + timedelta(days=4), filed_at=JUNE + timedelta(days=3)))
    await analytics.publish(events)
    await _converged(analytics, events)

    as_of = JUNE + timedelta(days=5)
    compliance = (await analytics.get("/v1/compliance", as_of=as_of.isoformat(), product=product)).json()

    regulatory = next(row for row in compliance if row["clock"] == "regulatory")
    assert (regulatory["met"], regulatory["breached"], regulatory["pending"]) == (1, 0, 1)
