"""The authorization matrix of docs/security.md against the five services as deployed (their real apps, over the
in-memory fakes of their unit tests): every route listed and no other, and each route called as each kind of
caller gets what its cell says. Open doors are expected failures until they are closed."""

from datetime import UTC, datetime

import pytest
from analytics.config import AnalyticsSettings
from analytics.deps import AnalyticsDeps
from analytics.domain.systemic_issues import DetectionSettings
from analytics.main import create_app as analytics_app
from analytics.service import AnalyticsService
from complaint_contracts import ComplaintReceived, ComplaintRouted
from complaints_calendar import load_calendars
from complaints_chassis.clock import Clock
from intake.adapters.rate_limiter import RateLimiter
from intake.config import IntakeSettings
from intake.deps import IntakeDeps
from intake.main import create_app as intake_app
from intake.usecases import DataKeysService
from notification.adapters.rendering import TemplateRenderer
from notification.config import NotificationSettings
from notification.deps import NotificationDeps
from notification.domain.links import SiteLinks
from notification.domain.recipients import StaffDirectory
from notification.main import create_app as notification_app
from notification.service import NotificationService
from prometheus_client import CollectorRegistry
from resolution.adapters.metrics import ResolutionMetrics
from resolution.adapters.template_files import load_template_sets
from resolution.config import ResolutionSettings
from resolution.deps import ResolutionDeps
from resolution.domain.access import Principal, Role
from resolution.domain.policy import CasePolicy
from resolution.domain.states import CaseState
from resolution.main import create_app as resolution_app
from resolution.service import ResolutionService
from routing.adapters.rules_files import load_rules, load_teams
from routing.config import RoutingSettings
from routing.deps import RoutingDeps
from routing.domain.rulebook import RuleBook
from routing.main import create_app as routing_app

from tests.support.authz_matrix import ALLOWED, CALLERS, Row, Stand, call, read_matrix, routes_of
from tests.support.caused import PublishedWithTheWrite
from tests.support.staff import TEST_JWT_SECRET
from tests.unit.analytics.fakes import FakeFactStore, FakeMetrics
from tests.unit.intake.test_access_and_files import Desk
from tests.unit.intake.test_export import Exports
from tests.unit.notification.fakes import (
    FakeNotificationStore,
    FakeOutcomePublisher,
    ForgettingKeys,
    RecordingCounter,
)
from tests.unit.resolution.builders import ALWAYS_OPEN, OneCalendar, open_case_in
from tests.unit.resolution.fake_records import FakeComplaintRecords, FakeCorrectiveActions, FakeExportLog
from tests.unit.resolution.fakes import FakeCaseStore, FakeWorkloadCounters
from tests.unit.routing.entrypoints.personal_data_fake import make_privacy
from tests.unit.routing.fakes import FakeRoutingStore, FakeRules, make_service

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
TEAM, DEPARTMENT = "support-en-1", "customer_support"
"""Where the complaints of the test belong, and the team and department claims of every token but the outsiders'."""
COMMON = {"kafka_bootstrap": "127.0.0.1:9", "mongo_url": "mongodb://127.0.0.1:9", "jwt_secret": TEST_JWT_SECRET}
MATRIX = read_matrix()


def idle() -> None:
    """Stands for waking an outbox relay: nothing is published here."""


class Intakes(Exports, Desk):
    """Every use case of intake's API over the same fakes, as intake's unit tests build them."""


async def intake_stand() -> Stand:
    """Intake holding one complaint with a file, routed to the test's team."""
    intake = Intakes()
    receipt = (await intake.file()).receipt
    await intake.customers.follow(events=[ComplaintRouted(
        complaint_id=receipt.complaint_id, department=DEPARTMENT, team=TEAM, rules_version="1", kind="complaint",
        category="delivery", priority="medium", regime="none", time=NOW)])
    settings = IntakeSettings(**COMMON)
    app = intake_app(settings)
    metrics = intake.customers.metrics
    app.state.deps = IntakeDeps(
        settings=settings, filing=intake.filing, customers=intake.customers, access_codes=intake.codes,
        staff_files=intake.files, erasure=intake.erasure, export=intake.exports, metrics=metrics,
        data_keys=DataKeysService(keys=intake.keys, readers={}, metrics=metrics, subjects=intake.subjects),
        requests=RateLimiter(allowance=settings.requests_per_minute))
    return Stand(app, {"tracking_number": receipt.tracking_number, "access_code": receipt.access_code,
                       "complaint_id": receipt.complaint_id, "attachment_id": next(iter(intake.store.attachments)),
                       "erasure_id": "er-matrix-unknown"})


async def routing_stand() -> Stand:
    app = routing_app(RoutingSettings(**COMMON, fingerprint_key="unit-test-fingerprint-key"))
    book = RuleBook(rules=load_rules(), teams=load_teams(), calendars=load_calendars())
    service = make_service(store=FakeRoutingStore(), rules=FakeRules(book), registry=CollectorRegistry())
    await service.route(received=[ComplaintReceived(
        complaint_id="c-matrix-routed-1", tracking_number="CMP-7K3Q-9XWA-F", received_at=NOW, time=NOW,
        channel="web", customer={"name": "Sam Carter", "email": "sam@example.org"}, title="Parcel late",
        description="My parcel is two weeks late.")])
    app.state.deps = RoutingDeps(service=service, privacy=make_privacy())
    return Stand(app, {"complaint_id": "c-matrix-routed-1"})


async def resolution_stand() -> Stand:
    store = FakeCaseStore()
    service = ResolutionService(
        store=store, workloads=FakeWorkloadCounters(store.published),
        open_case_counts=FakeWorkloadCounters([], announces=False), records=FakeComplaintRecords(),
        actions=FakeCorrectiveActions(), exports=FakeExportLog(),
        clock=lambda: NOW, calendars=OneCalendar(ALWAYS_OPEN), policy=CasePolicy(), notify=idle,
        opened=PublishedWithTheWrite(),
        metrics=ResolutionMetrics(CollectorRegistry()), templates=load_template_sets(), clock_control=Clock())
    cases = [open_case_in(CaseState.INVESTIGATING, complaint_id=cid, team=TEAM, department=DEPARTMENT)
             for cid in ("c-matrix-case-0001", "c-matrix-case-0002")]
    for case in cases:
        store.put(case)
    raised = await service.raise_corrective_action(
        principal=Principal(subject="emp-quality", roles=frozenset({Role.QUALITY})),
        complaint_ids=[cases[0].complaint_id], reason="", action_id="ca-matrix-1", root_cause="courier",
        action="Retrain", owner="emp-capa-owner")
    app = resolution_app(ResolutionSettings(**COMMON))
    app.state.deps = ResolutionDeps(service=service, clock=Clock())
    return Stand(app, {"complaint_id": cases[0].complaint_id, "other_complaint_id": cases[1].complaint_id,
                       "action_id": raised.action_id, "step_id": "s-0", "task_id": "t-0", "team": "support-en-2"})


def analytics_stand() -> Stand:
    app = analytics_app(AnalyticsSettings(**COMMON))
    app.state.deps = AnalyticsDeps(service=AnalyticsService(
        store=FakeFactStore(), clock=lambda: NOW, notify=idle, metrics=FakeMetrics(),
        detection=DetectionSettings(), calendars=load_calendars(), report_max_facts=1000, transparency_min_count=10))
    return Stand(app, {"regime": "uk_fca_disp"})


def notification_stand() -> Stand:
    app = notification_app(NotificationSettings(**COMMON, smtp_host="127.0.0.1"))
    store = FakeNotificationStore()
    service = NotificationService(
        store=store, notifiers={}, renderer=TemplateRenderer(), directory=StaffDirectory(),
        links=SiteLinks.under("https://complaints.example.org/", organisation="Northwind Retail"),
        clock=lambda: NOW, metrics=RecordingCounter(), outcomes=FakeOutcomePublisher(store), keys=ForgettingKeys())
    app.state.deps = NotificationDeps(service=service, notifiers={})
    return Stand(app, {})


@pytest.fixture(scope="module")
async def stands() -> dict[str, Stand]:
    return {"intake": await intake_stand(), "routing": await routing_stand(), "resolution": await resolution_stand(),
            "analytics": analytics_stand(), "notification": notification_stand()}


def test_the_matrix_lists_every_route_of_every_service_and_no_other(stands):
    served = {(service, *route) for service, stand in stands.items() for route in routes_of(stand.app)}
    listed = [(row.service, row.method, row.path) for row in MATRIX]

    assert sorted(served - set(listed)) == [], "routes the matrix in docs/security.md does not list"
    assert sorted(set(listed) - served) == [], "rows of the matrix for routes no service has"
    assert len(listed) == len(set(listed)), "a route listed twice"


def cells(*, where=lambda row, caller: True) -> list:
    """One test case per (route, caller) the filter keeps; an open door is expected to fail (strictly)."""
    return [pytest.param(row, caller, id=f"{row.service} {row.method} {row.path} as {caller}",
                         marks=[pytest.mark.xfail(strict=True, reason="an open door (docs/security.md): the route "
                                                  "answers where the matrix says it should not")]
                         if row.cells[caller].open_door else [])
            for row in MATRIX for caller in CALLERS if where(row, caller)]


@pytest.mark.parametrize(("row", "caller"), cells())
async def test_each_caller_gets_what_the_matrix_says(stands, row: Row, caller: str):
    rule = row.cells[caller].rule

    answer = await call(stands[row.service], row, caller, team=TEAM, department=DEPARTMENT)

    refusals = {401, 403, 404} if row.customer_route else {401, 403}
    if rule in ALLOWED:
        assert answer.status_code not in refusals, answer.text
    elif rule == "code":
        assert (answer.status_code, answer.json()["type"]) == (404, "/problems/not-found"), answer.text
    else:
        assert answer.status_code == int(rule), answer.text
        assert answer.headers["content-type"] == "application/problem+json"
    if rule == "401":
        assert answer.headers["WWW-Authenticate"], "a 401 names the scheme it wants"


@pytest.mark.parametrize(("row", "caller"), cells(where=lambda row, caller: row.cells[caller].rule in {"team", "dept"}))
async def test_a_role_limited_to_its_team_or_department_is_refused_outside_them(stands, row: Row, caller: str):
    answer = await call(stands[row.service], row, caller, team="support-other-9", department="other_department")

    assert answer.status_code == 403, answer.text
