"""One metric catalogue, tested against the running suite.

The suite runs, complaints are filed so the business metrics have series, and every service's `/metrics` is
scraped the way prometheus.yml says. Then every expression of the alert rules and of the dashboards is parsed
(tests/support/promql) and must name only metrics some service exports, match, group and join only on labels
their series carry, and — for alerts and panels alike — match label values that exist, so none of them queries
something that can never have data. The catalogue, deploy/prometheus/README.md, must list exactly the metrics
queried, with the types, labels and services the scrape shows.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
import yaml
from complaints_cli.suite import SERVICES, Suite
from complaints_cli.suite.processes import PROCESSES
from prometheus_client.parser import text_string_to_metric_families

from tests.e2e import journey
from tests.support import promql

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
PROMETHEUS_YML = DEPLOY / "prometheus" / "prometheus.yml"
README = DEPLOY / "prometheus" / "README.md"
BUSINESS_WAIT = 150.0
"""Seconds for the filed complaints to show in every business metric: analytics recomputes its metrics every
ANALYTICS_METRICS_INTERVAL_SECONDS (30 s by default) on a busy two-core machine."""

SERIES_SUFFIXES = {
    "counter": ("_total",),
    "gauge": ("",),
    "histogram": ("_bucket", "_sum", "_count"),
    "gaugehistogram": ("_bucket", "_gsum", "_gcount"),
    "summary": ("", "_sum", "_count"),
    "info": ("_info",),
    "stateset": ("",),
    "unknown": ("",),
}
"""The series a metric family of each type is exposed as. prometheus_client's text format exposes the `_created`
series of counters and histograms as gauge families of their own."""


@dataclass
class Series:
    """One series name as scraped from the services: which family and services, and the samples seen."""

    name: str
    family: str
    type: str
    services: set[str] = field(default_factory=set)
    samples: list[dict[str, str]] = field(default_factory=list)
    """The label sets of the samples (without the target labels)."""

    @property
    def labels(self) -> frozenset[str] | None:
        """Label names its samples carry; None when no service has shown a sample of it yet."""
        return frozenset().union(*self.samples) if self.samples else None


@dataclass
class Scrape:
    series: dict[str, Series]
    families: dict[str, dict[str, str]]
    """Service → family name (as exposed, counters with `_total`, histograms by base) → type."""
    targets: list[dict[str, str]]
    """The target label sets Prometheus attaches (job, instance, service)."""

    @property
    def target_label_names(self) -> frozenset[str]:
        return frozenset().union(*self.targets)

    def labels_of(self, name: str) -> frozenset[str] | None:
        """Labels a selector of `name` sees once Prometheus scraped it; for a series declared but without a
        sample, only the target labels: nothing else can be vouched for."""
        if name in promql.PROMETHEUS_SERIES:
            return self.target_label_names
        if name not in self.series:
            return None
        return (self.series[name].labels or frozenset()) | self.target_label_names


def scrape_all(suite: Suite) -> Scrape:
    jobs = promql.target_labels(PROMETHEUS_YML)
    assert set(jobs) == set(PROCESSES), "prometheus.yml scrapes exactly the five services and the web front end"
    paths = {job["job_name"]: job["metrics_path"] for job in _scrape_configs()}
    series: dict[str, Series] = {}
    families: dict[str, dict[str, str]] = {}
    for service in PROCESSES:
        # Prometheus follows the redirect from /metrics to /metrics/ too.
        answer = httpx.get(suite.url(service) + paths[service], timeout=10, follow_redirects=True)
        assert answer.status_code == 200, f"{service}: {answer.status_code}"
        families[service] = {}
        for family in text_string_to_metric_families(answer.text):
            exposed = family.name + ("_total" if family.type == "counter" else "")
            families[service][exposed] = family.type
            for suffix in SERIES_SUFFIXES[family.type]:
                name = family.name + suffix
                entry = series.setdefault(name, Series(name, family.name, family.type))
                if entry.type != family.type:
                    raise AssertionError(f"{name} is a {entry.type} in one service and a {family.type} in {service}")
                entry.services.add(service)
            for sample in family.samples:
                series[sample.name].samples.append(dict(sample.labels))
    targets = [labels for target_list in jobs.values() for labels in target_list]
    return Scrape(series, families, targets)


def _scrape_configs() -> list[dict]:
    return yaml.safe_load(PROMETHEUS_YML.read_text(encoding="utf-8"))["scrape_configs"]


def _has_samples(scrape: Scrape, *names: str) -> bool:
    return all(scrape.series.get(name) and scrape.series[name].samples for name in names)


@pytest.fixture(scope="module")
def scrape(suite: Suite) -> Scrape:
    """The services' metrics after two complaints went through intake, routing and on to analytics."""
    customers = [
        journey.file_complaint(suite, title="Savings interest never paid", product="savings-account",
                               description="The interest on my savings account was not paid and nobody answered."),
        journey.file_complaint(suite, title="Charged twice for one transfer", product="current-account",
                               description="The same transfer was taken from my current account twice."),
    ]
    for customer in customers:
        journey.routed(suite, customer.complaint_id)
    business = ("complaints_intake_received_total", "complaints_routing_decisions_total", "complaints_backlog",
                "complaints_notification_sent_total")
    return journey.wait_for(lambda: scrape_all(suite), lambda s: _has_samples(s, *business),
                            what=f"series of {', '.join(business)}", timeout=BUSINESS_WAIT, interval=2.0)


QUERIES = promql.deploy_queries(DEPLOY)


def _ids(queries: Iterable[promql.Query]) -> list[str]:
    return [query.where for query in queries]


def test_the_deployment_has_alerts_and_dashboard_queries() -> None:
    kinds = {query.kind for query in QUERIES}
    assert {"alert", "panel"} <= kinds


@pytest.mark.parametrize("query", QUERIES, ids=_ids(QUERIES))
def test_every_queried_metric_is_exported(scrape: Scrape, query: promql.Query) -> None:
    names = promql.metric_names(query.expr)
    unknown = sorted(name for name in names if name not in scrape.series and name not in promql.PROMETHEUS_SERIES)
    assert not unknown, (f"{query.where} queries {unknown}, which no service exports "
                         f"(they export {sorted({s.family for s in scrape.series.values()} - _runtime(scrape))})")


@pytest.mark.parametrize("query", QUERIES, ids=_ids(QUERIES))
def test_every_label_a_query_uses_is_on_the_series(scrape: Scrape, query: promql.Query) -> None:
    tree = promql.parse(query.expr)
    problems = promql.check_labels(tree, scrape.labels_of)
    silent = sorted({s.name for s in promql.selectors(tree)
                     if s.name in scrape.series and not scrape.series[s.name].samples})
    hint = (f"; {silent} show no series yet: the service must create the series of its known label values at "
            "start-up (see deploy/prometheus/README.md)") if silent else ""
    assert not problems, f"{query.where}: {problems}{hint}"


@pytest.mark.parametrize("query", QUERIES, ids=_ids(QUERIES))
def test_every_label_value_a_query_matches_exists(scrape: Scrape, query: promql.Query) -> None:
    """`clock="regulatory"`, `outcome="dead_lettered"`, `service=~"intake|…"`: a matcher that no series can
    satisfy is a query that never has data — an alert that can never fire."""
    target_names = scrape.target_label_names
    for selector in promql.selectors(promql.parse(query.expr)):
        positive = [m for m in selector.matchers if m.op in ("=", "=~") and not m.accepts("")]
        on_targets = [m for m in positive if m.label in target_names]
        on_series = [m for m in positive if m.label not in target_names]
        if on_targets:
            assert any(all(m.accepts(t.get(m.label, "")) for m in on_targets) for t in scrape.targets), \
                f"{query.where}: no scrape target has {_show(on_targets)}"
        if on_series and selector.name in scrape.series:
            samples = scrape.series[selector.name].samples
            assert any(all(m.accepts(s.get(m.label, "")) for m in on_series) for s in samples), (
                f"{query.where}: no series of {selector.name} has {_show(on_series)} "
                f"(it has {sorted({tuple(sorted(s.items())) for s in samples})[:10]}); a known label value must be "
                "created at start-up, at 0, so the first event counts")


def test_no_service_exports_a_label_the_scrape_would_rename(scrape: Scrape) -> None:
    # Prometheus renames a scraped label that clashes with a target label to exported_<name>.
    clashes = {name: sorted(s.labels & scrape.target_label_names) for name, s in scrape.series.items()
               if s.labels and s.labels & scrape.target_label_names}
    assert not clashes


def test_the_catalogue_lists_exactly_the_metrics_queried() -> None:
    catalogue = promql.read_catalogue(README)
    histograms = {name for name, row in catalogue.items() if row.type == "histogram"}
    queried = {promql.catalogue_name(name, histograms) for query in QUERIES for name in promql.metric_names(query.expr)}
    assert set(catalogue) == queried, (f"queried but not in README.md: {sorted(queried - set(catalogue))}; "
                                       f"in README.md but queried nowhere: {sorted(set(catalogue) - queried)}")


def test_the_catalogue_says_who_exports_what_with_which_labels(scrape: Scrape) -> None:
    problems = []
    for name, row in promql.read_catalogue(README).items():
        if not row.exported_by:
            if name not in promql.PROMETHEUS_SERIES:
                problems.append(f"{name}: only Prometheus' own series may be listed without a service")
            continue
        for service in row.exported_by:
            found = scrape.families[service].get(name)
            if found is None:
                problems.append(f"{name}: {service} does not export it")
            elif found != row.type:
                problems.append(f"{name}: {service} exports a {found}, README.md says {row.type}")
        exporters = {service for service, families in scrape.families.items() if name in families}
        if exporters != set(row.exported_by):
            problems.append(f"{name}: exported by {sorted(exporters)}, README.md says {sorted(row.exported_by)}")
        shown = _labels_shown(scrape, name, row.type)
        if shown is not None and shown != row.labels:
            problems.append(f"{name}: its series carry {sorted(shown)}, README.md says {sorted(row.labels)}")
    assert not problems, "\n".join(problems)


def _labels_shown(scrape: Scrape, name: str, kind: str) -> frozenset[str] | None:
    series = [name + "_bucket", name + "_count"] if kind == "histogram" else [name]
    seen = [scrape.series[s].labels for s in series if s in scrape.series and scrape.series[s].labels is not None]
    return frozenset().union(*seen) - {"le"} if seen else None


def _runtime(scrape: Scrape) -> set[str]:
    return {s.family for s in scrape.series.values() if s.family.startswith(("python_", "process_"))}


def _show(matchers: list[promql.Matcher]) -> str:
    return ", ".join(f'{m.label}{m.op}"{m.value}"' for m in matchers)


def test_every_service_is_scraped(scrape: Scrape) -> None:
    declared = defaultdict(set)
    for service, families in scrape.families.items():
        for family in families:
            declared[family].add(service)
    # The chassis' metrics are the proof that a service's registry is the one /metrics serves.
    assert declared["complaints_events_consumed_total"] == set(SERVICES)
