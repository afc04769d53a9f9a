"""Wiring only: settings → stores → consumers, API and the deadline scan, run by the chassis."""

from functools import partial

from complaint_contracts import ResolutionEvent, topics
from complaints_calendar import load_calendars
from complaints_chassis.caused import CausedPublisher
from complaints_chassis.leases import LEASES_COLLECTION
from complaints_chassis.personal_data import Opener
from complaints_chassis.runtime import Runtime, ServiceSpec, service_app
from complaints_chassis.settings import load_settings
from fastapi import FastAPI

from .adapters.calendars import JurisdictionCalendars
from .adapters.complaint_records import MongoComplaintRecords
from .adapters.corrective_store import MongoCorrectiveActions
from .adapters.export_log import MongoExportLog
from .adapters.metrics import ResolutionMetrics
from .adapters.store import MongoCaseStore
from .adapters.template_files import load_template_sets
from .adapters.workload_counters import OPEN_CASE_COUNTS, MongoWorkloadCounters
from .config import ResolutionSettings
from .deps import ResolutionDeps
from .entrypoints import api, handlers
from .entrypoints.deadline_scan import run_deadline_scan
from .entrypoints.workload_start import count_workloads_at_start
from .service import ResolutionService


async def setup(runtime: Runtime[ResolutionSettings]) -> ResolutionDeps:
    """Open the key ring, the stores, the case outbox relay, the service (its workloads counted) and the deadline
    scan loop."""
    settings = runtime.settings
    ring = settings.key_ring()
    runtime.opener = Opener(ring)  # the consumer opens the personal data of every batch with one key look-up
    policy = settings.policy()
    store, records = MongoCaseStore(runtime.db, policy=policy), MongoComplaintRecords(runtime.db)
    counters = MongoWorkloadCounters(runtime.db)
    open_case_counts = MongoWorkloadCounters(runtime.db, OPEN_CASE_COUNTS, announces=False)
    actions = MongoCorrectiveActions(runtime.db)
    for indexed in (store, records, actions):
        await indexed.ensure_indexes()
    relay = await runtime.use_outbox(store.cases, counters.workloads)
    service = ResolutionService(
        store=store, workloads=counters, open_case_counts=open_case_counts, records=records, actions=actions,
        exports=MongoExportLog(runtime.db),
        clock=runtime.clock, policy=policy, notify=relay.notify,
        opened=CausedPublisher(store.cases, await runtime.record_sender()), templates=load_template_sets(),
        calendars=JurisdictionCalendars(load_calendars(), default_jurisdiction=settings.calendar_jurisdiction),
        metrics=ResolutionMetrics(runtime.registry), scan_batch_size=settings.scan_batch_size, keys=ring,
        clock_control=runtime.clock if settings.allow_clock_control else None)
    await count_workloads_at_start(service, runtime.db[LEASES_COLLECTION], ttl_seconds=settings.lease_seconds)
    runtime.exclusive.append(partial(run_deadline_scan, service, interval_seconds=settings.scan_interval_seconds))
    return ResolutionDeps(service=service, clock=runtime.clock)


SPEC = ServiceSpec[ResolutionSettings, ResolutionDeps](
    name="resolution",
    version="0.1.0",
    description="The case, the staff API and the clocks.",
    consumers=handlers.CONSUMERS,
    outputs={topics.RESOLUTION: ResolutionEvent},
    setup=setup,
    routers=[api.router],
)


def create_app(settings: ResolutionSettings | None = None) -> FastAPI:
    """The ASGI app (run with `uvicorn resolution.main:create_app --factory`)."""
    return service_app(SPEC, settings or load_settings(ResolutionSettings))
