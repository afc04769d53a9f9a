"""Intake's use cases, the only thing its entrypoints call, one module per use case.

`FilingService` (filing.py): complaints filed over HTTP or submitted over Kafka. `CustomerService` (customers.py):
the status page, the customer's actions and files, the timeline. `AccessCodeService` (access_codes.py): new access
codes on request. `StaffFilesService` (staff.py): evidence downloads by staff. Their refusals are in errors.py.
"""

from .access_codes import AccessCodeService
from .customers import CustomerService
from .errors import (
    ConcurrentChange,
    Forbidden,
    IdempotencyKeyReused,
    NotFound,
    Refused,
    TooManyCodeRequests,
    TooManyLookups,
)
from .filing import Filed, FilingService
from .staff import StaffFilesService

__all__ = ["AccessCodeService", "ConcurrentChange", "CustomerService", "Filed", "FilingService", "Forbidden",
           "IdempotencyKeyReused", "NotFound", "Refused", "StaffFilesService", "TooManyCodeRequests",
           "TooManyLookups"]
