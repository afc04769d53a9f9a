"""Wiring only: settings → stores → consumers, API and the retention timer, run by the chassis."""

from functools import partial

from complaint_contracts import IntakeEvent, topics
from complaints_chassis.caused import CausedPublisher
from complaints_chassis.kafka_security import client_options
from complaints_chassis.personal_data import KeepSealed, open_key_store
from complaints_chassis.runtime import Runtime, ServiceSpec, service_app
from complaints_chassis.settings import load_settings
from fastapi import FastAPI
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from .adapters.export_sources import HttpExportSources
from .adapters.lookup_guard import LookupGuard
from .adapters.metrics import IntakeMetrics
from .adapters.privacy_store import MongoPrivacyStore
from .adapters.rate_limiter import RateLimiter
from .adapters.record_store import MongoRecordStore
from .adapters.store import MongoIntakeStore
from .adapters.submissions_topic import SubmissionsTopic
from .config import IntakeSettings
from .deps import IntakeDeps
from .entrypoints import api, handlers, keys_api, privacy_api, staff_api
from .entrypoints.retention_timer import run_retention, run_trimming
from .usecases import (
    AccessCodeService,
    CustomerService,
    DataKeysService,
    ErasureService,
    ExportService,
    FilingService,
    StaffFilesService,
    SubjectFinder,
)
from .usecases.retention import RecordRetentionService, RetentionService


async def setup(runtime: Runtime[IntakeSettings]) -> IntakeDeps:
    """Open the service's stores; what this returns is handed to handlers and the API."""
    settings = runtime.settings
    subjects = settings.subject_index()
    keys = await open_key_store(settings, runtime.db)
    # What staff write to the customer comes sealed: it is kept so and opened only where it is shown.
    runtime.opener = KeepSealed()
    store = MongoIntakeStore(runtime.db)
    await store.ensure_indexes()
    relay = await runtime.use_outbox(store.complaints)
    metrics = IntakeMetrics(runtime.registry)
    privacy = MongoPrivacyStore(runtime.db)
    await privacy.ensure_indexes()
    finder = SubjectFinder(store=privacy, complaints=store, subjects=subjects)
    erasure = ErasureService(store=privacy, finder=finder, keys=keys, clock=runtime.clock, notify=relay.notify,
                             metrics=metrics)
    retention = RetentionService(store=privacy, erasure=erasure, clock=runtime.clock,
                                 retention=settings.personal_data_retention(), batch_size=settings.retention_batch_size)
    records = MongoRecordStore(runtime.db)
    await records.ensure_indexes()
    record_retention = RecordRetentionService(store=records, keys=keys, clock=runtime.clock, notify=relay.notify,
                                              metrics=metrics, retention=settings.record_retention(),
                                              batch_size=settings.retention_batch_size)
    runtime.exclusive.append(partial(run_retention, retention, record_retention,
                                     interval_seconds=settings.retention_interval_seconds))
    if settings.submissions_trim_seconds > 0:
        submissions = SubmissionsTopic(bootstrap=settings.kafka_bootstrap, client=client_options(settings),
                                       group_id=settings.consumer_group or handlers.events.group_id)
        runtime.exclusive.append(partial(run_trimming, submissions, interval_seconds=settings.submissions_trim_seconds))
    return IntakeDeps(
        settings=settings, metrics=metrics,
        filing=FilingService(store=store, clock=runtime.clock, limits=settings.limits(), notify=relay.notify,
                             submitted=CausedPublisher(store.complaints, await runtime.record_sender()),
                             metrics=metrics, keys=keys, subjects=subjects),
        customers=CustomerService(
            store=store, clock=runtime.clock, notify=relay.notify, metrics=metrics, keys=keys,
            lookups=LookupGuard(policy=settings.lookup_policy(),
                                client_failures_per_minute=settings.lookup_failures_per_minute,
                                number_failures_per_hour=settings.lookup_failures_per_number_per_hour,
                                max_entries=settings.rate_limit_clients),
            limits=settings.limits(), reopen_window=settings.reopen_window(),
            record_retention=settings.record_retention()),
        access_codes=AccessCodeService(
            store=store, clock=runtime.clock, notify=relay.notify, metrics=metrics, keys=keys, subjects=subjects,
            per_client=RateLimiter(allowance=settings.access_code_requests_per_client_per_hour, period_seconds=3600.0,
                                   max_clients=settings.rate_limit_clients),
            per_number=RateLimiter(allowance=settings.access_code_requests_per_number_per_hour, period_seconds=3600.0,
                                   max_clients=settings.rate_limit_clients)),
        staff_files=StaffFilesService(store=store, clock=runtime.clock, metrics=metrics),
        data_keys=DataKeysService(keys=keys, metrics=metrics, subjects=subjects,
                                  readers={name: s.get_secret_value() for name, s in settings.key_readers.items()},
                                  sealers={name: s.get_secret_value() for name, s in settings.key_sealers.items()}),
        erasure=erasure,
        export=ExportService(store=privacy, finder=finder, keys=keys, clock=runtime.clock,
                             sources=HttpExportSources(settings.export_sources, metrics=metrics,
                                                       timeout_seconds=settings.export_timeout_seconds)),
        requests=RateLimiter(allowance=settings.requests_per_minute, max_clients=settings.rate_limit_clients),
    )


async def shutdown(deps: IntakeDeps) -> None:
    """Close the connections to the services an access export asks."""
    await deps.export.sources.close()


SPEC: ServiceSpec[IntakeSettings, IntakeDeps] = ServiceSpec(
    name="intake",
    version="0.1.0",
    description="The public front door: filing, status and customer actions.",
    consumers=handlers.CONSUMERS,
    outputs={topics.INTAKE: IntakeEvent},
    setup=setup,
    routers=[api.router, staff_api.router, keys_api.router, privacy_api.router],
    on_shutdown=shutdown,
)


def create_app(settings: IntakeSettings | None = None) -> FastAPI:
    """The ASGI app (run with `uvicorn intake.main:create_app --factory --no-proxy-headers`: intake decides itself
    whose X-Forwarded-For to believe)."""
    settings = settings or load_settings(IntakeSettings)
    app = service_app(SPEC, settings)
    # The client address the rate budgets are kept for: X-Forwarded-For only from the configured proxies.
    app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=[str(proxy) for proxy in settings.trusted_proxies])
    return app
