"""The use cases of analytics against in-memory fakes of the store, the topics and the metrics."""

from datetime import UTC, datetime, timedelta

import pytest
from analytics.domain import projections
from analytics.domain.kpis import backlog
from analytics.domain.ports import LogBatch
from analytics.domain.projections import build_facts, project
from analytics.domain.replay_coverage import PartitionStart
from analytics.domain.selection import FactFilter, TooManyFacts
from analytics.domain.systemic_issues import DetectionSettings
from analytics.replay import TopicsTruncated, replay_facts
from analytics.service import AnalyticsService
from complaint_contracts import ComplaintReceived, WorkloadChanged
from complaints_calendar import CalendarNotCovered, load_calendars
from complaints_chassis.consumer import PermanentError

from tests.unit.analytics.builders import erased
from tests.unit.analytics.fakes import FakeEventLog, FakeFactStore, FakeMetrics

NOW = datetime(2026, 3, 30, 12, tzinfo=UTC)


class Harness:
    def __init__(self, *, report_max_facts: int = 1000, transparency_min_count: int = 10) -> None:
        self.store = FakeFactStore()
        self.metrics = FakeMetrics()
        self.notified = 0
        self.service = AnalyticsService(
            store=self.store, clock=lambda: NOW, notify=self._notify, metrics=self.metrics,
            detection=DetectionSettings(dimensions=("product",)), calendars=load_calendars(),
            report_max_facts=report_max_facts, transparency_min_count=transparency_min_count)

    def _notify(self) -> None:
        self.notified += 1


@pytest.fixture
def app() -> Harness:
    return Harness()


class TestProject:
    async def test_a_story_becomes_the_fact_the_reference_projection_builds(self, app, story):
        events = story.full("c-svc-0001")
        await app.service.project(events)
        assert await app.store.find(FactFilter()) == build_facts(events)

    async def test_a_batch_of_one_complaint_becomes_one_document(self, app, story):
        await app.service.project(story.full("c-svc-0001") + story.full("c-svc-0002"))
        assert sorted(app.store.documents) == ["c-svc-0001", "c-svc-0002"]

    async def test_events_without_a_fact_change_project_to_nothing(self, app):
        await app.service.project([WorkloadChanged(assignee="emp-1", team="support-1", open_cases=3, capacity=10)])
        assert app.store.documents == {}

    async def test_an_event_the_projection_cannot_read_is_a_permanent_error(self, app, story, monkeypatch):
        def broken(env, data):
            raise KeyError("complaint_id")

        monkeypatch.setitem(projections.HANDLERS, ComplaintReceived, broken)
        with pytest.raises(PermanentError, match="cannot project complaints.intake.ComplaintReceived"):
            await app.service.project([story.received("c-svc-0003", story.monday)])
        assert app.store.documents == {}

    async def test_replaying_the_same_run_changes_nothing(self, app, story):
        events = story.full("c-svc-0004")
        await app.service.project(events)
        await app.service.project(list(reversed(events)))
        assert app.store.documents == project(events)


def _spike(story, product: str, count: int = 6):
    return [story.received(f"c-{product}-{i}", NOW - timedelta(hours=i + 1), product=product) for i in range(count)]


class TestSystemicIssues:
    async def test_a_spike_is_queued_counted_and_announced_once(self, app, story):
        await app.service.project(_spike(story, "router-x"))
        assert await app.service.detect_systemic_issues() == 1
        assert await app.service.detect_systemic_issues() == 0  # the episode goes on: no second issue
        [issue] = app.store.outbox
        assert (issue.dimension, issue.value, len(issue.complaint_ids)) == ("product", "router-x", 6)
        assert app.metrics.issues == ["product"]
        assert app.notified == 1
        assert app.store.evaluations == [NOW, NOW]

    async def test_a_round_that_loses_to_a_concurrent_one_queues_nothing(self, app, story):
        await app.service.project(_spike(story, "router-y"))
        app.store.lose_next_save = True
        assert await app.service.detect_systemic_issues() == 0
        assert (app.store.outbox, app.metrics.issues, app.notified) == ([], [], 0)


class TestReports:
    async def test_backlog_defaults_to_now_and_leaves_out_later_receipts(self, app, story):
        events = [story.received("c-early-01", NOW - timedelta(days=5)),
                  story.received("c-later-02", NOW + timedelta(days=1))]
        await app.service.project(events)
        rows = await app.service.backlog(selection=FactFilter(), as_of=None)
        assert rows == backlog(facts=build_facts(events[:1]), as_of=NOW)
        assert sum(row.count for row in rows) == 1

    async def test_a_report_over_the_limit_is_refused(self, story):
        small = Harness(report_max_facts=1)
        await small.service.project(_spike(story, "router-w", count=2))
        with pytest.raises(TooManyFacts):
            await small.service.timings(selection=FactFilter())

    async def test_a_return_outside_the_calendar_data_is_refused(self, app):
        with pytest.raises(CalendarNotCovered, match="GB calendar"):
            await app.service.complaints_return(regime="uk_fca_disp", period_start=datetime(2045, 6, 1, tzinfo=UTC),
                                                period_end=datetime(2045, 7, 1, tzinfo=UTC), jurisdiction=None)

    async def test_a_return_counts_the_complaints_of_its_regime(self, app, story):
        await app.service.project(story.full("c-ret-0001"))
        answer = await app.service.complaints_return(
            regime="uk_fca_disp", period_start=datetime(2026, 3, 1, tzinfo=UTC),
            period_end=datetime(2026, 4, 1, tzinfo=UTC), jurisdiction=None)
        assert (answer.opened, answer.closed, answer.upheld.numerator) == (1, 1, 1)

    async def test_transparency_suppresses_below_the_configured_count(self, story):
        strict = Harness(transparency_min_count=2)
        await strict.service.project(story.full("c-pub-0001"))
        report = await strict.service.transparency(period_start=datetime(2026, 3, 1, tzinfo=UTC),
                                                   period_end=datetime(2026, 4, 1, tzinfo=UTC))
        assert report.min_count == 2 and report.received.suppressed

    async def test_fact_rows_follow_the_selection(self, app, story):
        await app.service.project(_spike(story, "router-v", count=2) + _spike(story, "router-u", count=1))
        rows = await app.service.fact_rows(selection=FactFilter(product="router-u"))
        assert [row["complaint_id"] for row in rows] == ["c-router-u-0"]


class TestReplay:
    async def test_the_facts_rebuilt_from_the_log_are_merged_into_the_live_ones(self, story):
        older = story.full("c-gone-0001")  # events the topics' retention has deleted
        live = FakeFactStore()
        await live.apply(projections.batch_updates(older))
        kept = dict(live.documents)
        events = story.full("c-log-0001")
        workload = WorkloadChanged(assignee="emp-1", team="support-1", open_cases=3, capacity=10)
        log = FakeEventLog([LogBatch(records=10, events=events[:8], unreadable=2),
                            LogBatch(records=len(events) - 7, events=[*events[8:], workload])])

        report = await replay_facts(store=live, source=log)

        assert live.documents == {**kept, **project(events)}
        assert (report.records, report.skipped, report.projected, report.replayed, report.facts) == (
            10 + len(events) - 7, 2, len(events), 1, 2)
        assert log.reads == [None]

    async def test_a_fact_whose_first_events_are_gone_keeps_them_and_gains_the_rest(self, story):
        events = story.full("c-half-0001")
        live = FakeFactStore()
        await live.apply(projections.batch_updates(events[:3]))  # the consumer saw the start, then lost the rest

        await replay_facts(store=live, source=FakeEventLog([LogBatch(len(events) - 3, events[3:])]))

        assert live.documents == project(events)

    async def test_replaying_what_the_live_facts_already_hold_changes_nothing(self, story):
        events = story.full("c-same-0001")
        live = FakeFactStore()
        await live.apply(projections.batch_updates(events))
        before = dict(live.documents)

        report = await replay_facts(store=live, source=FakeEventLog([LogBatch(len(events), list(reversed(events)))]))

        assert live.documents == before
        assert (report.replayed, report.facts) == (1, 1)

    async def test_an_event_the_projection_cannot_read_is_skipped(self, story, monkeypatch):
        def broken(env, data):
            raise KeyError("complaint_id")

        monkeypatch.setitem(projections.HANDLERS, ComplaintReceived, broken)
        events = story.full("c-log-0002")
        report = await replay_facts(store=FakeFactStore(), source=FakeEventLog([LogBatch(len(events), events)]))
        assert (report.skipped, report.projected) == (1, len(events) - 1)


def _starting_at(offset: int, oldest_record_at: datetime | None, topic: str = "complaints.intake.v1") -> list:
    """The log's partitions: one that retention moved to `offset`, whose record there is of `oldest_record_at`."""
    return [PartitionStart(topic, 3, offset, oldest_record_at), PartitionStart("complaints.routing.v1", 3, 0)]


class TestReplayOfTruncatedTopics:
    async def test_topics_that_no_longer_reach_back_to_the_oldest_fact_are_refused(self, story):
        live = FakeFactStore()
        await live.apply(projections.batch_updates(story.full("c-kept-0001")))
        before = dict(live.documents)
        log = FakeEventLog([LogBatch(3, story.full("c-new-0001")[:3])],
                           partitions=_starting_at(120, story.monday + timedelta(days=30)))

        with pytest.raises(TopicsTruncated) as refused:
            await replay_facts(store=live, source=log)

        message = str(refused.value)
        assert "complaints.intake.v1/3 starts at offset 120" in message
        assert story.monday.isoformat() in message and "--accept-truncated-topics" in message
        assert (live.documents, log.reads) == (before, [])

    async def test_a_start_moved_on_before_the_oldest_fact_is_no_reason_to_refuse(self, story):
        live = FakeFactStore()
        await live.apply(projections.batch_updates(story.full("c-kept-0002", story.monday)))
        events = story.full("c-new-0002", story.monday + timedelta(days=3))
        log = FakeEventLog([LogBatch(len(events), events)],
                           partitions=_starting_at(40, story.monday - timedelta(days=1)))

        report = await replay_facts(store=live, source=log)

        assert (report.truncated, report.replayed, report.facts) == (False, 1, 2)

    async def test_with_an_empty_store_any_truncated_partition_is_refused(self, story):
        log = FakeEventLog([], partitions=_starting_at(1, story.monday))
        with pytest.raises(TopicsTruncated, match="there are no facts yet"):
            await replay_facts(store=FakeFactStore(), source=log)

    async def test_the_override_merges_only_complaints_whose_history_starts_inside_the_topics(self, story):
        cutoff = story.monday + timedelta(days=10)
        live = FakeFactStore()
        kept = story.full("c-kept-0003", story.monday)
        await live.apply(projections.batch_updates(kept[:2]))  # stored before the topics lost its events
        stored = dict(live.documents)
        tail = kept[5:]  # the end of its story, still on the topics
        early = story.full("c-early-0003", cutoff - timedelta(hours=1))  # its receipt kept in a later segment
        new = story.full("c-new-0003", cutoff + timedelta(days=1))
        log = FakeEventLog([LogBatch(10, [*tail, *new[1:4]]),  # the new one's receipt comes in the second batch
                            LogBatch(20, [new[0], *early, *new[4:]])],
                           partitions=_starting_at(500, cutoff))

        report = await replay_facts(store=live, source=log, accept_truncated=True)

        assert live.documents == {**stored, **project(new)}
        assert (report.truncated, report.cutoff, report.left_out, report.replayed) == (True, cutoff, 2, 1)

    async def test_with_an_unreadable_start_the_override_merges_nothing(self, story):
        events = story.full("c-new-0004", story.monday + timedelta(days=20))
        live = FakeFactStore()
        await live.apply(projections.batch_updates(story.full("c-kept-0004")))
        before = dict(live.documents)

        report = await replay_facts(store=live, source=FakeEventLog([LogBatch(len(events), events)],
                                                                     partitions=_starting_at(9, None)),
                                    accept_truncated=True)

        assert live.documents == before
        assert (report.cutoff, report.left_out, report.replayed) == (None, 1, 0)


class TestErasure:
    async def test_an_erasure_is_kept_on_the_fact_once_with_the_first_time_and_reason(self, app, story):
        await app.service.project(story.full("c-gone-0005"))
        first = erased("c-gone-0005", story.monday + timedelta(days=5), reason="request")
        later = erased("c-gone-0005", story.monday + timedelta(days=900), reason="retention")
        await app.service.project([later, first, first])

        [fact] = await app.store.find(FactFilter())
        assert fact.erasure is not None
        assert (fact.erasure.at, fact.erasure.reason, fact.erasure.erasure_id) == (
            first.erased_at, "request", first.erasure_id)

    async def test_the_regulatory_return_and_the_transparency_report_are_the_same_after_an_erasure(self, app,
                                                                                                   story):
        complaints = [f"c-disp-{i:04d}" for i in range(12)]
        for i, cid in enumerate(complaints):
            await app.service.project(story.full(cid, story.monday + timedelta(hours=7 * i)))
        period = {"period_start": datetime(2026, 3, 1, tzinfo=UTC), "period_end": datetime(2026, 4, 1, tzinfo=UTC)}

        async def figures() -> tuple:
            disp = await app.service.complaints_return(regime="uk_fca_disp", jurisdiction=None, **period)
            public = await app.service.transparency(**period)
            return disp.model_dump(exclude={"generated_at"}), public.model_dump(exclude={"generated_at"})

        before = await figures()
        await app.service.project([erased(cid, story.monday + timedelta(days=6)) for cid in complaints[:5]])
        after = await figures()

        assert before[0]["opened"] == 12 and not before[1]["received"]["suppressed"]
        assert after == before
        assert sum(fact.erasure is not None for fact in await app.store.find(FactFilter())) == 5


class TestSubjectFacts:
    async def test_the_facts_of_the_asked_complaints_that_exist(self, app, story):
        await app.service.project(story.full("c-mine-0001") + story.full("c-other-0001"))

        facts = await app.service.subject_facts(complaint_ids=["c-mine-0001", "c-never-0001"])

        assert list(facts) == ["c-mine-0001"]
        assert facts["c-mine-0001"] == build_facts(story.full("c-mine-0001"))[0]
