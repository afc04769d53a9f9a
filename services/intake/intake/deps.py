"""What the handlers and the API get from `setup`."""

from dataclasses import dataclass
from typing import Annotated

from complaints_chassis.runtime import typed_deps
from fastapi import Depends

from .adapters.metrics import IntakeMetrics
from .adapters.rate_limiter import RateLimiter
from .config import IntakeSettings
from .usecases import (
    AccessCodeService,
    CustomerService,
    DataKeysService,
    ErasureService,
    ExportService,
    FilingService,
    StaffFilesService,
)


@dataclass
class IntakeDeps:
    settings: IntakeSettings
    filing: FilingService
    customers: CustomerService
    access_codes: AccessCodeService
    staff_files: StaffFilesService
    data_keys: DataKeysService
    erasure: ErasureService
    export: ExportService
    metrics: IntakeMetrics
    requests: RateLimiter
    """Per-client budget of API requests."""


get_deps = typed_deps(IntakeDeps)
Deps = Annotated[IntakeDeps, Depends(get_deps)]
